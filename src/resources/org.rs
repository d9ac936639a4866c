//! Pieces the organization resources share: quota tables and cells, phases, scheduling rules.

use crate::api::org::{QuotaEntry, SchedulingRules, TotalResources};
use crate::components::cell::{format_number, Cell, Tone};
use crate::components::detail::{Section, SectionBody};
use crate::components::form_model::{Field, FieldKind, Value, Values};
use crate::components::table::{ColumnHead, TableRow};

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

/// The form fields for scheduling rules, defaults and node types (departments and projects).
pub fn policy_fields() -> Vec<Field> {
    let seconds = || FieldKind::Whole { min: 1, max: 31_536_000 };
    vec![
        Field::new("defaultNodePools", "Default node pools", FieldKind::List).help("Node pool names, in order of preference."),
        Field::new("trainingNodeTypes", "Node types for training", FieldKind::List),
        Field::new("workspaceNodeTypes", "Node types for workspaces", FieldKind::List),
        Field::new("interactiveJobTimeLimitSeconds", "Workspace time limit (seconds)", seconds()),
        Field::new("interactiveJobMaxIdleDurationSeconds", "Workspace idle GPU time limit (seconds)", seconds()),
        Field::new("trainingJobTimeLimitSeconds", "Training time limit (seconds)", seconds()),
        Field::new("trainingJobMaxIdleDurationSeconds", "Training idle GPU time limit (seconds)", seconds()),
    ]
}

pub fn policy_values(values: &mut Values, rules: Option<&SchedulingRules>, defaults: Option<&Vec<String>>, node_types: Option<&crate::api::org::NodeTypes>) {
    let r = rules.cloned().unwrap_or_default();
    let text = |v: Option<i64>| Value::Text(v.map(|s| s.to_string()).unwrap_or_default());
    values.set("interactiveJobTimeLimitSeconds", text(r.interactive_job_time_limit_seconds));
    values.set("interactiveJobMaxIdleDurationSeconds", text(r.interactive_job_max_idle_duration_seconds));
    values.set("trainingJobTimeLimitSeconds", text(r.training_job_time_limit_seconds));
    values.set("trainingJobMaxIdleDurationSeconds", text(r.training_job_max_idle_duration_seconds));
    values.set("defaultNodePools", Value::Text(defaults.map(|d| d.join(", ")).unwrap_or_default()));
    let types = node_types.cloned().unwrap_or_default();
    values.set("trainingNodeTypes", Value::Text(types.training.join(", ")));
    values.set("workspaceNodeTypes", Value::Text(types.workspace.join(", ")));
}

pub fn rules_from(values: &Values) -> Option<SchedulingRules> {
    let rules = SchedulingRules {
        interactive_job_time_limit_seconds: values.whole("interactiveJobTimeLimitSeconds"),
        interactive_job_max_idle_duration_seconds: values.whole("interactiveJobMaxIdleDurationSeconds"),
        interactive_job_preempt_idle_duration_seconds: None,
        training_job_max_idle_duration_seconds: values.whole("trainingJobMaxIdleDurationSeconds"),
        training_job_time_limit_seconds: values.whole("trainingJobTimeLimitSeconds"),
    };
    (rules != SchedulingRules::default()).then_some(rules)
}

pub fn node_types_from(values: &Values) -> Option<crate::api::org::NodeTypes> {
    let (training, workspace) = (values.list("trainingNodeTypes").unwrap_or_default(), values.list("workspaceNodeTypes").unwrap_or_default());
    (!training.is_empty() || !workspace.is_empty()).then_some(crate::api::org::NodeTypes { training, workspace })
}
