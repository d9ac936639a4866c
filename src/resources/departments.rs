//! Departments: list with quota columns, detail with their projects, create, edit, delete.

use super::org::{memory_cell, node_types_from, policy_fields, policy_values, quota_cell, quota_section, rules_from, rules_section, totals};
use super::{projects, ResourceEntry};
use crate::api::departments::{Department, DepartmentWrite};
use crate::api::filter::{Filter, Op};
use crate::components::cell::Cell;
use crate::components::detail::{ResourceDetail, Section, SectionBody};
use crate::components::form::{FormPage, FormSpec};
use crate::components::form_model::{quota_entries, quota_rows, Field, FieldKind, Value, Values};
use crate::components::list::{Column, ListActions, ResourceTable};
use crate::components::list_state::ListState;
use leptos::prelude::*;

const PERMISSION: &str = "department";

pub const ENTRY: ResourceEntry = ResourceEntry {
    slug: "departments",
    title: "Departments",
    group: "Organization",
    permission: PERMISSION,
    tenant_wide: false,
    list: || {
        let actions = ListActions::allowed(PERMISSION, "/departments");
        view! {
            <ResourceTable<Department> title="Departments" noun="departments" columns=columns() href=|d: &Department| format!("/departments/{}", d.id)
                details=sections actions state=ListState::in_url()/>
        }
        .into_any()
    },
    detail: Some(|id| {
        view! { <ResourceDetail<Department> id noun="department" list_href="/departments" list_title="Departments" sections permission=PERMISSION/> }.into_any()
    }),
    form: Some(|id| view! { <FormPage<Department> spec=form() id/> }.into_any()),
};

pub fn columns() -> Vec<Column<Department>> {
    let column = Column::<Department>::new;
    vec![
        column("name", "Department", |d| Cell::Text(d.name.clone())).api("name", &Op::TEXT),
        column("gpuQuota", "GPU quota", |d| quota_cell(totals(d.total_resources.as_ref()).0)).api("totalGpuQuota", &Op::ORDERED),
        column("cpuQuota", "CPU quota (mcores)", |d| quota_cell(totals(d.total_resources.as_ref()).1)),
        column("memoryQuota", "Memory quota", |d| memory_cell(totals(d.total_resources.as_ref()).2)),
        column("projects", "Projects", |d| Cell::Number(d.children.as_ref().map_or(0, Vec::len) as f64)),
        column("cluster", "Cluster UUID", |d| Cell::Text(d.cluster_id.clone())).api("clusterId", &Op::TEXT).hidden(),
        column("created", "Created", |d| Cell::opt_time(d.created_at.as_deref())).api("createdAt", &Op::ORDERED),
    ]
}

fn sections(d: &Department) -> Vec<Section> {
    let (gpu, cpu, memory) = totals(d.total_resources.as_ref());
    vec![
        Section {
            title: "Overview",
            body: SectionBody::Fields(vec![
                ("Description", Cell::opt(d.description.as_deref())),
                ("GPU quota", quota_cell(gpu)),
                ("CPU quota (mcores)", quota_cell(cpu)),
                ("Memory quota", memory_cell(memory)),
                ("Cluster UUID", Cell::Text(d.cluster_id.clone())),
                ("Created", Cell::opt_time(d.created_at.as_deref())),
                ("Created by", Cell::opt(d.created_by.as_deref())),
            ]),
        },
        quota_section(&d.resources),
        Section { title: "Projects", body: SectionBody::Related { id: d.id.clone(), render: projects_of } },
        rules_section(d.scheduling_rules.as_ref()),
    ]
}

fn projects_of(id: String) -> AnyView {
    projects::table(vec![Filter { field: "parentId".into(), op: Op::Eq, value: id }], ListState::local(), true)
}

fn form() -> FormSpec<Department> {
    FormSpec {
        noun: "department",
        list_href: "/departments",
        fields: || {
            let mut fields = vec![
                Field::new("name", "Name", FieldKind::Text { max: 63, kubernetes: true }).required().create_only(),
                Field::new("cluster", "Cluster", FieldKind::Cluster).required().create_only(),
                Field::new("description", "Description", FieldKind::LongText),
                Field::new("resources", "Quotas by node pool", FieldKind::Quotas),
            ];
            fields.extend(policy_fields());
            fields
        },
        initial: |d| {
            let d = d.cloned().unwrap_or_default();
            let mut v = Values::default();
            v.set("name", Value::Text(d.name));
            v.set("cluster", Value::Text(d.cluster_id));
            v.set("description", Value::Text(d.description.unwrap_or_default()));
            v.set("resources", Value::Quotas(quota_rows(&d.resources)));
            policy_values(&mut v, d.scheduling_rules.as_ref(), d.default_node_pools.as_ref(), d.node_types.as_ref());
            v
        },
        payload: |v, creating| {
            let write = DepartmentWrite {
                name: creating.then(|| v.text("name")),
                cluster_id: creating.then(|| v.text("cluster")),
                description: v.text("description"),
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
