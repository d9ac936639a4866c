//! Pieces the organization resources share: quota tables and cells, capacity columns, phases,
//! scheduling rules (the quota editor field is `quota_field`).

use crate::api::clusters::Cluster;
use crate::api::departments::Department;
use crate::api::filter::{Filter, Op};
use crate::api::projects::Project;
use crate::api::org::{Averages, NodeTypes, Overtime, QuotaEntry, QuotaStatus, SchedulingRules, TotalResources, Usage};
use crate::components::list::Column;
use crate::api::{Api, Pending};
use crate::components::cell::{format_number, Cell, Tone};
use crate::components::detail::{Section, SectionBody};
use crate::components::form_model::{Field, Key, Options, Values};
use crate::components::metrics::{lines_of, of_type, record_metrics, ChartSpec};
use leptos::prelude::AnyView;
use crate::components::table::{ColumnHead, TableRow};

pub use super::quota_field::{department_quota_field, quota_entries, quota_field, quota_problem, quota_rows, RESOURCES};

/// A quota number: `-1` reads as unlimited, absent as a dash.
pub fn quota_cell(value: Option<f64>) -> Cell {
    match value {
        Some(v) if v == -1.0 => Cell::Text("Unlimited".into()),
        Some(v) => Cell::Number(v),
        None => Cell::Missing,
    }
}

/// Memory in MB, in GB once it is large.
pub fn memory_cell(mb: Option<f64>) -> Cell {
    match mb {
        Some(v) if v >= 1000.0 => Cell::Text(format!("{} GB", format_number(v / 1000.0))),
        Some(v) => Cell::Text(format!("{} MB", format_number(v))),
        None => Cell::Missing,
    }
}

/// What departments and projects share for their capacity columns.
pub trait OrgUnit: 'static {
    fn quota_status(&self) -> Option<&QuotaStatus>;
    fn total(&self) -> Option<&TotalResources>;
    fn overtime(&self) -> Option<&Overtime>;
}

fn allocated<R: OrgUnit>(unit: &R) -> Option<f64> {
    unit.quota_status().and_then(|s| s.gpus().0)
}

/// What the unit holds of a resource (`Usage::cpu`, `Usage::memory`).
fn holds<R: OrgUnit>(unit: &R, of: fn(&Usage) -> Option<f64>) -> Option<f64> {
    unit.quota_status()?.allocated.as_ref().and_then(of)
}

/// Allocated GPUs, their share of the GPU quota, allocated CPU and memory (hidden), and average
/// GPU utilization over the last day, week (shown) and month, as list columns.
pub fn capacity_columns<R: OrgUnit>() -> Vec<Column<R>> {
    fn utilization<R: OrgUnit>(unit: &R, range: fn(&Overtime) -> Option<&Averages>) -> Cell {
        unit.overtime().and_then(range).and_then(|a| a.gpu_utilization).map_or(Cell::Missing, |u| Cell::Share(u / 100.0))
    }
    vec![
        Column::new("gpuAllocated", "Allocated GPUs", |u: &R| quota_cell(allocated(u))).api("gpuAllocated", &Op::ORDERED),
        Column::new("allocationRatio", "Allocation ratio", |u: &R| match (allocated(u), totals(u.total()).0) {
            (Some(held), Some(quota)) if quota > 0.0 => Cell::Share(held / quota),
            _ => Cell::Missing,
        }),
        Column::new("cpuAllocated", "Allocated CPU (cores)", |u: &R| quota_cell(holds(u, |a| a.cpu).map(|m| m / 1000.0))).hidden(),
        Column::new("memoryAllocated", "Allocated memory", |u: &R| memory_cell(holds(u, |a| a.memory))).hidden(),
        Column::new("utilization24h", "GPU utilization (24 h)", |u: &R| utilization(u, |o| o.day.as_ref())).sort("avgGpuUtilization24h").hidden(),
        Column::new("utilization7d", "GPU utilization (7 d)", |u: &R| utilization(u, |o| o.week.as_ref())).sort("avgGpuUtilization7d"),
        Column::new("utilization30d", "GPU utilization (30 d)", |u: &R| utilization(u, |o| o.month.as_ref())).sort("avgGpuUtilization30d").hidden(),
    ]
}

/// Departments and projects name these members alike.
macro_rules! org_unit {
    ($($unit:ty),*) => {$(
        impl OrgUnit for $unit {
            fn quota_status(&self) -> Option<&QuotaStatus> {
                self.status.as_ref()?.quota_status.as_ref()
            }
            fn total(&self) -> Option<&TotalResources> {
                self.total_resources.as_ref()
            }
            fn overtime(&self) -> Option<&Overtime> {
                self.overtime.as_ref()
            }
        }
    )*};
}
org_unit!(Project, Department);

pub fn totals(total: Option<&TotalResources>) -> (Option<f64>, Option<f64>, Option<f64>) {
    total.map_or((None, None, None), |t| (t.gpu_quota, t.cpu_quota, t.memory_quota))
}

