//! Figures for dashboards: node and workload telemetry (what holds what now, summed by
//! groups), node telemetry beside the records of a list (`Usage`), and the metrics over time
//! of clusters, node pools, nodes, departments and projects.

use super::json::json_record;
use super::query::encode_component;
use super::filter::{Filter, Op};
use super::{Api, ApiError};
use serde_json::Value;

/// One telemetry value: its groups' values (in the order asked) and its number.
pub type Figure = (Vec<String>, f64);

impl Api {
    /// `GET /api/v1/{nodes,workloads}/telemetry` of `kind` grouped `by` (comma-joined), within
    /// `scope` (`clusterId`, `nodepoolName`; all when empty).
    pub async fn telemetry(self, of: Telemetry, kind: &str, by: &str, scope: &[(&'static str, String)]) -> Result<Vec<Figure>, ApiError> {
        let path = match of {
            Telemetry::Nodes => "/api/v1/nodes/telemetry",
            Telemetry::Workloads => "/api/v1/workloads/telemetry",
        };
        let mut query = vec![("telemetryType", kind.to_owned()), ("groupBy", by.to_owned())];
        query.extend_from_slice(scope);
        let values = self.items(path, &query, "values").await?;
        let groups = |v: &Value| v["groups"].as_array().into_iter().flatten().map(|g| g["value"].as_str().unwrap_or_default().to_owned()).collect();
        Ok(values.iter().map(|v| (groups(v), v["value"].as_str().and_then(crate::util::number).unwrap_or(0.0))).collect())
    }

    /// The measurements at a `…/metrics` path (below) over `window` (metric types, start,
    /// end, samples).
    pub async fn metrics(self, path: &str, window: &[(&'static str, String)]) -> Result<Vec<Value>, ApiError> {
        self.items(path, window, "measurements").await
    }
}

/// Node telemetry shown beside each record of a list (a node's or a node pool's GPUs, CPU and
/// memory): each of `types` grouped `by`, matched to a record whose `keys` members equal the
/// groups' values. A record gets its figures as `"usage": {TYPE: value}`, a member the API
/// never sends; one the telemetry does not mention gets an empty `usage`, and shows no
/// figures. A record without `usage` has not been measured yet (a list shows its rows before
/// their figures).
pub struct Usage {
    pub by: &'static str,
    pub keys: &'static [&'static str],
    /// The GPU types, always read (a record's details show them too); the CPU and memory ones
    /// (`CAPACITY`) are read only for the columns that show them.
    pub types: &'static [&'static str],
    /// (a list's filter field, the telemetry's parameter): a list filtered to one cluster or
    /// node pool asks only for its nodes' telemetry, not the whole tenant's.
    pub narrow: &'static [(&'static str, &'static str)],
}

/// Node telemetry read into a record (`Usage`): each figure absent where none was reported.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measured {
    pub total_gpus: Option<f64>,
    pub allocated_gpus: Option<f64>,
    pub free_gpus: Option<f64>,
    pub gpu_memory: Option<f64>,
    pub cores: Option<f64>,
    pub memory: Option<f64>,
    pub allocated_cores: Option<f64>,
    pub allocated_memory: Option<f64>,
    pub used_cores: Option<f64>,
    pub used_memory: Option<f64>,
}
json_record!(Measured {
    total_gpus: "TOTAL_GPUS", allocated_gpus: "ALLOCATED_GPUS", free_gpus: "FREE_GPUS", gpu_memory: "TOTAL_GPU_MEMORY_BYTES", cores: "TOTAL_CPU_CORES",
    memory: "TOTAL_CPU_MEMORY_BYTES", allocated_cores: "ALLOCATED_CPU_CORES", allocated_memory: "ALLOCATED_CPU_MEMORY_BYTES", used_cores: "USED_CPU_CORES",
    used_memory: "USED_CPU_MEMORY_BYTES"
});

/// The CPU and memory a node or node pool has, holds and uses, and its GPUs' memory, each
/// with the columns that show it (`capacity_columns`), for every record type with `Usage`.
pub const CAPACITY: [(&str, &[&str]); 7] = [
    ("TOTAL_GPU_MEMORY_BYTES", &["gpuMemory"]),
    ("TOTAL_CPU_CORES", &["cpuCores", "cpuUtilization"]),
    ("TOTAL_CPU_MEMORY_BYTES", &["cpuMemory", "memoryUtilization"]),
    ("ALLOCATED_CPU_CORES", &["allocatedCpu"]),
    ("ALLOCATED_CPU_MEMORY_BYTES", &["allocatedMemory"]),
    ("USED_CPU_CORES", &["cpuUtilization"]),
    ("USED_CPU_MEMORY_BYTES", &["memoryUtilization"]),
];

impl Api {
    /// Adds `usage` to `records` read with `filters`: the types the `shown` columns show (all
    /// without them), read at once. A failed read fails the whole, so that a list never shows
    /// a figure as missing when it could not be read.
    pub(crate) async fn measure(self, usage: Option<&'static Usage>, records: &mut [Value], filters: &[Filter], shown: Option<&[&str]>) -> Result<(), ApiError> {
        let Some(usage) = usage.filter(|_| !records.is_empty()) else { return Ok(()) };
        let exactly = |field: &str| filters.iter().find(|f| f.field == field && f.op == Op::Eq).map(|f| f.value.clone());
        let scope: Vec<(&'static str, String)> = usage.narrow.iter().filter_map(|(field, param)| Some((*param, exactly(field)?))).collect();
        let mut kinds = usage.types.to_vec();
        kinds.extend(CAPACITY.iter().filter(|(_, columns)| shown.is_none_or(|s| columns.iter().any(|c| s.contains(c)))).map(|(kind, _)| *kind));
        let answers: Vec<Result<Vec<Figure>, ApiError>> = super::all_of(kinds.iter().map(|kind| Box::pin(self.telemetry(Telemetry::Nodes, kind, usage.by, &scope)) as _).collect()).await;
        // Each record's keys, read once: a page of 50 is matched against every node's figure.
        let keys: Vec<Vec<String>> = records.iter().map(|r| usage.keys.iter().map(|k| r[*k].as_str().unwrap_or_default().to_owned()).collect()).collect();
        for record in records.iter_mut() {
            if let Some(fields) = record.as_object_mut() {
                fields.insert("usage".to_owned(), Value::Object(Default::default()));
            }
        }
        for (kind, answer) in kinds.iter().zip(answers) {
            let figures = answer?;
            for (record, keys) in records.iter_mut().zip(&keys) {
                // Records that are not objects (a malformed answer) have no `usage` to fill.
                if let (Some((_, value)), Some(usage)) = (figures.iter().find(|(groups, _)| groups == keys), record.get_mut("usage")) {
                    usage[*kind] = (*value).into();
                }
            }
        }
        Ok(())
    }
}

// Where the measurements over time of a cluster, a node pool, a node, a department and a
// project are.
pub fn cluster_metrics(uuid: &str) -> String {
    format!("/api/v1/clusters/{}/metrics", encode_component(uuid))
}
pub fn pool_metrics(cluster: &str, pool: &str) -> String {
    format!("/api/v1/clusters/{}/nodepools/{}/metrics", encode_component(cluster), encode_component(pool))
}
pub fn node_metrics(id: &str) -> String {
    format!("/api/v1/nodes/{}/metrics", encode_component(id))
}
pub fn department_metrics(id: &str) -> String {
    format!("/api/v1/org-unit/departments/{}/metrics", encode_component(id))
}
pub fn project_metrics(id: &str) -> String {
    format!("/api/v1/org-unit/projects/{}/metrics", encode_component(id))
}

#[derive(Clone, Copy)]
pub enum Telemetry {
    Nodes,
    Workloads,
}
