//! Shapes departments and projects share: per-node-pool quotas (`resources[]`), their totals,
//! scheduling rules and node types.

use serde::{Deserialize, Serialize};

/// One node pool's quota. GPUs are devices, CPU is millicores, memory has `units`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct QuotaEntry {
    pub node_pool: Option<PoolRef>,
    pub gpu: Option<Amount>,
    pub cpu: Option<Amount>,
    pub memory: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct PoolRef {
    pub id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
}

/// `deserved` (the guaranteed quota; -1 means unlimited), `limit` (null: none) and
/// `overQuotaWeight`. Memory adds `units` (`Mib`, `MB` or `GB`).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Amount {
    pub deserved: Option<f64>,
    pub limit: Option<f64>,
    pub over_quota_weight: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub units: Option<String>,
}

/// Deserved GPUs, CPU millicores and memory (MB) over all node pools.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct TotalResources {
    pub gpu_quota: Option<f64>,
    pub cpu_quota: Option<f64>,
    pub memory_quota: Option<f64>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct QuotaStatus {
    pub allocated: Option<Usage>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Usage {
    pub gpu: Option<f64>,
    pub cpu: Option<f64>,
    pub memory: Option<f64>,
}

/// Time limits for workloads, in seconds (null: none).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct SchedulingRules {
    pub interactive_job_time_limit_seconds: Option<i64>,
    pub interactive_job_max_idle_duration_seconds: Option<i64>,
    pub interactive_job_preempt_idle_duration_seconds: Option<i64>,
    pub training_job_max_idle_duration_seconds: Option<i64>,
    pub training_job_time_limit_seconds: Option<i64>,
}

/// Node types (node-label values) workloads are steered to by default.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct NodeTypes {
    pub training: Vec<String>,
    pub workspace: Vec<String>,
}

/// The id and name of a related record.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Named {
    pub id: String,
    pub name: String,
}

impl QuotaEntry {
    pub fn pool_name(&self) -> &str {
        self.node_pool.as_ref().map_or("", |p| p.name.as_str())
    }
    pub fn gpu(&self) -> Option<f64> {
        self.gpu.as_ref()?.deserved
    }
}