/// The per-node-pool quotas as a table.
pub fn quota_section(resources: &[QuotaEntry]) -> Section {
    let heads = ["Node pool", "GPUs", "GPU limit", "Over-quota weight", "CPU (mcores)", "CPU limit", "Memory", "Memory limit"]
        .iter()
        .map(|t| ColumnHead::new(t, t))
        .collect();
    let rows = resources
        .iter()
        .map(|q| {
            let units = q.memory.as_ref().and_then(|m| m.units.clone()).unwrap_or_default();
            let memory = |v: Option<f64>| v.map_or(Cell::Missing, |v| if v == -1.0 { Cell::Text("Unlimited".into()) } else { Cell::Text(format!("{} {units}", format_number(v))) });
            TableRow {
                key: q.pool_name().to_owned(),
                name: q.pool_name().to_owned(),
                href: None,
                cells: vec![
                    Cell::Text(q.pool_name().to_owned()),
                    quota_cell(q.gpu()),
                    quota_cell(q.gpu.as_ref().and_then(|g| g.limit)),
                    quota_cell(q.gpu.as_ref().and_then(|g| g.over_quota_weight)),
                    quota_cell(q.cpu.as_ref().and_then(|c| c.deserved)),
                    quota_cell(q.cpu.as_ref().and_then(|c| c.limit)),
                    memory(q.memory.as_ref().and_then(|m| m.deserved)),
                    memory(q.memory.as_ref().and_then(|m| m.limit)),
                ],
            }
        })
        .collect();
    Section { title: "Quotas by node pool", body: SectionBody::Table { heads, rows, empty: "No quota on any node pool." } }
}

/// Scheduling rules as fields.
pub fn rules_section(rules: Option<&SchedulingRules>) -> Section {
    let r = rules.cloned().unwrap_or_default();
    let secs = |v: Option<i64>| v.map_or(Cell::Text("No limit".into()), |s| Cell::Text(duration(s)));
    Section {
        title: "Scheduling rules",
        body: SectionBody::Fields(vec![
            ("Workspace time limit", secs(r.interactive_job_time_limit_seconds)),
            ("Workspace idle GPU time limit", secs(r.interactive_job_max_idle_duration_seconds)),
            ("Workspace preemptible idle limit", secs(r.interactive_job_preempt_idle_duration_seconds)),
            ("Training time limit", secs(r.training_job_time_limit_seconds)),
            ("Training idle GPU time limit", secs(r.training_job_max_idle_duration_seconds)),
        ]),
    }
}

/// "90 min", "2 h", "3 d".
pub fn duration(secs: i64) -> String {
    match secs {
        s if s % 86_400 == 0 && s > 0 => format!("{} d", s / 86_400),
        s if s % 3600 == 0 && s > 0 => format!("{} h", s / 3600),
        s if s % 60 == 0 && s > 0 => format!("{} min", s / 60),
        s => format!("{s} s"),
    }
}

/// Project and node-pool phases as badges; unknown phases shown as sent.
pub fn phase_cell(phase: Option<&str>) -> Cell {
    let tone = match phase {
        None => return Cell::Missing,
        Some("Ready") => Tone::Good,
        Some("NotReady" | "Unschedulable" | "Deleted") => Tone::Bad,
        Some("Creating" | "Updating" | "Deleting" | "Initializing" | "Empty") => Tone::Warn,
        Some(_) => Tone::Neutral,
    };
    let label = match phase {
        Some("NotReady") => "Not ready".to_owned(),
        Some(other) => other.to_owned(),
        None => String::new(),
    };
    Cell::Status { label, tone }
}

/// Loads the tenant's clusters, for a form's cluster field.
pub fn clusters(api: Api, _: String, typed: String) -> Pending<Options> {
    Box::pin(async move { api.choices::<Cluster>(Vec::new(), typed).await })
}

pub(super) fn in_cluster(cluster: String) -> Vec<Filter> {
    vec![Filter { field: "clusterId".into(), op: Op::Eq, value: cluster }]
}

/// Loads the departments of the cluster chosen in the field it depends on.
pub fn departments_in(api: Api, cluster: String, typed: String) -> Pending<Options> {
    Box::pin(async move { api.choices::<Department>(in_cluster(cluster), typed).await })
}

/// Loads the projects of the cluster chosen in the field it depends on.
pub fn projects(api: Api, cluster: String, typed: String) -> Pending<Options> {
    Box::pin(async move { api.choices::<Project>(in_cluster(cluster), typed).await })
}

