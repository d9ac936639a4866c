//! Node pools: list (per cluster too), detail, create, edit, delete.

use super::nodes::{allocated_column, allocation_column, capacity_columns, figure, free_column, gpu_fields, measured, utilization_chart, HoldsGpus};
use crate::api::telemetry::pool_metrics;
use crate::components::metrics::{lines_of, of_type, record_metrics, ChartSpec};
use leptos::prelude::AnyView;
use super::org::{clusters, phase_cell};
use crate::api::telemetry::Measured;
use crate::api::authorization::ResourceType;
use crate::api::filter::Op;
use crate::api::nodepools::{GpuOptimization, NodePool, NodePoolWrite, Placement};
use crate::components::cell::Cell;
use crate::components::detail::{Section, SectionBody};
use crate::components::form::FormSpec;
use crate::components::form_model::{Field, Key, TextRule, Values};
use crate::components::list::Column;
use crate::components::resource::Resource;

impl Resource for NodePool {
    const SLUG: &'static str = "nodepools";
    const TITLE: &'static str = "Node pools";
    const NOUN: &'static str = "node pool";
    const PLURAL: &'static str = "node pools";
    const GROUP: &'static str = "Resources";
    const PERMISSION: Option<ResourceType> = Some(ResourceType::NodePools);
    const CLUSTER_FIELD: Option<&'static str> = Some("clusterId");

    fn columns() -> Vec<Column<NodePool>> {
        columns()
    }
    fn sections(&self) -> Vec<Section> {
        sections(self)
    }
    fn form() -> Option<FormSpec<NodePool>> {
        Some(FormSpec::new(fields, initial, payload))
    }
    fn created(&self) -> Option<&str> {
        self.created_at.as_deref()
    }
    /// The cluster's default pool holds every node no other pool claims; the API keeps it.
    fn deletable(&self) -> bool {
        !self.is_default
    }
}

fn strategy(p: &NodePool, gpu: bool) -> Cell {
    let placement = p.placement_strategy.as_ref();
    Cell::opt(placement.and_then(|s| if gpu { s.gpu.as_deref() } else { s.cpu.as_deref() }))
}

fn columns() -> Vec<Column<NodePool>> {
    let column = Column::<NodePool>::new;
    let mut columns = vec![
        Column::name("Node pool").api("name", &Op::TEXT),
        column("phase", "Status", |p| phase_cell(p.phase.as_deref())).api("phase", &Op::TEXT),
        column("cluster", "Cluster", |p| Cell::opt(p.cluster_name.as_deref())).sort("clusterId"),
        column("label", "Node label", |p| {
            Cell::Text(format!("{}={}", p.label_key.as_deref().unwrap_or(""), p.label_value.as_deref().unwrap_or("")))
        }),
        column("nodes", "Nodes", |p| Cell::Number(p.status.as_ref().map_or(0, |s| s.nodes.len()) as f64)),
        column("gpus", "GPUs", |p| measured(p, |_, m| figure(m.total_gpus))),
        allocated_column(),
        free_column(),
        allocation_column(),
    ];
    columns.extend(capacity_columns());
    columns.extend([
        column("gpuPlacement", "GPU placement", |p| strategy(p, true)),
        column("cpuPlacement", "CPU placement", |p| strategy(p, false)).hidden(),
        column("acceleration", "GPU network acceleration", |p| Cell::opt(p.gpu_network_acceleration_detection.as_deref()))
            .api("gpuNetworkAccelerationDetection", &Op::TEXT)
            .hidden(),
        column("swap", "GPU swap", |p| flag(p.gpu_resource_optimization.as_ref().and_then(|o| o.swap_enabled))).hidden(),
        Column::created().dates("createdAt"),
        column("updated", "Updated", |p| Cell::opt_time(p.updated_at.as_deref())).dates("updatedAt").hidden(),
    ]);
    columns
}

