//! `/quota`: quota management. Per department, project and node pool, the GPU quota against
//! what is allocated, over quota and waiting; what each department has assigned to its
//! projects and has left. For all clusters or the one chosen, all departments or one.

use super::overview::{count, filtered, ratio, tile};
use crate::api::authorization::ResourceType;
use crate::api::departments::Department;
use crate::api::filter::{Filter, Op};
use crate::api::org::QuotaEntry;
use crate::api::projects::Project;
use crate::api::telemetry::Telemetry;
use crate::api::{use_api, Api, Pending};
use crate::components::cell::Cell;
use crate::components::clusters::{chosen, chosen_cluster, scope_select};
use crate::components::load::load;
use crate::components::resource::{Pages, ResourceEntry};
use crate::components::status::{ErrorPanel, Loading};
use crate::components::table::figures;
use crate::resources::org::quota_cell;
use leptos::prelude::*;

pub const ENTRY: ResourceEntry = ResourceEntry {
    slug: "quota",
    title: "Quota management",
    group: "Organization",
    permission: Some(ResourceType::Department),
    tenant_wide: false,
    pages: Pages::Own(|| view! { <QuotaManagement/> }.into_any()),
};

#[derive(Clone)]
struct Quotas {
    departments: Vec<Department>,
    projects: Vec<Project>,
    /// The GPUs of the node pools in scope.
    gpus: f64,
}