const DEFAULT_NODE_POOLS: Key<String> = Key::new("defaultNodePools");
const TRAINING_NODE_TYPES: Key<String> = Key::new("trainingNodeTypes");
const WORKSPACE_NODE_TYPES: Key<String> = Key::new("workspaceNodeTypes");
const WORKSPACE_TIME_LIMIT: Key<String> = Key::new("interactiveJobTimeLimitSeconds");
const WORKSPACE_IDLE_LIMIT: Key<String> = Key::new("interactiveJobMaxIdleDurationSeconds");
const TRAINING_TIME_LIMIT: Key<String> = Key::new("trainingJobTimeLimitSeconds");
const TRAINING_IDLE_LIMIT: Key<String> = Key::new("trainingJobMaxIdleDurationSeconds");

/// The form fields for scheduling rules, defaults and node types (departments and projects).
pub const POLICY_FIELDS: &[Field] = &[
    Field::list(DEFAULT_NODE_POOLS, "Default node pools").help("Node pool names, in order of preference."),
    Field::list(TRAINING_NODE_TYPES, "Node types for training"),
    Field::list(WORKSPACE_NODE_TYPES, "Node types for workspaces"),
    Field::whole(WORKSPACE_TIME_LIMIT, "Workspace time limit (seconds)", 1, YEAR),
    Field::whole(WORKSPACE_IDLE_LIMIT, "Workspace idle GPU time limit (seconds)", 1, YEAR),
    Field::whole(TRAINING_TIME_LIMIT, "Training time limit (seconds)", 1, YEAR),
    Field::whole(TRAINING_IDLE_LIMIT, "Training idle GPU time limit (seconds)", 1, YEAR),
];
const YEAR: i64 = 31_536_000;

pub fn policy_values(values: &mut Values, rules: Option<&SchedulingRules>, defaults: Option<&Vec<String>>, node_types: Option<&NodeTypes>) {
    let r = rules.cloned().unwrap_or_default();
    values.put_text(WORKSPACE_TIME_LIMIT, r.interactive_job_time_limit_seconds);
    values.put_text(WORKSPACE_IDLE_LIMIT, r.interactive_job_max_idle_duration_seconds);
    values.put_text(TRAINING_TIME_LIMIT, r.training_job_time_limit_seconds);
    values.put_text(TRAINING_IDLE_LIMIT, r.training_job_max_idle_duration_seconds);
    values.put_text(DEFAULT_NODE_POOLS, defaults.map(|d| d.join(", ")));
    let types = node_types.cloned().unwrap_or_default();
    values.put(TRAINING_NODE_TYPES, types.training.join(", "));
    values.put(WORKSPACE_NODE_TYPES, types.workspace.join(", "));
}

pub fn rules_from(values: &Values) -> Option<SchedulingRules> {
    let rules = SchedulingRules {
        interactive_job_time_limit_seconds: values.whole(WORKSPACE_TIME_LIMIT),
        interactive_job_max_idle_duration_seconds: values.whole(WORKSPACE_IDLE_LIMIT),
        interactive_job_preempt_idle_duration_seconds: None,
        training_job_max_idle_duration_seconds: values.whole(TRAINING_IDLE_LIMIT),
        training_job_time_limit_seconds: values.whole(TRAINING_TIME_LIMIT),
    };
    (rules != SchedulingRules::default()).then_some(rules)
}

pub fn default_node_pools_from(values: &Values) -> Option<Vec<String>> {
    values.list(DEFAULT_NODE_POOLS)
}

pub fn node_types_from(values: &Values) -> Option<NodeTypes> {
    let (training, workspace) = (values.list(TRAINING_NODE_TYPES).unwrap_or_default(), values.list(WORKSPACE_NODE_TYPES).unwrap_or_default());
    (!training.is_empty() || !workspace.is_empty()).then_some(NodeTypes { training, workspace })
}

/// A department's or project's Metrics section: its allocation against its quota over time.
pub fn metrics_section(path: String) -> Section {
    fn charts(path: String) -> AnyView {
        let against = |title, unit, lines| ChartSpec { title, unit, lines };
        record_metrics(
            path,
            "GPU_ALLOCATION,GPU_QUOTA,CPU_ALLOCATION_MILLICORES,CPU_QUOTA_MILLICORES,CPU_MEMORY_ALLOCATION_MB,CPU_MEMORY_QUOTA_MB",
            vec![
                against("GPU allocation", "GPUs", |a| lines_of(of_type(a, &[("GPU_ALLOCATION", "Allocated"), ("GPU_QUOTA", "Quota")]), 1.0)),
                against("CPU allocation", "cores", |a| lines_of(of_type(a, &[("CPU_ALLOCATION_MILLICORES", "Allocated"), ("CPU_QUOTA_MILLICORES", "Quota")]), 1000.0)),
                against("CPU memory allocation", "GB", |a| lines_of(of_type(a, &[("CPU_MEMORY_ALLOCATION_MB", "Allocated"), ("CPU_MEMORY_QUOTA_MB", "Quota")]), 1000.0)),
            ],
        )
    }
    Section { title: "Metrics", body: SectionBody::Related { id: path, render: charts } }
}
