//! `/`: the Overview. What the tenant's GPUs do now (tiles that open the list they count, node
//! pools by allocation, workloads by status, GPUs by workload type, and each cluster when there
//! are several) and over time (allocation and utilization), for all clusters or the one chosen
//! in the top bar. It refreshes itself while the tab is visible, as the workloads list does.

use crate::api::telemetry::{cluster_metrics, Figure, Telemetry};
use crate::components::clusters::cluster_names;
use crate::api::{all_of, use_api, Api, ApiError, Pending, Reading};
use crate::components::cell::{format_number, Cell};
use crate::components::live::auto_refresh;
use crate::components::load::load_keeping;
use crate::components::metrics::{iso, lines_of, ChartSpec, MetricsPanel, SAMPLES};
use crate::components::status::{stale_banner, ErrorPanel, Loading};
use crate::components::table::figures as table;
use crate::util::base::href;
use leptos::prelude::*;
use serde_json::Value;

/// As often as the workloads list: what runs changes as fast there as here.
const REFRESH_SECS: u32 = 5;

/// The node figures read per node pool, in the order of `Pool::figures`.
const FIGURES: [&str; 5] = ["READY_GPU_NODES", "READY_GPUS", "TOTAL_GPUS", "ALLOCATED_GPUS", "FREE_GPUS"];
const READY_NODES: usize = 0;
const READY_GPUS: usize = 1;
const TOTAL_GPUS: usize = 2;
const ALLOCATED: usize = 3;
const FREE: usize = 4;

/// One node pool of one cluster, and its `FIGURES`.
#[derive(Clone, PartialEq)]
struct Pool {
    cluster: String,
    name: String,
    figures: [f64; 5],
}

/// What the page shows now.
#[derive(Clone, PartialEq)]
struct Now {
    pools: Vec<Pool>,
    /// Workloads by phase.
    phases: Vec<(String, f64)>,
    /// GPUs held by workload type.
    types: Vec<(String, f64)>,
}

impl Now {
    fn sum(&self, figure: usize, cluster: Option<&str>) -> f64 {
        self.pools.iter().filter(|p| cluster.is_none_or(|c| p.cluster == c)).map(|p| p.figures[figure]).sum()
    }
    fn phase(&self, phase: &str) -> f64 {
        self.phases.iter().find(|(p, _)| p == phase).map_or(0.0, |(_, n)| *n)
    }
}

/// The last group of each figure (the phase, the type) with its value.
fn by_last(figures: Vec<Figure>) -> Vec<(String, f64)> {
    figures.into_iter().map(|(mut g, n)| (g.pop().unwrap_or_default(), n)).collect()
}

