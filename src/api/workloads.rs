//! Workloads (`/api/v1/workloads`): every type in one paged list with `next` and `/count`.
//! Stop, run and delete go to the submission API of the workload's type
//! (`/api/v1/workloads/<workspaces|trainings|distributed|inferences>/{id}`).

use super::json::json_record;
use super::list::Paging;
use super::query::encode_component;
use super::resource::id_and_name;
use super::{Api, ApiError, ApiResource, Method};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workload {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub phase: String,
    pub phase_message: Option<String>,
    pub phase_reason: Option<String>,
    pub phase_updated_at: Option<String>,
    pub project_id: String,
    pub project_name: String,
    pub department_name: String,
    pub cluster_id: String,
    pub submitted_by: Option<String>,
    pub created_at: Option<String>,
    pub completed_at: Option<String>,
    pub running_pods: u64,
    pub requested_pods: Option<PodCount>,
    pub allocated: Option<Allocated>,
    pub requested: Option<Requested>,
    pub node_pools: Vec<String>,
    pub images: Vec<String>,
    pub category: Option<String>,
    pub priority_class: Option<String>,
    pub preemptible: Option<bool>,
    pub running_secs: Option<i64>,
    pub pending_secs: Option<i64>,
    pub command: Option<String>,
    pub arguments: Option<String>,
    pub connections: Vec<Connection>,
    pub urls: Vec<String>,
    pub supports: Option<Supports>,
    /// Its detail only: what a copy starts from.
    pub environment: Environment,
    pub requested_pools: Vec<String>,
}
json_record!(Workload {
    id: "id", name: "name", kind: "type", phase: "phase", phase_message: "phaseMessage", phase_reason: "phaseReason",
    phase_updated_at: "phaseUpdatedAt", project_id: "projectId", project_name: "projectName", department_name: "departmentName",
    cluster_id: "clusterId", submitted_by: "submittedBy", created_at: "createdAt", completed_at: "completedAt",
    running_pods: "runningPods", requested_pods: "requestedPods", allocated: "allocatedResources", requested: "podsRequestedResources",
    node_pools: "currentNodePools", images: "images", category: "category", priority_class: "priorityClassName",
    preemptible: "preemptible", running_secs: "totalRunningTimeSeconds", pending_secs: "totalPendingTimeSeconds",
    command: "command", arguments: "arguments", connections: "externalConnections", urls: "urls", supports: "actionsSupport",
    environment: "environmentVariables", requested_pools: "requestedNodePools",
});

/// Environment variables as the API lists them (`{"NAME": "value"}`), in its order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Environment(pub Vec<(String, String)>);