fn quotas(api: Api, cluster: Option<String>) -> Pending<Quotas> {
    Box::pin(async move {
        let scope: Vec<Filter> = cluster.iter().map(|c| Filter { field: "clusterId".into(), op: Op::Eq, value: c.clone() }).collect();
        let nodes_in: Vec<(&'static str, String)> = cluster.into_iter().map(|c| ("clusterId", c)).collect();
        let (departments, projects, gpus) = futures::join!(
            api.every::<Department>(scope.clone()),
            api.every::<Project>(scope),
            api.telemetry(Telemetry::Nodes, "TOTAL_GPUS", "ClusterId", &nodes_in)
        );
        Ok(Quotas { departments: departments?, projects: projects?, gpus: gpus?.iter().map(|(_, n)| n).sum() })
    })
}

/// A quota entry's node pool and guaranteed GPUs (-1: unlimited).
fn pool_gpus(e: &QuotaEntry) -> (&str, f64) {
    (e.pool_name(), e.gpu().unwrap_or(0.0))
}

/// GPUs held beyond a quota (none beyond an unlimited one).
fn over(held: f64, quota: f64) -> f64 {
    if quota < 0.0 { 0.0 } else { (held - quota).max(0.0) }
}

/// Per project and node pool: (department id, department, project, pool, quota, held, waiting).
type Line = (String, String, Cell, String, f64, f64, f64);

fn lines(projects: &[Project]) -> Vec<Line> {
    let mut lines = Vec::new();
    for p in projects {
        let statuses = p.status.as_ref().map(|s| s.pools.as_slice()).unwrap_or_default();
        for entry in &p.resources {
            let (pool, quota) = pool_gpus(entry);
            let (held, asked) = statuses.iter().find(|s| s.pool == pool).map_or((None, None), |s| s.status.gpus());
            let (held, asked) = (held.unwrap_or(0.0), asked.unwrap_or(0.0));
            let department = p.parent.as_ref().map(|d| d.name.clone()).unwrap_or_default();
            let project = Cell::Link { text: p.name.clone(), href: format!("/projects/{}", p.id) };
            lines.push((p.parent_id.clone().unwrap_or_default(), department, project, pool.to_owned(), quota, held, (asked - held).max(0.0)));
        }
    }
    lines
}

fn page(q: Quotas, department: Option<String>) -> impl IntoView {
    let mine = |id: &str| department.as_deref().is_none_or(|d| d == id);
    let lines: Vec<Line> = lines(&q.projects).into_iter().filter(|l| mine(&l.0)).collect();
    let project_rows = lines.iter().map(|(_, d, p, pool, quota, held, waiting)| {
        vec![p.clone(), Cell::Text(d.clone()), Cell::Text(pool.clone()), quota_cell(Some(*quota)), Cell::Number(*held), Cell::Share(ratio(*held, *quota)), Cell::Number(over(*held, *quota)), Cell::Number(*waiting)]
    });
    let mut department_rows = Vec::new();
    let (mut quota_total, mut over_total) = (0.0, 0.0);
    for d in q.departments.iter().filter(|d| mine(&d.id)) {
        for (pool, quota) in d.resources.iter().map(pool_gpus) {
            let of_pool = || lines.iter().filter(|l| l.0 == d.id && l.3 == pool);
            let assigned: f64 = of_pool().map(|l| l.4.max(0.0)).sum();
            let (held, waiting) = (of_pool().map(|l| l.5).sum::<f64>(), of_pool().map(|l| l.6).sum::<f64>());
            let left = if quota < 0.0 { Cell::Text("Unlimited".into()) } else { Cell::Number(quota - assigned) };
            quota_total += quota.max(0.0);
            over_total += over(held, quota);
            let name = Cell::Link { text: d.name.clone(), href: format!("/departments/{}", d.id) };
            department_rows.push(vec![name, Cell::Text(pool.to_owned()), quota_cell(Some(quota)), Cell::Number(assigned), left, Cell::Number(held), Cell::Share(ratio(held, quota)), Cell::Number(over(held, quota)), Cell::Number(waiting)]);
        }
    }
    // What the projects hold and wait for in every node pool, with a quota there or not.
    let statuses = q.projects.iter().filter(|p| mine(p.parent_id.as_deref().unwrap_or_default())).filter_map(|p| p.status.as_ref()?.quota_status.as_ref());
    let (held_total, waiting_total) = statuses.map(|s| s.gpus()).fold((0.0, 0.0), |(held, waiting), (has, asks)| {
        let has = has.unwrap_or(0.0);
        (held + has, waiting + (asks.unwrap_or(0.0) - has).max(0.0))
    });
    let tiles = view! {
        <div class="tiles">
            {tile("GPU quota", count(quota_total), format!("{} of {} GPUs", Cell::Share(ratio(quota_total, q.gpus)).text(0), count(q.gpus)), "/departments".to_owned())}
            {tile("Allocated GPUs", count(held_total), format!("{} of quota", Cell::Share(ratio(held_total, quota_total)).text(0)), filtered("workloads", "phase", "Running"))}
            {tile("Over quota", count(over_total), "GPUs beyond guarantees".to_owned(), "/projects?sort=gpuAllocated&dir=desc".to_owned())}
            {tile("Pending GPUs", count(waiting_total), "waiting to be scheduled".to_owned(), filtered("workloads", "phase", "Pending"))}
        </div>
    };
    view! {
        {tiles}
        <div class="charts">
            {figures("Departments by node pool", &["Department", "Node pool", "GPU quota", "Assigned to projects", "Unassigned", "Allocated GPUs", "Allocation ratio", "Over quota", "Pending GPUs"], department_rows)}
            {figures("Projects by node pool", &["Project", "Department", "Node pool", "GPU quota", "Allocated GPUs", "Allocation ratio", "Over quota", "Pending GPUs"], project_rows.collect())}
        </div>
    }
}

#[component]
fn QuotaManagement() -> impl IntoView {
    let api = use_api();
    let (cluster, department) = (Memo::new(|_| chosen_cluster()), chosen("department"));
    let loaded = load(move || quotas(api, cluster.get()));
    let retry = loaded.retry();
    let departments = move || {
        let options = loaded.ok()?.departments.into_iter().map(|d| (d.id, d.name)).collect();
        Some(scope_select("Department", "department", "All departments", options))
    };
    let body = move || match loaded.get() {
        None => view! { <Loading what="the quotas"/> }.into_any(),
        Some(Err(error)) => view! { <ErrorPanel error doing="load the quotas" retry/> }.into_any(),
        Some(Ok(q)) => page(q, department.get()).into_any(),
    };
    view! {
        <section class="page overview">
            <div class="page-header">
                <h1 id="page-title">"Quota management"</h1>
                <div class="toolbar">
                    {departments}
                    <button class="button" on:click=move |_| loaded.reload() disabled=loaded.busy>"Refresh"</button>
                </div>
            </div>
            <div class:busy=loaded.busy>{body}</div>
        </section>
    }
}