fn now(api: Api, cluster: Option<String>) -> Pending<Now> {
    Box::pin(async move {
        let scope: Vec<(&'static str, String)> = cluster.into_iter().map(|c| ("clusterId", c)).collect();
        let scope = scope.as_slice();
        // All at once: the page waits for the slowest only. The node figures by pool, then
        // the workloads by phase and by type.
        let mut reads: Vec<Reading<Vec<Figure>>> = FIGURES.iter().map(|kind| Box::pin(api.telemetry(Telemetry::Nodes, kind, "ClusterId,Nodepool", scope)) as _).collect();
        reads.push(Box::pin(api.telemetry(Telemetry::Workloads, "WORKLOADS_COUNT", "Phase", scope)));
        reads.push(Box::pin(api.telemetry(Telemetry::Workloads, "GPU_ALLOCATION", "Type", scope)));
        let (mut pools, mut phases, mut types) = (Vec::<Pool>::new(), Vec::new(), Vec::new());
        for (i, answer) in all_of(reads).await.into_iter().enumerate() {
            let figures = answer?;
            match i {
                5 => phases = by_last(figures),
                6 => types = by_last(figures),
                _ => add_to_pools(&mut pools, i, figures),
            }
        }
        Ok(Now { pools, phases, types })
    })
}

/// Figure `i` (of `FIGURES`) of each node pool, as telemetry grouped by cluster and node pool
/// gives it, into `pools`.
fn add_to_pools(pools: &mut Vec<Pool>, i: usize, figures: Vec<Figure>) {
    for (groups, value) in figures {
        let [cluster, name] = <[String; 2]>::try_from(groups).unwrap_or_default();
        match pools.iter_mut().find(|p| p.cluster == cluster && p.name == name) {
            Some(pool) => pool.figures[i] = value,
            None => {
                let mut figures = [0.0; 5];
                figures[i] = value;
                pools.push(Pool { cluster, name, figures });
            }
        }
    }
}

/// The time charts' data: each cluster's allocation and utilization, `{"clusters": [{"name",
/// "measurements"}]}`.
fn over_time(api: Api, cluster: Option<String>, start: i64, end: i64) -> Pending<Value> {
    let known = cluster_names();
    Box::pin(async move {
        let window = [("metricType", "ALLOCATED_GPU,TOTAL_GPU,GPU_UTILIZATION".to_owned()), ("start", iso(start)), ("end", iso(end)), ("numberOfSamples", SAMPLES.to_owned())];
        let mut charted = Vec::new();
        // One cluster's lines need no name (`per_cluster`), so no list of clusters either.
        let chosen = match cluster {
            Some(uuid) => vec![(uuid, String::new())],
            None => crate::components::clusters::every_cluster(api, known).await?,
        };
        for (uuid, name) in chosen {
            let mut one = Value::Object(Default::default());
            one["measurements"] = Value::Array(api.metrics(&cluster_metrics(&uuid), &window).await?);
            one["name"] = Value::String(name);
            charted.push(one);
        }
        let mut answer = Value::Object(Default::default());
        answer["clusters"] = Value::Array(charted);
        Ok(answer)
    })
}

/// The lines of `metric`, one per cluster, named `cluster` + `suffix` (the cluster's name
/// alone when there is one).
fn per_cluster(answer: &Value, metric: &str, suffix: &str) -> crate::components::chart::Series {
    let clusters = answer["clusters"].as_array().map(Vec::as_slice).unwrap_or_default();
    let named = clusters.iter().filter_map(|c| {
        let m = c["measurements"].as_array()?.iter().find(|m| m["type"] == metric)?;
        let name = if clusters.len() == 1 { suffix.trim().to_owned() } else { format!("{}{suffix}", c["name"].as_str().unwrap_or_default()) };
        Some((name, m))
    });
    lines_of(named, 1.0)
}

fn charts() -> Vec<ChartSpec> {
    vec![
        ChartSpec { title: "GPU allocation", unit: "GPU", lines: |a| {
            let mut series = per_cluster(a, "ALLOCATED_GPU", " allocated");
            series.lines.extend(per_cluster(a, "TOTAL_GPU", " total").lines);
            series
        } },
        ChartSpec { title: "GPU utilization", unit: "%", lines: |a| per_cluster(a, "GPU_UTILIZATION", " utilization") },
    ]
}

/// A whole number with thousands separators in the operator's locale ("10,000").
pub fn count(n: f64) -> String {
    if n.fract() == 0.0 { js_sys::Number::from(n).to_locale_string("default").into() } else { format_number(n) }
}

/// The path of a list of the console, filtered (`field==value`).
pub fn filtered(list: &str, field: &str, value: &str) -> String {
    format!("/{list}?filter={}", crate::api::query::encode_component(&format!("{field}=={value}")))
}

/// A figure that opens the list it counts.
pub fn tile(label: &'static str, value: String, detail: String, link: String) -> impl IntoView {
    view! {
        <a class="tile" href=href(&link) data-testid="tile">
            <span class="tile-value">{value}</span>
            <span class="tile-label">{label}</span>
            <span class="tile-detail">{detail}</span>
        </a>
    }
}

/// How much of `whole` `part` is (NaN of nothing).
pub fn ratio(part: f64, whole: f64) -> f64 {
    if whole > 0.0 { part / whole } else { f64::NAN }
}

fn dashboard(now: Now, chosen: Option<String>) -> impl IntoView {
    let scope = chosen.as_deref();
    let sum = |figure| now.sum(figure, scope);
    let (ready, total, allocated) = (sum(READY_GPUS), sum(TOTAL_GPUS), sum(ALLOCATED));
    let tiles = view! {
        <div class="tiles">
            {tile("Ready GPU nodes", count(sum(READY_NODES)), String::new(), filtered("nodes", "status", "Ready"))}
            {tile("Ready GPUs", count(ready), format!("of {}", count(total)), "/nodepools".to_owned())}
            {tile("Allocated GPUs", count(allocated), format!("{} of ready", Cell::Share(ratio(allocated, ready)).text(0)), filtered("workloads", "phase", "Running") + "&sort=gpus&dir=desc")}
            {tile("Running workloads", count(now.phase("Running")), String::new(), filtered("workloads", "phase", "Running"))}
            {tile("Pending workloads", count(now.phase("Pending")), String::new(), filtered("workloads", "phase", "Pending"))}
        </div>
    };
    let names = cluster_names();
    let several = names.len() > 1;
    let pools = now.pools.iter().filter(|p| scope.is_none_or(|c| p.cluster == c)).map(|p| {
        let f = p.figures;
        let mut row = vec![Cell::Link { text: p.name.clone(), href: filtered("nodes", "nodePool", &p.name) }];
        if several {
            row.insert(0, Cell::Cluster(p.cluster.clone()));
        }
        row.extend([Cell::Number(f[READY_NODES]), Cell::Number(f[TOTAL_GPUS]), Cell::Number(f[ALLOCATED]), Cell::Number(f[FREE]), Cell::Share(ratio(f[ALLOCATED], f[READY_GPUS]))]);
        row
    });
    let pool_titles: &'static [&'static str] = if several {
        &["Cluster", "Node pool", "Ready GPU nodes", "GPUs", "Allocated GPUs", "Free GPUs", "Allocation ratio"]
    } else {
        &["Node pool", "Ready GPU nodes", "GPUs", "Allocated GPUs", "Free GPUs", "Allocation ratio"]
    };
    let workloads: f64 = now.phases.iter().map(|(_, n)| n).sum();
    let phases = now.phases.iter().map(|(phase, n)| vec![Cell::Link { text: phase.clone(), href: filtered("workloads", "phase", phase) }, Cell::Number(*n), Cell::Share(ratio(*n, workloads))]).collect();
    let types = now.types.iter().map(|(kind, n)| vec![Cell::Link { text: kind.clone(), href: filtered("workloads", "type", kind) }, Cell::Number(*n), Cell::Share(ratio(*n, allocated))]).collect();
    // Each cluster at a glance, when there are several: a way to find one idle or down.
    let clusters = (several && scope.is_none()).then(|| {
        let rows = names.iter().map(|(uuid, name)| {
            let (gpus, held) = (now.sum(TOTAL_GPUS, Some(uuid)), now.sum(ALLOCATED, Some(uuid)));
            vec![Cell::Link { text: name.clone(), href: format!("/?cluster={}", crate::api::query::encode_component(uuid)) }, Cell::Number(now.sum(READY_NODES, Some(uuid))), Cell::Number(gpus), Cell::Number(held), Cell::Share(ratio(held, now.sum(READY_GPUS, Some(uuid))))]
        });
        table("Clusters", &["Cluster", "Ready GPU nodes", "GPUs", "Allocated GPUs", "Allocation ratio"], rows.collect())
    });
    view! {
        {tiles}
        <div class="charts">
            {clusters}
            {table("Node pools", pool_titles, pools.collect())}
            {table("Workloads by status", &["Status", "Workloads", "Share"], phases)}
            {table("Allocated GPUs by workload type", &["Type", "Allocated GPUs", "Share"], types)}
        </div>
    }
}

