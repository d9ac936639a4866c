//! Projects: list, detail, create, edit, delete; each in a cluster, under a department, with
//! per-node-pool quotas, scheduling rules, default node pools and node types.

use super::org::{memory_cell, node_types_from, phase_cell, policy_fields, policy_values, quota_cell, quota_section, rules_from, rules_section, totals};
use super::ResourceEntry;
use crate::api::filter::{Filter, Op};
use crate::api::projects::{Project, ProjectWrite};
use crate::components::cell::Cell;
use crate::components::detail::{ResourceDetail, Section, SectionBody};
use crate::components::form::{FormPage, FormSpec};
use crate::components::form_model::{quota_entries, quota_rows, Field, FieldKind, Value, Values};
use crate::components::list::{Column, ListActions, ResourceTable};
use crate::components::list_state::ListState;
use leptos::prelude::*;

const PERMISSION: &str = "project";

pub const ENTRY: ResourceEntry = ResourceEntry {
    slug: "projects",
    title: "Projects",
    group: "Organization",
    permission: PERMISSION,
    tenant_wide: false,
    list: || table(Vec::new(), ListState::in_url(), false),
    detail: Some(|id| {
        view! { <ResourceDetail<Project> id noun="project" list_href="/projects" list_title="Projects" sections permission=PERMISSION/> }.into_any()
    }),
    form: Some(|id| view! { <FormPage<Project> spec=form() id/> }.into_any()),
};

/// The project list, within `scope` (e.g. one department).
pub fn table(scope: Vec<Filter>, state: ListState, embedded: bool) -> AnyView {
    let actions = ListActions::allowed(PERMISSION, "/projects");
    view! {
        <ResourceTable<Project> title="Projects" noun="projects" columns=columns() href=|p: &Project| format!("/projects/{}", p.id)
            details=sections actions scope state embedded/>
    }
    .into_any()
}

fn department(p: &Project) -> Cell {
    Cell::opt(p.parent.as_ref().map(|d| d.name.as_str()))
}

fn namespace(p: &Project) -> Cell {
    Cell::opt(p.status.as_ref().and_then(|s| s.namespace.as_deref()).or(p.requested_namespace.as_deref()))
}

fn phase(p: &Project) -> Cell {
    phase_cell(p.status.as_ref().and_then(|s| s.phase.as_deref()))
}

fn allocated_gpus(p: &Project) -> Cell {
    quota_cell(p.status.as_ref().and_then(|s| s.quota_status.as_ref()).and_then(|q| q.allocated.as_ref()).and_then(|a| a.gpu))
}

pub fn columns() -> Vec<Column<Project>> {
    let column = Column::<Project>::new;
    vec![
        column("name", "Project", |p| Cell::Text(p.name.clone())).api("name", &Op::TEXT),
        column("department", "Department", department).api("parentName", &Op::TEXT),
        column("status", "Status", phase).api("phase", &Op::TEXT),
        column("namespace", "Namespace", namespace),
        column("gpuQuota", "GPU quota", |p| quota_cell(totals(p.total_resources.as_ref()).0)).api("totalGpuQuota", &Op::ORDERED),
        column("gpuAllocated", "Allocated GPUs", allocated_gpus).api("gpuAllocated", &Op::ORDERED),
        column("cpuQuota", "CPU quota (mcores)", |p| quota_cell(totals(p.total_resources.as_ref()).1)).hidden(),
        column("memoryQuota", "Memory quota", |p| memory_cell(totals(p.total_resources.as_ref()).2)).hidden(),
        column("cluster", "Cluster UUID", |p| Cell::Text(p.cluster_id.clone())).api("clusterId", &Op::TEXT).hidden(),
        column("created", "Created", |p| Cell::opt_time(p.created_at.as_deref())).api("createdAt", &Op::ORDERED),
    ]
}