impl super::json::FromJson for Environment {
    fn from_json(value: &serde_json::Value) -> Self {
        let pairs = value.as_object().into_iter().flatten();
        Environment(pairs.map(|(name, v)| (name.clone(), v.as_str().unwrap_or_default().to_owned())).collect())
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PodCount {
    pub number: Option<u64>,
}
json_record!(PodCount { number: "number" });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Allocated {
    pub gpu: Option<f64>,
}
json_record!(Allocated { gpu: "gpu" });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Requested {
    pub gpu: Option<Amount>,
    pub cpu: Option<Amount>,
    pub memory: Option<Quantity>,
}
json_record!(Requested { gpu: "gpu", cpu: "cpu", memory: "cpuMemory" });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Quantity {
    pub request: Option<String>,
}
json_record!(Quantity { request: "request" });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Amount {
    pub request: Option<f64>,
}
json_record!(Amount { request: "request" });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Connection {
    pub name: String,
    pub url: Option<String>,
}
json_record!(Connection { name: "name", url: "url" });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Supports {
    pub delete: bool,
    pub suspend: bool,
}
json_record!(Supports { delete: "delete", suspend: "suspend" });

impl ApiResource for Workload {
    const COLLECTION: &'static str = "/api/v1/workloads";
    const PAGING: Paging = Paging::Server;
    const SEARCHABLE: bool = true;
    const ITEMS: Option<&'static str> = Some("workloads");
    const NEXT: bool = true;
    id_and_name!();
}

/// The segment of a type's submission API, for the types that have one.
pub fn segment(kind: &str) -> Option<&'static str> {
    Some(match kind {
            "workspace" => "workspaces",
            "training" => "trainings",
            "distributed" => "distributed",
            "inference" => "inferences",
        _ => return None,
    })
}

impl Workload {
    /// Whether it can be stopped and run again.
    pub fn suspendable(&self) -> bool {
        self.supports.as_ref().is_some_and(|s| s.suspend) && segment(&self.kind).is_some_and(|s| s != "inferences")
    }
    pub fn deletable(&self) -> bool {
        self.supports.as_ref().is_none_or(|s| s.delete) && segment(&self.kind).is_some() && self.phase != "Deleting"
    }
}

/// What the operator can ask of a workload.
#[derive(Clone, Copy)]
pub enum Change {
    Stop,
    Run,
    Delete,
}

impl Api {
    /// Stops, runs or deletes a workload through its type's API (all answer 202: under way).
    pub async fn change_workload(self, kind: &str, id: &str, change: Change) -> Result<(), ApiError> {
        let segment = segment(kind).unwrap_or("workspaces");
        let path = format!("{}/{segment}/{}", Workload::COLLECTION, encode_component(id));
        let (method, path) = match change {
            Change::Stop => (Method::POST, format!("{path}/suspend")),
            Change::Run => (Method::POST, format!("{path}/resume")),
            Change::Delete => (Method::DELETE, path),
        };
        self.write_ignoring_body(method, &path, None).await
    }
}

/// A workload's own path, under which its events, pods and metrics are.
fn workload_path(id: &str) -> String {
    format!("{}/{}", Workload::COLLECTION, encode_component(id))
}

/// Where a workload's events are listed (`{"events": [...]}`).
pub fn events_path(id: &str) -> String {
    format!("{}/events", workload_path(id))
}

/// Where a workload's pods are listed (`{"pods": [...]}`).
pub fn pods_path(id: &str) -> String {
    format!("{}/pods", workload_path(id))
}

/// Every pod the principal may read, filterable by node (`{"pods": [...]}`).
pub const ALL_PODS: &str = "/api/v1/workloads/pods";

/// What a workload's own metrics request asks for (its per-GPU lines come from its pods).
const WORKLOAD_METRICS: [&str; 8] = [
    "GPU_UTILIZATION", "GPU_MEMORY_USAGE_BYTES", "GPU_MEMORY_REQUEST_BYTES", "CPU_USAGE_CORES", "CPU_REQUEST_CORES",
    "CPU_LIMIT_CORES", "CPU_MEMORY_USAGE_BYTES", "CPU_MEMORY_REQUEST_BYTES",
];
/// Pods whose GPUs get a line each; a large distributed workload is summed up by the average.
const PODS_CHARTED: usize = 8;

impl Api {
    /// Submits a workload of `kind` through its type's API; answers its id and name (an
    /// answer without them is an error: the console could not show what it made).
    pub async fn submit_workload(self, kind: &str, body: String) -> Result<(String, String), ApiError> {
        let path = format!("{}/{}", Workload::COLLECTION, segment(kind).unwrap_or("workspaces"));
        let answer: serde_json::Value = self.write(Method::POST, &path, Some(body)).await?;
        match (answer["workloadId"].as_str(), answer["name"].as_str()) {
            (Some(id), Some(name)) => Ok((id.to_owned(), name.to_owned())),
            _ => Err(self.unexpected(&answer)),
        }
    }

    /// A workload's measurements over `window` (start, end, samples), then each charted pod's
    /// per-GPU utilization, as one answer:
    /// `{"measurements": [...], "pods": [{"name", "measurements": [...]}]}`.
    pub async fn workload_metrics(self, id: &str, window: &[(&'static str, String)]) -> Result<serde_json::Value, ApiError> {
        let base = workload_path(id);
        // metricType is a comma-joined array (`explode: false`).
        let mut query = vec![("metricType", WORKLOAD_METRICS.join(","))];
        query.extend(window.iter().cloned());
        let mut answer = serde_json::Value::Object(Default::default());
        answer["measurements"] = serde_json::Value::Array(self.items(&format!("{base}/metrics"), &query, "measurements").await?);
        let mut charted = Vec::new();
        for pod in self.items(&pods_path(id), &[("limit", PODS_CHARTED.to_string())], "pods").await?.into_iter().take(PODS_CHARTED) {
            let pod_id = encode_component(pod["id"].as_str().unwrap_or_default());
            let mut query = vec![("metricType", "GPU_UTILIZATION_PER_GPU".to_owned())];
            query.extend(window.iter().cloned());
            let measurements = self.items(&format!("{base}/pods/{pod_id}/metrics"), &query, "measurements").await?;
            let mut metrics = serde_json::Value::Object(Default::default());
            metrics["name"] = pod["name"].clone();
            metrics["measurements"] = serde_json::Value::Array(measurements);
            charted.push(metrics);
        }
        answer["pods"] = serde_json::Value::Array(charted);
        Ok(answer)
    }
}