#[component]
pub fn Overview() -> impl IntoView {
    let api = use_api();
    let chosen = Memo::new(|_| crate::components::clusters::chosen_cluster());
    // A refresh that fails for a passing reason keeps the figures shown, as the lists do.
    let stale = RwSignal::new(None::<ApiError>);
    let loaded = load_keeping(Some(stale), move || now(api, chosen.get()));
    auto_refresh(REFRESH_SECS, move || !loaded.busy.get_untracked(), move || loaded.reload());
    let retry = loaded.retry();
    let body = move || match loaded.get() {
        None => view! { <Loading what="the overview"/> }.into_any(),
        Some(Err(error)) => view! { <ErrorPanel error doing="load the overview" retry/> }.into_any(),
        Some(Ok(now)) => dashboard(now, chosen.get()).into_any(),
    };
    // The charts follow the chosen cluster: a new panel for each choice.
    let over_time = move || {
        let cluster = chosen.get();
        let fetch = std::rc::Rc::new(move |api, start, end| over_time(api, cluster.clone(), start, end));
        view! { <MetricsPanel fetch charts=charts() every=REFRESH_SECS/> }
    };
    view! {
        <section class="page overview">
            <div class="page-header">
                <h1 id="page-title">"Overview"</h1>
            </div>
            {stale_banner(stale, "These figures".into(), "refresh the overview".into(), retry)}
            <div class:busy=loaded.busy>{body}</div>
            <h2>"Over time"</h2>
            {over_time}
        </section>
    }
}
