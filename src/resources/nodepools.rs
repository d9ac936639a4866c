//! Node pools: list (per cluster too), detail, create, edit, delete.

use super::org::phase_cell;
use super::ResourceEntry;
use crate::api::filter::{Filter, Op};
use crate::api::nodepools::{GpuOptimization, NodePool, NodePoolWrite, Placement};
use crate::components::cell::Cell;
use crate::components::detail::{ResourceDetail, Section, SectionBody};
use crate::components::form::{FormPage, FormSpec};
use crate::components::form_model::{Field, FieldKind, Value, Values};
use crate::components::list::{Column, ListActions, ResourceTable};
use crate::components::list_state::ListState;
use leptos::prelude::*;

const PERMISSION: &str = "nodepools";

pub const ENTRY: ResourceEntry = ResourceEntry {
    slug: "nodepools",
    title: "Node pools",
    group: "Resources",
    permission: PERMISSION,
    tenant_wide: false,
    list: || table(Vec::new(), ListState::in_url(), false),
    detail: Some(|id| {
        view! { <ResourceDetail<NodePool> id noun="node pool" list_href="/nodepools" list_title="Node pools" sections permission=PERMISSION/> }.into_any()
    }),
    form: Some(|id| view! { <FormPage<NodePool> spec=form() id/> }.into_any()),
};

/// The node-pool list, within `scope` (e.g. one cluster).
pub fn table(scope: Vec<Filter>, state: ListState, embedded: bool) -> AnyView {
    let actions = ListActions::allowed(PERMISSION, "/nodepools");
    view! {
        <ResourceTable<NodePool> title="Node pools" noun="node pools" columns=columns() href=|p: &NodePool| format!("/nodepools/{}", p.id)
            details=sections actions scope state embedded/>
    }
    .into_any()
}

fn strategy(p: &NodePool, gpu: bool) -> Cell {
    let placement = p.placement_strategy.as_ref();
    Cell::opt(placement.and_then(|s| if gpu { s.gpu.as_deref() } else { s.cpu.as_deref() }))
}

pub fn columns() -> Vec<Column<NodePool>> {
    let column = Column::<NodePool>::new;
    vec![
        column("name", "Node pool", |p| Cell::Text(p.name.clone())).api("name", &Op::TEXT),
        column("phase", "Status", |p| phase_cell(p.phase.as_deref())).api("phase", &Op::TEXT),
        column("cluster", "Cluster", |p| Cell::opt(p.cluster_name.as_deref())).sort("clusterId"),
        column("label", "Node label", |p| {
            Cell::Text(format!("{}={}", p.label_key.as_deref().unwrap_or(""), p.label_value.as_deref().unwrap_or("")))
        }),
        column("nodes", "Nodes", |p| Cell::Number(p.status.as_ref().map_or(0, |s| s.nodes.len()) as f64)),
        column("gpuPlacement", "GPU placement", |p| strategy(p, true)),
        column("cpuPlacement", "CPU placement", |p| strategy(p, false)).hidden(),
        column("acceleration", "GPU network acceleration", |p| Cell::opt(p.gpu_network_acceleration_detection.as_deref()))
            .api("gpuNetworkAccelerationDetection", &Op::TEXT)
            .hidden(),
        column("swap", "GPU swap", |p| flag(p.gpu_resource_optimization.as_ref().and_then(|o| o.swap_enabled))).hidden(),
        column("created", "Created", |p| Cell::opt_time(p.created_at.as_deref())).api("createdAt", &Op::ORDERED),
        column("updated", "Updated", |p| Cell::opt_time(p.updated_at.as_deref())).api("updatedAt", &Op::ORDERED).hidden(),
    ]
}

fn flag(on: Option<bool>) -> Cell {
    Cell::opt(on.map(|on| if on { "Enabled" } else { "Disabled" }))
}

fn sections(p: &NodePool) -> Vec<Section> {
    let optimization = p.gpu_resource_optimization.clone().unwrap_or_default();
    vec![
        Section {
            title: "Overview",
            body: SectionBody::Fields(vec![
                ("Status", phase_cell(p.phase.as_deref())),
                ("Status message", Cell::opt(p.phase_message.as_deref())),
                ("Cluster", Cell::opt(p.cluster_name.as_deref())),
                ("Default pool", Cell::Text(if p.is_default { "Yes" } else { "No" }.into())),
                ("Label key", Cell::opt(p.label_key.as_deref())),
                ("Label value", Cell::opt(p.label_value.as_deref())),
                ("Nodes", Cell::Text(p.status.as_ref().map(|s| s.nodes.join(", ")).unwrap_or_default())),
                ("Created", Cell::opt_time(p.created_at.as_deref())),
                ("Created by", Cell::opt(p.created_by.as_deref())),
            ]),
        },
        Section {
            title: "Scheduling",
            body: SectionBody::Fields(vec![
                ("GPU placement", strategy(p, true)),
                ("CPU placement", strategy(p, false)),
                ("GPU over-provisioning ratio", p.over_provisioning_ratio.map_or(Cell::Missing, |r| Cell::Number(r as f64))),
                ("GPU network acceleration", Cell::opt(p.gpu_network_acceleration_detection.as_deref())),
                ("Acceleration label key", Cell::opt(p.gpu_network_acceleration_label_key.as_deref())),
                ("GPU memory swap", flag(optimization.swap_enabled)),
                ("Node-level scheduler", flag(optimization.node_level_scheduler_enabled)),
            ]),
        },
    ]
}

