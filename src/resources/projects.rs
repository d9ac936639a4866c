//! Projects: list, detail, create, edit, delete; each in a cluster, under a department, with
//! per-node-pool quotas, scheduling rules, default node pools and node types.

use super::org::{
    metrics_section,
    capacity_columns, clusters, default_node_pools_from, departments_in, memory_cell, node_types_from, phase_cell, POLICY_FIELDS, policy_values, quota_cell, quota_entries,
    quota_field, quota_rows, quota_section, rules_from, rules_section, totals, RESOURCES,
};
use crate::api::authorization::ResourceType;
use crate::api::filter::Op;
use crate::api::iam::AccessRule;
use crate::api::projects::{Project, ProjectWrite};
use crate::components::cell::Cell;
use crate::components::detail::{Section, SectionBody};
use crate::components::form::FormSpec;
use crate::components::form_model::{Field, Key, Values};
use crate::components::list::Column;
use crate::components::resource::{related, Resource};
use leptos::prelude::*;

impl Resource for Project {
    const SLUG: &'static str = "projects";
    const TITLE: &'static str = "Projects";
    const NOUN: &'static str = "project";
    const PLURAL: &'static str = "projects";
    const GROUP: &'static str = "Organization";
    const PERMISSION: Option<ResourceType> = Some(ResourceType::Project);
    const CLUSTER_FIELD: Option<&'static str> = Some("clusterId");

    fn columns() -> Vec<Column<Project>> {
        columns()
    }
    fn sections(&self) -> Vec<Section> {
        sections(self)
    }
    fn form() -> Option<FormSpec<Project>> {
        Some(FormSpec::new(fields, initial, payload))
    }
    fn created(&self) -> Option<&str> {
        self.created_at.as_deref()
    }
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

fn columns() -> Vec<Column<Project>> {
    let column = Column::<Project>::new;
    let mut columns = vec![
        Column::name("Project").api("name", &Op::TEXT),
        column("department", "Department", department).api("parentName", &Op::TEXT),
        column("status", "Status", phase).api("phase", &Op::TEXT),
        column("namespace", "Namespace", namespace),
        column("gpuQuota", "GPU quota", |p| quota_cell(totals(p.total_resources.as_ref()).0)).api("totalGpuQuota", &Op::ORDERED),
        column("cpuQuota", "CPU quota (mcores)", |p| quota_cell(totals(p.total_resources.as_ref()).1)).hidden(),
        column("memoryQuota", "Memory quota", |p| memory_cell(totals(p.total_resources.as_ref()).2)).hidden(),
        // Not filtered here: the top bar's chooser picks a cluster by name, not by UUID.
        column("cluster", "Cluster", |p| Cell::Cluster(p.cluster_id.clone())).sort("clusterId").hidden(),
        Column::created().dates("createdAt"),
    ];
    columns.splice(5..5, capacity_columns());
    columns
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
                ("Cluster", Cell::Cluster(p.cluster_id.clone())),
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
        Section { title: "Policies", body: SectionBody::Fields(super::policies::view_links("project", &p.id)) },
        metrics_section(crate::api::telemetry::project_metrics(&p.id)),
        Section { title: "Subjects", body: SectionBody::Related { id: p.id.clone(), render: subjects_of } },
        Section { title: "Workloads", body: SectionBody::Related { id: p.id.clone(), render: workloads_of } },
    ]
}

/// What runs in the project.
fn workloads_of(id: String) -> AnyView {
    related::<crate::api::workloads::Workload>("projectId", id)
}

/// Who has a role in the project (its direct access rules).
fn subjects_of(id: String) -> AnyView {
    related::<AccessRule>("scopeId", id)
}

const NAME: Key<String> = Key::new("name");
const CLUSTER: Key<String> = Key::new("cluster");
const DEPARTMENT: Key<String> = Key::new("department");
const NAMESPACE: Key<String> = Key::new("namespace");
const DESCRIPTION: Key<String> = Key::new("description");
const ENFORCE_SCHEDULER: Key<bool> = Key::new("enforceRunaiScheduler");

fn fields() -> Vec<Field> {
    let mut fields = vec![
        Field::kubernetes_name(NAME, "Name").required().create_only().help("Lowercase letters, digits and '-', at most 63; it becomes part of the namespace."),
        Field::reference(CLUSTER, "Cluster", clusters).required().create_only(),
        Field::reference(DEPARTMENT, "Department", departments_in).depends_on(CLUSTER).required().create_only(),
        Field::kubernetes_name(NAMESPACE, "Namespace").create_only().help("Leave empty for runai-<name>."),
        Field::long_text(DESCRIPTION, "Description"),
        Field::flag(ENFORCE_SCHEDULER, "Enforce the Run:ai scheduler"),
        quota_field().depends_on(CLUSTER),
    ];
    fields.extend_from_slice(POLICY_FIELDS);
    fields
}

fn initial(p: Option<&Project>) -> Values {
    let p = p.cloned().unwrap_or_default();
    let mut v = Values::default();
    v.put(NAME, p.name);
    v.put(CLUSTER, p.cluster_id);
    v.put_text(DEPARTMENT, p.parent_id);
    v.put_text(NAMESPACE, p.requested_namespace);
    v.put_text(DESCRIPTION, p.description);
    v.put(ENFORCE_SCHEDULER, p.enforce_runai_scheduler.unwrap_or(true));
    v.put(RESOURCES, quota_rows(&p.resources));
    policy_values(&mut v, p.scheduling_rules.as_ref(), p.default_node_pools.as_ref(), p.node_types.as_ref());
    v
}

fn payload(v: &Values, creating: bool) -> String {
    let write = ProjectWrite {
        name: creating.then(|| v.get(NAME)),
        cluster_id: creating.then(|| v.get(CLUSTER)),
        parent_id: creating.then(|| v.get(DEPARTMENT)),
        requested_namespace: v.some(NAMESPACE).filter(|_| creating),
        description: v.get(DESCRIPTION),
        enforce_runai_scheduler: v.get(ENFORCE_SCHEDULER),
        resources: quota_entries(&v.get(RESOURCES)),
        scheduling_rules: rules_from(v),
        default_node_pools: default_node_pools_from(v),
        node_types: node_types_from(v),
    };
    crate::api::json::ToJson::to_json(&write)
}