fn sections(p: &Project) -> Vec<Section> {
    let (gpu, cpu, memory) = totals(p.total_resources.as_ref());
    let status = p.status.clone().unwrap_or_default();
    let types = p.node_types.clone().unwrap_or_default();
    vec![
        Section {
            title: "Overview",
            body: SectionBody::Fields(vec![
                ("Status", phase(p)),
                ("Status message", Cell::opt(status.phase_message.as_deref())),
                ("Department", department(p)),
                ("Namespace", namespace(p)),
                ("Description", Cell::opt(p.description.as_deref())),
                ("GPU quota", quota_cell(gpu)),
                ("Allocated GPUs", allocated_gpus(p)),
                ("CPU quota (mcores)", quota_cell(cpu)),
                ("Memory quota", memory_cell(memory)),
                ("Run:ai scheduler enforced", Cell::opt(p.enforce_runai_scheduler.map(|e| if e { "Yes" } else { "No" }))),
                ("Cluster UUID", Cell::Text(p.cluster_id.clone())),
                ("Created", Cell::opt_time(p.created_at.as_deref())),
                ("Created by", Cell::opt(p.created_by.as_deref())),
            ]),
        },
        quota_section(&p.resources),
        Section {
            title: "Node placement",
            body: SectionBody::Fields(vec![
                ("Default node pools", Cell::opt(p.default_node_pools.as_ref().map(|d| d.join(", ")).as_deref())),
                ("Node types for training", Cell::opt(Some(&types.training.join(", ")))),
                ("Node types for workspaces", Cell::opt(Some(&types.workspace.join(", ")))),
            ]),
        },
        rules_section(p.scheduling_rules.as_ref()),
        Section { title: "Subjects", body: SectionBody::Related { id: p.id.clone(), render: subjects_of } },
    ]
}

/// Who has a role in the project (its direct access rules).
fn subjects_of(id: String) -> AnyView {
    super::access_rules::table(vec![Filter { field: "scopeId".into(), op: Op::Eq, value: id }], ListState::local(), true)
}

fn form() -> FormSpec<Project> {
    FormSpec {
        noun: "project",
        list_href: "/projects",
        fields: || {
            let mut fields = vec![
                Field::new("name", "Name", FieldKind::Text { max: 63, kubernetes: true }).required().create_only()
                    .help("Lowercase letters, digits and '-', at most 63; it becomes part of the namespace."),
                Field::new("cluster", "Cluster", FieldKind::Cluster).required().create_only(),
                Field::new("department", "Department", FieldKind::Department).required().create_only(),
                Field::new("namespace", "Namespace", FieldKind::Text { max: 63, kubernetes: true }).create_only()
                    .help("Leave empty for runai-<name>."),
                Field::new("description", "Description", FieldKind::LongText),
                Field::new("enforceRunaiScheduler", "Enforce the Run:ai scheduler", FieldKind::Flag),
                Field::new("resources", "Quotas by node pool", FieldKind::Quotas),
            ];
            fields.extend(policy_fields());
            fields
        },
        initial: |p| {
            let p = p.cloned().unwrap_or_default();
            let mut v = Values::default();
            v.set("name", Value::Text(p.name));
            v.set("cluster", Value::Text(p.cluster_id));
            v.set("department", Value::Text(p.parent_id.unwrap_or_default()));
            v.set("namespace", Value::Text(p.requested_namespace.unwrap_or_default()));
            v.set("description", Value::Text(p.description.unwrap_or_default()));
            v.set("enforceRunaiScheduler", Value::Flag(p.enforce_runai_scheduler.unwrap_or(true)));
            v.set("resources", Value::Quotas(quota_rows(&p.resources)));
            policy_values(&mut v, p.scheduling_rules.as_ref(), p.default_node_pools.as_ref(), p.node_types.as_ref());
            v
        },
        payload: |v, creating| {
            let write = ProjectWrite {
                name: creating.then(|| v.text("name")),
                cluster_id: creating.then(|| v.text("cluster")),
                parent_id: creating.then(|| v.text("department")),
                requested_namespace: Some(v.text("namespace")).filter(|n| creating && !n.is_empty()),
                description: v.text("description"),
                enforce_runai_scheduler: v.flag("enforceRunaiScheduler"),
                resources: quota_entries(&v.quotas("resources")),
                scheduling_rules: rules_from(v),
                default_node_pools: v.list("defaultNodePools"),
                node_types: node_types_from(v),
            };
            serde_json::to_string(&write).unwrap_or_default()
        },
        secrets: |_| Vec::new(),
        has_detail: true,
    }
}