const PLACEMENT: &[(&str, &str)] = &[("binpack", "Bin-pack (fill nodes first)"), ("spread", "Spread (balance across nodes)")];
const ACCELERATION: &[(&str, &str)] = &[("Auto", "Detect automatically"), ("Use", "Use"), ("DontUse", "Do not use")];

fn form() -> FormSpec<NodePool> {
    FormSpec {
        noun: "node pool",
        list_href: "/nodepools",
        fields: || {
            vec![
                Field::new("name", "Name", FieldKind::Text { max: 63, kubernetes: true }).required().create_only(),
                Field::new("cluster", "Cluster", FieldKind::Cluster).required().create_only(),
                Field::new("labelKey", "Node label key", FieldKind::Text { max: 316, kubernetes: false }).required()
                    .help("Nodes carrying this label (with the value below) belong to the pool."),
                Field::new("labelValue", "Node label value", FieldKind::Text { max: 63, kubernetes: false }).required(),
                Field::new("gpuPlacement", "GPU placement", FieldKind::Choice(PLACEMENT)),
                Field::new("cpuPlacement", "CPU placement", FieldKind::Choice(PLACEMENT)),
                Field::new("overProvisioningRatio", "GPU over-provisioning ratio", FieldKind::Whole { min: 1, max: 5 }).required(),
                Field::new("acceleration", "GPU network acceleration", FieldKind::Choice(ACCELERATION)),
                Field::new("accelerationLabelKey", "Acceleration label key", FieldKind::Text { max: 316, kubernetes: false }),
                Field::new("swapEnabled", "Swap GPU memory to CPU memory", FieldKind::Flag),
                Field::new("nodeLevelScheduler", "Node-level scheduler", FieldKind::Flag),
            ]
        },
        initial: |p| {
            let p = p.cloned().unwrap_or_default();
            let placement = p.placement_strategy.clone().unwrap_or_default();
            let optimization = p.gpu_resource_optimization.clone().unwrap_or_default();
            let text = |s: Option<String>, default: &str| Value::Text(s.unwrap_or_else(|| default.to_owned()));
            let mut v = Values::default();
            v.set("name", Value::Text(p.name));
            v.set("cluster", Value::Text(p.cluster_id));
            v.set("labelKey", text(p.label_key, "run.ai/type"));
            v.set("labelValue", text(p.label_value, ""));
            v.set("gpuPlacement", text(placement.gpu, "binpack"));
            v.set("cpuPlacement", text(placement.cpu, "binpack"));
            v.set("overProvisioningRatio", Value::Text(p.over_provisioning_ratio.unwrap_or(1).to_string()));
            v.set("acceleration", text(p.gpu_network_acceleration_detection, "Auto"));
            v.set("accelerationLabelKey", text(p.gpu_network_acceleration_label_key, ""));
            v.set("swapEnabled", Value::Flag(optimization.swap_enabled.unwrap_or(false)));
            v.set("nodeLevelScheduler", Value::Flag(optimization.node_level_scheduler_enabled.unwrap_or(false)));
            v
        },
        payload: |v, creating| {
            let write = NodePoolWrite {
                name: creating.then(|| v.text("name")),
                cluster_id: creating.then(|| v.text("cluster")),
                label_key: v.text("labelKey"),
                label_value: v.text("labelValue"),
                over_provisioning_ratio: v.whole("overProvisioningRatio").unwrap_or(1),
                placement_strategy: Placement { gpu: Some(v.text("gpuPlacement")), cpu: Some(v.text("cpuPlacement")) },
                gpu_network_acceleration_detection: v.text("acceleration"),
                gpu_network_acceleration_label_key: Some(v.text("accelerationLabelKey")).filter(|k| !k.is_empty()),
                gpu_resource_optimization: GpuOptimization {
                    swap_enabled: Some(v.flag("swapEnabled")),
                    node_level_scheduler_enabled: Some(v.flag("nodeLevelScheduler")),
                },
            };
            serde_json::to_string(&write).unwrap_or_default()
        },
        secrets: |_| Vec::new(),
        has_detail: true,
    }
}
