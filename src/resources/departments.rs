//! Departments: list with quota columns, detail with their projects, create, edit, delete.

use super::org::{
    metrics_section,
    capacity_columns, OrgUnit, clusters, default_node_pools_from, memory_cell, node_types_from, POLICY_FIELDS, policy_values, quota_cell, quota_entries, department_quota_field, quota_rows,
    quota_section, rules_from, rules_section, totals, RESOURCES,
};
use crate::api::authorization::ResourceType;
use crate::api::departments::{Department, DepartmentWrite};
use crate::api::filter::Op;
use crate::api::projects::Project;
use crate::components::cell::Cell;
use crate::components::detail::{Section, SectionBody};
use crate::components::form::FormSpec;
use crate::components::form_model::{Field, Key, Values};
use crate::components::list::Column;
use crate::components::resource::{related, Resource};
use leptos::prelude::*;

impl Resource for Department {
    const SLUG: &'static str = "departments";
    const TITLE: &'static str = "Departments";
    const NOUN: &'static str = "department";
    const PLURAL: &'static str = "departments";
    const GROUP: &'static str = "Organization";
    const PERMISSION: Option<ResourceType> = Some(ResourceType::Department);
    const CLUSTER_FIELD: Option<&'static str> = Some("clusterId");

    fn columns() -> Vec<Column<Department>> {
        columns()
    }
    fn sections(&self) -> Vec<Section> {
        sections(self)
    }
    fn form() -> Option<FormSpec<Department>> {
        Some(FormSpec::new(fields, initial, payload))
    }
    fn created(&self) -> Option<&str> {
        self.created_at.as_deref()
    }
}

fn columns() -> Vec<Column<Department>> {
    let column = Column::<Department>::new;
    let mut columns = vec![
        Column::name("Department").api("name", &Op::TEXT),
        column("gpuQuota", "GPU quota", |d| quota_cell(totals(d.total_resources.as_ref()).0)).api("totalGpuQuota", &Op::ORDERED),
        column("cpuQuota", "CPU quota (mcores)", |d| quota_cell(totals(d.total_resources.as_ref()).1)),
        column("memoryQuota", "Memory quota", |d| memory_cell(totals(d.total_resources.as_ref()).2)),
        column("projects", "Projects", |d| Cell::Number(d.children.as_ref().map_or(0, Vec::len) as f64)),
        // Not filtered here: the top bar's chooser picks a cluster by name, not by UUID.
        column("cluster", "Cluster", |d| Cell::Cluster(d.cluster_id.clone())).sort("clusterId").hidden(),
        Column::created().dates("createdAt"),
    ];
    columns.splice(2..2, capacity_columns());
    columns
}

fn sections(d: &Department) -> Vec<Section> {
    let (gpu, cpu, memory) = totals(d.total_resources.as_ref());
    vec![
        Section {
            title: "Overview",
            body: SectionBody::Fields(vec![
                ("Description", Cell::opt(d.description.as_deref())),
                ("GPU quota", quota_cell(gpu)),
                ("Allocated GPUs", quota_cell(d.quota_status().and_then(|s| s.gpus().0))),
                ("CPU quota (mcores)", quota_cell(cpu)),
                ("Memory quota", memory_cell(memory)),
                ("Cluster", Cell::Cluster(d.cluster_id.clone())),
                ("Created", Cell::opt_time(d.created_at.as_deref())),
                ("Created by", Cell::opt(d.created_by.as_deref())),
            ]),
        },
        quota_section(&d.resources),
        metrics_section(crate::api::telemetry::department_metrics(&d.id)),
        Section { title: "Projects", body: SectionBody::Related { id: d.id.clone(), render: projects_of } },
        rules_section(d.scheduling_rules.as_ref()),
        Section { title: "Policies", body: SectionBody::Fields(super::policies::view_links("department", &d.id)) },
    ]
}

fn projects_of(id: String) -> AnyView {
    related::<Project>("parentId", id)
}

const NAME: Key<String> = Key::new("name");
const CLUSTER: Key<String> = Key::new("cluster");
const DESCRIPTION: Key<String> = Key::new("description");

fn fields() -> Vec<Field> {
    let mut fields = vec![
        Field::kubernetes_name(NAME, "Name").required().create_only(),
        Field::reference(CLUSTER, "Cluster", clusters).required().create_only(),
        Field::long_text(DESCRIPTION, "Description"),
        department_quota_field().depends_on(CLUSTER),
    ];
    fields.extend_from_slice(POLICY_FIELDS);
    fields
}

fn initial(d: Option<&Department>) -> Values {
    let d = d.cloned().unwrap_or_default();
    let mut v = Values::default();
    v.put(NAME, d.name);
    v.put(CLUSTER, d.cluster_id);
    v.put_text(DESCRIPTION, d.description);
    v.put(RESOURCES, quota_rows(&d.resources));
    policy_values(&mut v, d.scheduling_rules.as_ref(), d.default_node_pools.as_ref(), d.node_types.as_ref());
    v
}

fn payload(v: &Values, creating: bool) -> String {
    let write = DepartmentWrite {
        name: creating.then(|| v.get(NAME)),
        cluster_id: creating.then(|| v.get(CLUSTER)),
        description: v.get(DESCRIPTION),
        resources: quota_entries(&v.get(RESOURCES)),
        scheduling_rules: rules_from(v),
        default_node_pools: default_node_pools_from(v),
        node_types: node_types_from(v),
    };
    crate::api::json::ToJson::to_json(&write)
}
