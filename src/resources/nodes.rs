//! Nodes: read-only, across clusters and per cluster; details in the side pane.

use crate::api::authorization::ResourceType;
use crate::api::filter::Op;
use crate::api::nodes::Node;
use crate::api::telemetry::{node_metrics, Measured};
use crate::components::metrics::{lines_of, of_type, record_metrics, ChartSpec};
use leptos::prelude::AnyView;
use crate::components::cell::{Cell, Tone};
use super::org::memory_cell;
use crate::components::detail::{Section, SectionBody};
use crate::components::list::Column;
use crate::components::resource::Resource;
use crate::components::table::{ColumnHead, TableRow};

impl Resource for Node {
    const SLUG: &'static str = "nodes";
    const TITLE: &'static str = "Nodes";
    const NOUN: &'static str = "node";
    const PLURAL: &'static str = "nodes";
    const GROUP: &'static str = "Resources";
    const PERMISSION: Option<ResourceType> = Some(ResourceType::Nodes);
    const CLUSTER_FIELD: Option<&'static str> = Some("clusterUuid");
    const DETAIL: bool = false;
    const DELETABLE: bool = false;

    fn columns() -> Vec<Column<Node>> {
        columns()
    }
    fn sections(&self) -> Vec<Section> {
        sections(self)
    }
    fn created(&self) -> Option<&str> {
        self.created_at.as_deref()
    }
}

fn status(node: &Node) -> Cell {
    match node.status.as_deref() {
        Some("Ready") => Cell::Status { label: "Ready".into(), tone: Tone::Good },
        Some("NotReady") => Cell::Status { label: "Not ready".into(), tone: Tone::Bad },
        other => Cell::opt(other),
    }
}

fn columns() -> Vec<Column<Node>> {
    let column = Column::<Node>::new;
    let mut columns = vec![
        Column::name("Node").api("name", &Op::TEXT),
        column("status", "Status", status).api("status", &Op::TEXT),
        column("nodePool", "Node pool", |n| Cell::Text(n.node_pool.clone())).api("nodePool", &Op::TEXT),
        column("gpuType", "GPU type", |n| Cell::opt(n.gpu_info.as_ref().and_then(|g| g.gpu_type.as_deref()))).api("gpuType", &Op::TEXT),
        column("gpus", "GPUs", |n| Cell::Number(n.gpus().unwrap_or(0.0))),
        allocated_column(),
        free_column(),
        allocation_column(),
    ];
    columns.extend(capacity_columns());
    columns.extend([
        // Not filtered here: the top bar's chooser picks a cluster by name, not by UUID.
        column("cluster", "Cluster", |n| Cell::Cluster(n.cluster_uuid.clone())).sort("clusterUuid").hidden(),
        Column::created().hidden(),
    ]);
    columns
}

/// What nodes and node pools report of their GPUs, shown alike.
pub trait HoldsGpus {
    /// Its node telemetry; `None` until it has been read (a list's rows come first).
    fn measured(&self) -> Option<&Measured>;
    /// Its GPUs, allocated or not.
    fn gpus(&self) -> Option<f64>;
}

impl HoldsGpus for Node {
    fn measured(&self) -> Option<&Measured> {
        self.usage.as_ref()
    }
    fn gpus(&self) -> Option<f64> {
        self.gpu_info.as_ref().and_then(|g| g.gpu_count)
    }
}

/// A figure, or none where none was reported.
pub fn figure(n: Option<f64>) -> Cell {
    n.map_or(Cell::Missing, Cell::Number)
}

/// A figure of `r`'s telemetry, or an ellipsis while the telemetry is being read.
pub fn measured<R: HoldsGpus>(r: &R, of: fn(&R, &Measured) -> Cell) -> Cell {
    r.measured().map_or_else(|| Cell::Text("…".into()), |m| of(r, m))
}

fn allocation(r: &impl HoldsGpus, m: &Measured) -> Cell {
    share(m.allocated_gpus, r.gpus())
}

// Allocated and free GPUs and the allocated share, from node telemetry (`Usage`), as
// columns and as a record's fields.
pub fn allocated_column<R: HoldsGpus>() -> Column<R> {
    Column::new("allocatedGpus", "Allocated GPUs", |r: &R| measured(r, |_, m| figure(m.allocated_gpus)))
}
pub fn free_column<R: HoldsGpus>() -> Column<R> {
    Column::new("freeGpus", "Free GPUs", |r: &R| measured(r, |_, m| figure(m.free_gpus)))
}
pub fn allocation_column<R: HoldsGpus>() -> Column<R> {
    Column::new("gpuAllocation", "GPU allocation", |r: &R| measured(r, allocation))
}