impl HoldsGpus for NodePool {
    fn measured(&self) -> Option<&Measured> {
        self.usage.as_ref()
    }
    fn gpus(&self) -> Option<f64> {
        self.usage.as_ref()?.total_gpus
    }
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
        Section { title: "GPUs", body: SectionBody::Fields(gpu_fields(p)) },
        Section { title: "Metrics", body: SectionBody::Related { id: pool_metrics(&p.cluster_id, &p.name), render: charts } },
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

/// The pool's GPUs (all, allocated, and the quota its projects hold there) and utilization
/// over time.
fn charts(path: String) -> AnyView {
    const NAMED: [(&str, &str); 3] = [("TOTAL_GPU", "Total"), ("ALLOCATED_GPU", "Allocated"), ("GPU_QUOTA", "Quota")];
    let gpus = ChartSpec { title: "GPUs", unit: "GPUs", lines: |a| lines_of(of_type(a, &NAMED), 1.0) };
    record_metrics(path, "TOTAL_GPU,ALLOCATED_GPU,GPU_QUOTA,GPU_UTILIZATION,CPU_UTILIZATION,CPU_MEMORY_UTILIZATION", vec![gpus, utilization_chart()])
}

const PLACEMENT: &[(&str, &str)] = &[("binpack", "Bin-pack (fill nodes first)"), ("spread", "Spread (balance across nodes)")];
const ACCELERATION: &[(&str, &str)] = &[("Auto", "Detect automatically"), ("Use", "Use"), ("DontUse", "Do not use")];

const NAME: Key<String> = Key::new("name");
const CLUSTER: Key<String> = Key::new("cluster");
const LABEL_KEY: Key<String> = Key::new("labelKey");
const LABEL_VALUE: Key<String> = Key::new("labelValue");
const GPU_PLACEMENT: Key<String> = Key::new("gpuPlacement");
const CPU_PLACEMENT: Key<String> = Key::new("cpuPlacement");
const RATIO: Key<String> = Key::new("overProvisioningRatio");
const ACCELERATION_DETECTION: Key<String> = Key::new("acceleration");
const ACCELERATION_LABEL_KEY: Key<String> = Key::new("accelerationLabelKey");
const SWAP: Key<bool> = Key::new("swapEnabled");
const NODE_LEVEL_SCHEDULER: Key<bool> = Key::new("nodeLevelScheduler");

const FIELDS: &[Field] = &[
    Field::kubernetes_name(NAME, "Name").required().create_only(),
    Field::reference(CLUSTER, "Cluster", clusters).required().create_only(),
    Field::label(LABEL_KEY, "Node label key", TextRule::LabelKey).required().help("Nodes carrying this label (with the value below) belong to the pool."),
    Field::label(LABEL_VALUE, "Node label value", TextRule::LabelValue).required(),
    Field::choice(GPU_PLACEMENT, "GPU placement", PLACEMENT),
    Field::choice(CPU_PLACEMENT, "CPU placement", PLACEMENT),
    Field::whole(RATIO, "GPU over-provisioning ratio", 1, 5).required(),
    Field::choice(ACCELERATION_DETECTION, "GPU network acceleration", ACCELERATION),
    Field::label(ACCELERATION_LABEL_KEY, "Acceleration label key", TextRule::LabelKey),
    Field::flag(SWAP, "Swap GPU memory to CPU memory"),
    Field::flag(NODE_LEVEL_SCHEDULER, "Node-level scheduler"),
];

fn fields() -> Vec<Field> {
    FIELDS.to_vec()
}

fn initial(p: Option<&NodePool>) -> Values {
    let p = p.cloned().unwrap_or_default();
    let placement = p.placement_strategy.clone().unwrap_or_default();
    let optimization = p.gpu_resource_optimization.clone().unwrap_or_default();
    let mut v = Values::default();
    v.put(NAME, p.name);
    v.put(CLUSTER, p.cluster_id);
    v.put(LABEL_KEY, p.label_key.unwrap_or_else(|| "run.ai/type".into()));
    v.put_text(LABEL_VALUE, p.label_value);
    v.put(GPU_PLACEMENT, placement.gpu.unwrap_or_else(|| "binpack".into()));
    v.put(CPU_PLACEMENT, placement.cpu.unwrap_or_else(|| "binpack".into()));
    v.put(RATIO, p.over_provisioning_ratio.unwrap_or(1).to_string());
    v.put(ACCELERATION_DETECTION, p.gpu_network_acceleration_detection.unwrap_or_else(|| "Auto".into()));
    v.put_text(ACCELERATION_LABEL_KEY, p.gpu_network_acceleration_label_key);
    v.put(SWAP, optimization.swap_enabled.unwrap_or(false));
    v.put(NODE_LEVEL_SCHEDULER, optimization.node_level_scheduler_enabled.unwrap_or(false));
    v
}

fn payload(v: &Values, creating: bool) -> String {
    let write = NodePoolWrite {
        name: creating.then(|| v.get(NAME)),
        cluster_id: creating.then(|| v.get(CLUSTER)),
        label_key: v.get(LABEL_KEY),
        label_value: v.get(LABEL_VALUE),
        over_provisioning_ratio: v.whole(RATIO).unwrap_or(1),
        placement_strategy: Placement { gpu: Some(v.get(GPU_PLACEMENT)), cpu: Some(v.get(CPU_PLACEMENT)) },
        gpu_network_acceleration_detection: v.get(ACCELERATION_DETECTION),
        gpu_network_acceleration_label_key: v.some(ACCELERATION_LABEL_KEY),
        gpu_resource_optimization: GpuOptimization { swap_enabled: Some(v.get(SWAP)), node_level_scheduler_enabled: Some(v.get(NODE_LEVEL_SCHEDULER)) },
    };
    crate::api::json::ToJson::to_json(&write)
}
