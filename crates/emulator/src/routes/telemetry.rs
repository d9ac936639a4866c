//! `GET /api/v1/nodes/telemetry`: what the nodes the caller may read hold now, summed over all
//! of them or by up to two of cluster, node pool and node. A node's allocation is what the
//! pods placed on it request (GPUs, CPU cores, memory), and its use what they use now, as
//! their workloads' metrics say. Its capacity follows from its GPU type (`org::capacity`),
//! since node records carry none. Idle allocated GPUs are not derived: that type answers no values
//! rather than made-up numbers.

use super::collection::Query;
use super::nodepools::NODES;
use crate::auth::Caller;
use crate::authz::Directory;
use crate::http::{bad_request, Reply};
use crate::org::{capacity, str_of, Capacity};
use crate::AppState;
use axum::extract::{Query as Params, State};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;
use std::collections::BTreeMap;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/nodes/telemetry", get(nodes))
}

/// What a node has and what the pods on it hold and use now.
#[derive(Default)]
struct Figures {
    gpus: f64,
    capacity: Capacity,
    allocated_gpus: f64,
    allocated_cores: f64,
    allocated_memory: f64,
    used_cores: f64,
    used_memory: f64,
    used_gpu_memory: f64,
}

/// What one node adds to a telemetry type, if the emulator derives that type.
fn measure(kind: &str, ready: bool, f: &Figures) -> Option<f64> {
    let gpu_node = if f.gpus > 0.0 { 1.0 } else { 0.0 };
    let when_ready = |v: f64| if ready { v } else { 0.0 };
    Some(match kind {
        "TOTAL_GPU_NODES" => gpu_node,
        "READY_GPU_NODES" => when_ready(gpu_node),
        "TOTAL_GPUS" => f.gpus,
        "READY_GPUS" => when_ready(f.gpus),
        "ALLOCATED_GPUS" => f.allocated_gpus,
        "FREE_GPUS" => when_ready((f.gpus - f.allocated_gpus).max(0.0)),
        "FULLY_FREE_GPU_NODES" => when_ready(if f.allocated_gpus == 0.0 { gpu_node } else { 0.0 }),
        "TOTAL_CPU_CORES" => f.capacity.cores,
        "ALLOCATED_CPU_CORES" => f.allocated_cores,
        "USED_CPU_CORES" => f.used_cores,
        "TOTAL_CPU_MEMORY_BYTES" => f.capacity.memory,
        "ALLOCATED_CPU_MEMORY_BYTES" => f.allocated_memory,
        "USED_CPU_MEMORY_BYTES" => f.used_memory,
        "TOTAL_GPU_MEMORY_BYTES" => f.gpus * f.capacity.memory_per_gpu,
        "USED_GPU_MEMORY_BYTES" => f.used_gpu_memory,
        _ => return None,
    })
}

/// The types the contract lists that the emulator does not derive.
const UNDERIVED: [&str; 1] = ["IDLE_ALLOCATED_GPUS"];

async fn nodes(caller: Caller, State(state): State<AppState>, Params(query): Params<Query>) -> Reply {
    let kind = query.get("telemetryType").cloned().unwrap_or_default();
    if measure(&kind, true, &Figures::default()).is_none() && !UNDERIVED.contains(&kind.as_str()) {
        return Err(bad_request("telemetryType must be one of the node telemetry types"));
    }
    let by: Vec<String> = query.get("groupBy").map(|g| g.split(',').map(str::to_owned).collect()).unwrap_or_default();
    if by.len() > 2 || by.iter().any(|b| !matches!(b.as_str(), "ClusterId" | "Nodepool" | "Node")) {
        return Err(bad_request("groupBy takes up to two of ClusterId, Nodepool and Node"));
    }
    let mut tenant = state.tenant.lock().unwrap();
    tenant.settle();
    tenant.require(&caller, NODES.resource_type, "read")?;
    // The nodes the caller may read, in the cluster and pool asked for.
    let asked = |node: &Value, field: &str, param: &str| query.get(param).is_none_or(|v| str_of(node, field) == v);
    let readable = tenant.readable(&caller, NODES.resource_type, (NODES.records)(&tenant), NODES.place);
    let nodes: Vec<&Value> = readable.iter().filter(|n| asked(n, "clusterUuid", "clusterId") && asked(n, "nodePool", "nodepoolName")).collect();
    // What the pods on each node hold and use, in one pass over the workloads (each pod holds
    // the workload's per-pod request, and uses its share of the workload's use now).
    let now = tenant.workloads.time;
    let mut on: std::collections::HashMap<&str, Vec<&crate::workloads::Workload>> = std::collections::HashMap::new();
    for w in tenant.workloads.items.iter().filter(|w| w.phase.holds_gpus()) {
        for node in &w.nodes {
            on.entry(node.as_str()).or_default().push(w);
        }
    }
    let used = kind.starts_with("USED_");
    let mut sums: BTreeMap<Vec<(String, String)>, f64> = BTreeMap::new();
    for node in nodes {
        let gpus = node["gpuInfo"]["gpuCount"].as_f64().unwrap_or(0.0);
        let capacity = capacity(node["gpuInfo"]["gpuType"].as_str().unwrap_or_default());
        let mut f = Figures { gpus, capacity, ..Figures::default() };
        for w in on.get(str_of(node, "name")).into_iter().flatten() {
            f.allocated_gpus += w.gpus;
            f.allocated_cores += w.cpu;
            f.allocated_memory += crate::workloads::MEMORY_PER_POD_BYTES;
            // What pods use comes from their metrics, worked out only when asked for.
            if !used {
                continue;
            }
            let per_pod = |metric| crate::workloads::metrics::value(w, metric, now, true, None).unwrap_or(0.0) / f64::from(w.pods.max(1));
            f.used_cores += per_pod("CPU_USAGE_CORES");
            f.used_memory += per_pod("CPU_MEMORY_USAGE_BYTES");
            // The share of its GPUs' memory in use, as its metrics say, of this node's GPUs.
            let share = per_pod("GPU_MEMORY_USAGE_BYTES") / per_pod("GPU_MEMORY_REQUEST_BYTES").max(1.0);
            f.used_gpu_memory += share * w.gpus * capacity.memory_per_gpu;
        }
        let Some(value) = measure(&kind, str_of(node, "status") == "Ready", &f) else { continue };
        let group = |b: &String| -> (String, String) {
            match b.as_str() {
                "ClusterId" => {
                    let uuid = str_of(node, "clusterUuid");
                    let name = tenant.clusters.iter().find(|c| c.uuid == uuid).map_or(uuid, |c| c.name.as_str());
                    (uuid.to_owned(), name.to_owned())
                }
                "Nodepool" => (str_of(node, "nodePool").to_owned(), str_of(node, "nodePool").to_owned()),
                _ => (str_of(node, "id").to_owned(), str_of(node, "name").to_owned()),
            }
        };
        *sums.entry(by.iter().map(group).collect()).or_insert(0.0) += value;
    }
    if sums.is_empty() && by.is_empty() && measure(&kind, true, &Figures::default()).is_some() {
        sums.insert(Vec::new(), 0.0);
    }
    let by: Vec<&str> = by.iter().map(String::as_str).collect();
    Ok(Json(crate::workloads::telemetry::answer(&kind, &by, sums, tenant.workloads.time)).into_response())
}
