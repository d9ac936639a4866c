//! Shapes departments and projects share: per-node-pool quotas (`resources[]`), their totals,
//! scheduling rules and node types.

use super::json::{json_record, json_write};

/// One node pool's quota. GPUs are devices, CPU is millicores, memory has `units`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QuotaEntry {
    pub node_pool: Option<PoolRef>,
    pub gpu: Option<Amount>,
    // Unset members are left out, not sent as null: the inner schema does not take null.
    pub cpu: Option<Amount>,
    pub memory: Option<Amount>,
    pub priority: Option<String>,
}
json_write!(QuotaEntry { node_pool: "nodePool", gpu: "gpu", cpu: "cpu", memory: "memory", priority: "priority" });
json_record!(QuotaEntry { node_pool: "nodePool", gpu: "gpu", cpu: "cpu", memory: "memory", priority: "priority" });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PoolRef {
    pub id: String,
    pub name: String,
}
impl super::json::ToJson for PoolRef {
    /// The id, and the name only when known.
    fn write_json(&self, out: &mut String) {
        let name = Some(self.name.as_str()).filter(|n| !n.is_empty());
        super::json::write_object(out, &[("id", &self.id), ("name", &name)]);
    }
}
json_record!(PoolRef { id: "id", name: "name" });

/// `deserved` (the guaranteed quota; -1 means unlimited), `limit` (null: none) and
/// `overQuotaWeight`. Memory adds `units` (`Mib`, `MB` or `GB`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Amount {
    pub deserved: Option<f64>,
    pub limit: Option<f64>,
    pub over_quota_weight: Option<f64>,
    pub units: Option<String>,
}
json_write!(Amount { deserved: "deserved", limit: "limit", over_quota_weight: "overQuotaWeight", units: "units" });
json_record!(Amount { deserved: "deserved", limit: "limit", over_quota_weight: "overQuotaWeight", units: "units" });

/// Deserved GPUs, CPU millicores and memory (MB) over all node pools.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TotalResources {
    pub gpu_quota: Option<f64>,
    pub cpu_quota: Option<f64>,
    pub memory_quota: Option<f64>,
}
json_record!(TotalResources { gpu_quota: "gpuQuota", cpu_quota: "cpuQuota", memory_quota: "memoryQuota" });

/// What a unit holds (`allocated`) and asks for (`requested`: held and waiting).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QuotaStatus {
    pub allocated: Option<Usage>,
    pub requested: Option<Usage>,
}
json_record!(QuotaStatus { allocated: "allocated", requested: "requested" });

impl QuotaStatus {
    pub fn gpus(&self) -> (Option<f64>, Option<f64>) {
        let gpu = |u: &Option<Usage>| u.as_ref().and_then(|u| u.gpu);
        (gpu(&self.allocated), gpu(&self.requested))
    }
}

/// A project's quota status in one node pool.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PoolQuotaStatus {
    pub pool: String,
    pub status: QuotaStatus,
}
impl super::json::FromJson for PoolQuotaStatus {
    fn from_json(value: &serde_json::Value) -> Self {
        PoolQuotaStatus { pool: super::json::FromJson::from_json(&value["nodePoolName"]), status: super::json::FromJson::from_json(value) }
    }
}

/// Averages over the last day, week and month (`overtimeData`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overtime {
    pub day: Option<Averages>,
    pub week: Option<Averages>,
    pub month: Option<Averages>,
}
json_record!(Overtime { day: "range24hData", week: "range7dData", month: "range30dData" });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Averages {
    pub gpu_allocation: Option<f64>,
    pub gpu_utilization: Option<f64>,
}
json_record!(Averages { gpu_allocation: "averageGpuAllocation", gpu_utilization: "averageGpuUtilization" });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Usage {
    pub gpu: Option<f64>,
    pub cpu: Option<f64>,
    pub memory: Option<f64>,
}
json_record!(Usage { gpu: "gpu", cpu: "cpu", memory: "memory" });

/// Time limits for workloads, in seconds (null: none).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SchedulingRules {
    pub interactive_job_time_limit_seconds: Option<i64>,
    pub interactive_job_max_idle_duration_seconds: Option<i64>,
    pub interactive_job_preempt_idle_duration_seconds: Option<i64>,
    pub training_job_max_idle_duration_seconds: Option<i64>,
    pub training_job_time_limit_seconds: Option<i64>,
}
json_write!(SchedulingRules { interactive_job_time_limit_seconds: "interactiveJobTimeLimitSeconds", interactive_job_max_idle_duration_seconds: "interactiveJobMaxIdleDurationSeconds", interactive_job_preempt_idle_duration_seconds: "interactiveJobPreemptIdleDurationSeconds", training_job_max_idle_duration_seconds: "trainingJobMaxIdleDurationSeconds", training_job_time_limit_seconds: "trainingJobTimeLimitSeconds" });
json_record!(SchedulingRules { interactive_job_time_limit_seconds: "interactiveJobTimeLimitSeconds", interactive_job_max_idle_duration_seconds: "interactiveJobMaxIdleDurationSeconds", interactive_job_preempt_idle_duration_seconds: "interactiveJobPreemptIdleDurationSeconds", training_job_max_idle_duration_seconds: "trainingJobMaxIdleDurationSeconds", training_job_time_limit_seconds: "trainingJobTimeLimitSeconds" });

/// Node types (node-label values) workloads are steered to by default.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeTypes {
    pub training: Vec<String>,
    pub workspace: Vec<String>,
}
json_write!(NodeTypes { training: "training", workspace: "workspace" });
json_record!(NodeTypes { training: "training", workspace: "workspace" });

/// The id and name of a related record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Named {
    pub id: String,
    pub name: String,
}
json_record!(Named { id: "id", name: "name" });

impl QuotaEntry {
    pub fn pool_name(&self) -> &str {
        self.node_pool.as_ref().map_or("", |p| p.name.as_str())
    }
    pub fn gpu(&self) -> Option<f64> {
        self.gpu.as_ref()?.deserved
    }
}
