//! `GET /api/v1/nodes/telemetry`: what the nodes the caller may read hold now, summed over all
//! of them or by up to two of cluster, node pool and node. A node's allocation is the GPUs of
//! the pods placed on it that hold theirs (as its metrics count them). CPU and memory figures
//! are not derived (nodes carry no CPU or memory capacity here): those types answer no values
//! rather than made-up numbers.

use super::collection::Query;
use super::nodepools::NODES;
use crate::auth::Caller;
use crate::authz::Directory;
use crate::http::{bad_request, Reply};
use crate::org::str_of;
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

/// What one node adds to a telemetry type, if the emulator derives that type.
fn measure(kind: &str, ready: bool, gpus: f64, allocated: f64) -> Option<f64> {
    let gpu_node = if gpus > 0.0 { 1.0 } else { 0.0 };
    let when_ready = |v: f64| if ready { v } else { 0.0 };
    Some(match kind {
        "TOTAL_GPU_NODES" => gpu_node,
        "READY_GPU_NODES" => when_ready(gpu_node),
        "TOTAL_GPUS" => gpus,
        "READY_GPUS" => when_ready(gpus),
        "ALLOCATED_GPUS" => allocated,
        "FREE_GPUS" => when_ready((gpus - allocated).max(0.0)),
        "FULLY_FREE_GPU_NODES" => when_ready(if allocated == 0.0 { gpu_node } else { 0.0 }),
        _ => return None,
    })
}

/// The types the contract lists that the emulator does not derive.
const UNDERIVED: [&str; 9] = [
    "IDLE_ALLOCATED_GPUS", "TOTAL_CPU_CORES", "USED_CPU_CORES", "ALLOCATED_CPU_CORES", "TOTAL_GPU_MEMORY_BYTES",
    "USED_GPU_MEMORY_BYTES", "TOTAL_CPU_MEMORY_BYTES", "USED_CPU_MEMORY_BYTES", "ALLOCATED_CPU_MEMORY_BYTES",
];

async fn nodes(caller: Caller, State(state): State<AppState>, Params(query): Params<Query>) -> Reply {
    let kind = query.get("telemetryType").cloned().unwrap_or_default();
    if measure(&kind, true, 0.0, 0.0).is_none() && !UNDERIVED.contains(&kind.as_str()) {
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
    // GPUs held per node, in one pass over the workloads (each pod holds the workload's per-pod GPUs).
    let mut held: std::collections::HashMap<&str, f64> = std::collections::HashMap::new();
    for w in tenant.workloads.items.iter().filter(|w| w.phase.holds_gpus()) {
        for node in &w.nodes {
            *held.entry(node.as_str()).or_default() += w.gpus;
        }
    }
    let allocated = |node: &str| held.get(node).copied().unwrap_or(0.0);
    let mut sums: BTreeMap<Vec<(String, String)>, f64> = BTreeMap::new();
    for node in nodes {
        let gpus = node["gpuInfo"]["gpuCount"].as_f64().unwrap_or(0.0);
        let Some(value) = measure(&kind, str_of(node, "status") == "Ready", gpus, allocated(str_of(node, "name"))) else { continue };
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
    if sums.is_empty() && by.is_empty() && measure(&kind, true, 0.0, 0.0).is_some() {
        sums.insert(Vec::new(), 0.0);
    }
    let by: Vec<&str> = by.iter().map(String::as_str).collect();
    Ok(Json(crate::workloads::telemetry::answer(&kind, &by, sums, tenant.workloads.time)).into_response())
}