/// A part of a whole, where both are known and the whole is not nothing.
fn share(part: Option<f64>, whole: Option<f64>) -> Cell {
    match (part, whole) {
        (Some(part), Some(whole)) if whole > 0.0 => Cell::Share(part / whole),
        _ => Cell::Missing,
    }
}

/// Its GPUs' memory, CPU cores and memory, the CPU and memory allocated, and the share of its
/// CPU and memory in use, as hidden columns: a list reads them only when shown (`CAPACITY`).
pub fn capacity_columns<R: HoldsGpus>() -> Vec<Column<R>> {
    vec![
        Column::new("gpuMemory", "GPU memory", |r: &R| measured(r, |_, m| memory_cell(m.gpu_memory.map(|b| b / 1e6)))).hidden(),
        Column::new("cpuCores", "CPU cores", |r: &R| measured(r, |_, m| figure(m.cores))).hidden(),
        Column::new("cpuMemory", "CPU memory", |r: &R| measured(r, |_, m| memory_cell(m.memory.map(|b| b / 1e6)))).hidden(),
        Column::new("allocatedCpu", "Allocated CPU (cores)", |r: &R| measured(r, |_, m| figure(m.allocated_cores))).hidden(),
        Column::new("allocatedMemory", "Allocated CPU memory", |r: &R| measured(r, |_, m| memory_cell(m.allocated_memory.map(|b| b / 1e6)))).hidden(),
        Column::new("cpuUtilization", "CPU utilization", |r: &R| measured(r, |_, m| share(m.used_cores, m.cores))).hidden(),
        Column::new("memoryUtilization", "CPU memory utilization", |r: &R| measured(r, |_, m| share(m.used_memory, m.memory))).hidden(),
    ]
}

pub fn gpu_fields<R: HoldsGpus>(r: &R) -> Vec<(&'static str, Cell)> {
    vec![
        ("GPUs", figure(r.gpus())),
        ("Allocated GPUs", measured(r, |_, m| figure(m.allocated_gpus))),
        ("Free GPUs", measured(r, |_, m| figure(m.free_gpus))),
        ("GPU allocation", measured(r, allocation)),
    ]
}

fn sections(n: &Node) -> Vec<Section> {
    let conditions = n
        .conditions
        .iter()
        .map(|c| TableRow {
            key: c.kind.clone(),
            name: c.kind.clone(),
            href: None,
            cells: vec![Cell::Text(c.kind.clone()), Cell::opt(c.reason.as_deref()), Cell::opt(c.message.as_deref())],
        })
        .collect();
    vec![
        Section {
            title: "Overview",
            body: SectionBody::Fields(vec![
                ("Status", status(n)),
                ("Node pool", Cell::Text(n.node_pool.clone())),
                ("GPU type", Cell::opt(n.gpu_info.as_ref().and_then(|g| g.gpu_type.as_deref()))),
                ("Cluster", Cell::Cluster(n.cluster_uuid.clone())),
                ("Created", Cell::opt_time(n.created_at.as_deref())),
            ]),
        },
        Section {
            title: "GPUs",
            body: SectionBody::Fields(gpu_fields(n)),
        },
        Section {
            title: "Conditions",
            body: SectionBody::Table {
                heads: vec![ColumnHead::new("type", "Type"), ColumnHead::new("reason", "Reason"), ColumnHead::new("message", "Message")],
                rows: conditions,
                empty: "No conditions reported.",
            },
        },
        Section { title: "Workloads", body: SectionBody::Feed(super::workload_views::on_node(&n.name)) },
        Section { title: "Metrics", body: SectionBody::Related { id: node_metrics(&n.id), render: node_charts } },
    ]
}

/// GPU, CPU and CPU memory utilization over time, on a node's and a node pool's Metrics.
pub fn utilization_chart() -> ChartSpec {
    const NAMED: [(&str, &str); 3] = [("GPU_UTILIZATION", "GPU"), ("CPU_UTILIZATION", "CPU"), ("CPU_MEMORY_UTILIZATION", "CPU memory")];
    ChartSpec { title: "Utilization", unit: "%", lines: |a| lines_of(of_type(a, &NAMED), 1.0) }
}

fn node_charts(path: String) -> AnyView {
    let memory = ChartSpec { title: "GPU memory used", unit: "GiB", lines: |a| lines_of(of_type(a, &[("GPU_MEMORY_USAGE_BYTES", "Used")]), 1024.0 * 1024.0 * 1024.0) };
    record_metrics(path, "GPU_UTILIZATION,CPU_UTILIZATION,CPU_MEMORY_UTILIZATION,GPU_MEMORY_USAGE_BYTES", vec![utilization_chart(), memory])
}
