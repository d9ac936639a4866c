//! Metrics of clusters, node pools, departments and projects
//! (`GET /api/v1/clusters/{clusterUuid}/metrics`, `…/nodepools/{nodepoolName}/metrics`,
//! `/api/v1/org-unit/{departments,projects}/{id}/metrics`, `/api/v1/nodes/{nodeId}/metrics`):
//! sums over the workloads in the
//! scope, sample by sample (`crate::workloads::aggregate`), with the scope's own capacity
//! and quota.

use super::departments::DEPARTMENTS;
use super::projects::PROJECTS;
use super::workloads::window;
use crate::auth::Caller;
use crate::authz::{Directory, Place};
use crate::http::{not_found, Reply};
use crate::org::str_of;
use crate::tenant::Tenant;
use super::nodepools::NODES;
use crate::workloads::aggregate::{node_series, scope_series, Capacity};
use crate::workloads::Workload;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};
use std::collections::HashMap;

type Params = Query<HashMap<String, String>>;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/clusters/{clusterUuid}/metrics", get(cluster))
        .route("/api/v1/clusters/{clusterUuid}/nodepools/{nodepoolName}/metrics", get(nodepool))
        .route("/api/v1/org-unit/departments/{departmentId}/metrics", get(department))
        .route("/api/v1/org-unit/projects/{projectId}/metrics", get(project))
        .route("/api/v1/nodes/{nodeId}/metrics", get(node))
}

/// A node's metrics, from the workloads placed on it now (one that ran there and stopped has
/// left no trace of where it ran).
async fn node(caller: Caller, State(state): State<AppState>, Path(id): Path<String>, Query(query): Params) -> Reply {
    let node = NODES.one(&state, &caller, &id)?;
    let (types, start, end, samples) = window(&query)?;
    let tenant = state.tenant.lock().unwrap();
    let name = str_of(&node, "name");
    // Each workload counts with its pods on this node only (`nodes` has one entry per pod).
    let on_node: Vec<Workload> = tenant
        .workloads
        .items
        .iter()
        .filter_map(|w| {
            let here = w.nodes.iter().filter(|n| *n == name).count();
            (here > 0).then(|| Workload { pods: here as _, ..w.clone() })
        })
        .collect();
    let gpus = node["gpuInfo"]["gpuCount"].as_u64().unwrap_or(0) as usize;
    let on_node: Vec<&Workload> = on_node.iter().collect();
    Ok(Json(node_series(&on_node, gpus, &types, start, end, samples, tenant.workloads.time)).into_response())
}

/// The pool a workload runs in (or, while it waits, the first it asked for).
fn pool_of(w: &Workload) -> Option<&str> {
    w.pool.as_deref().or(w.node_pools.first().map(String::as_str))
}

/// GPUs and GPU nodes of the cluster's nodes (in `pool` only, if given), and the GPU quota
/// its projects hold there.
fn physical(tenant: &Tenant, cluster: &str, pool: Option<&str>) -> Capacity {
    let org = &tenant.org;
    let nodes = org.nodes.iter().filter(|n| str_of(n, "clusterUuid") == cluster && pool.is_none_or(|p| str_of(n, "nodePool") == p));
    let gpus: Vec<f64> = nodes.filter_map(|n| n["gpuInfo"]["gpuCount"].as_f64()).collect();
    let quota = org.projects.iter().filter(|p| str_of(p, "clusterId") == cluster).map(|p| pool_quota(p, pool).0).sum();
    Capacity { gpus: gpus.iter().sum(), gpu_nodes: gpus.len() as f64, gpu_quota: quota, ..Capacity::default() }
}

/// A department's or project's (GPU, CPU millicores, memory MB) quota, in `pool` or in all.
fn pool_quota(unit: &Value, pool: Option<&str>) -> (f64, f64, f64) {
    let entries = unit["resources"].as_array().into_iter().flatten().filter(|r| pool.is_none_or(|p| r["nodePool"]["name"] == p));
    let mut total = (0.0, 0.0, 0.0);
    for r in entries {
        let deserved = |k: &str| r[k]["deserved"].as_f64().filter(|v| *v >= 0.0).unwrap_or(0.0);
        let memory = if r["memory"]["units"] == "GB" { deserved("memory") * 1000.0 } else { deserved("memory") };
        total = (total.0 + deserved("gpu"), total.1 + deserved("cpu"), total.2 + memory);
    }
    total
}

fn answer(tenant: &Tenant, keep: impl Fn(&Workload) -> bool, capacity: &Capacity, query: &HashMap<String, String>, now: i64) -> Reply {
    let (types, start, end, samples) = window(query)?;
    let workloads: Vec<&Workload> = tenant.workloads.items.iter().filter(|w| keep(w)).collect();
    Ok(Json(scope_series(&workloads, capacity, &types, start, end, samples, now)).into_response())
}

async fn cluster(caller: Caller, State(state): State<AppState>, Path(uuid): Path<String>, Query(query): Params) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    let now = tenant.settle();
    read_cluster(&tenant, &caller, &uuid)?;
    let pool = query.get("nodepoolName").map(String::as_str);
    if let Some(by) = query.get("groupBy") {
        return grouped(&tenant, &uuid, pool, by, &query, now);
    }
    let capacity = physical(&tenant, &uuid, pool);
    answer(&tenant, |w| w.cluster_id == uuid && pool.is_none_or(|p| pool_of(w) == Some(p)), &capacity, &query, now)
}

async fn nodepool(caller: Caller, State(state): State<AppState>, Path((uuid, name)): Path<(String, String)>, Query(query): Params) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    let now = tenant.settle();
    read_cluster(&tenant, &caller, &uuid)?;
    if !tenant.org.pools_of(&uuid).iter().any(|p| p.name == name) {
        return Err(not_found(format!("Node pool {name} was not found in cluster {uuid}.")));
    }
    let capacity = physical(&tenant, &uuid, Some(&name));
    answer(&tenant, |w| w.cluster_id == uuid && pool_of(w) == Some(name.as_str()), &capacity, &query, now)
}

/// A cluster's metrics, one series per metric and group (labelled with the group's name): by
/// node pool (each with its own GPUs), by department or project (each with its quota), or by
/// workload category (each against the cluster's GPUs).
fn grouped(tenant: &Tenant, uuid: &str, pool: Option<&str>, by: &str, query: &HashMap<String, String>, now: i64) -> Reply {
    let (types, start, end, samples) = window(query)?;
    let org = &tenant.org;
    let in_cluster = |w: &Workload| w.cluster_id == uuid && pool.is_none_or(|p| pool_of(w) == Some(p));
    let quota = |unit: &Value| {
        let (gpu, cpu, memory) = pool_quota(unit, pool);
        Capacity { gpu_quota: gpu, cpu_quota_millicores: cpu, memory_quota_mb: memory, ..Capacity::default() }
    };
    let (label, key_of): (&str, fn(&Workload) -> &str) = match by {
        "Nodepool" => ("nodepool", |w| pool_of(w).unwrap_or_default()),
        "Department" => ("department", |w| &w.department_id),
        "Project" => ("project", |w| &w.project_id),
        _ => ("category", |w| w.kind.category()),
    };
    let units = |units: &[Value]| -> Vec<(String, String, Capacity)> {
        let mine = units.iter().filter(|u| str_of(u, "clusterId") == uuid);
        mine.map(|u| (str_of(u, "id").to_owned(), str_of(u, "name").to_owned(), quota(u))).collect()
    };
    // Each group: its key among the workloads, its name, its capacity.
    let groups: Vec<(String, String, Capacity)> = match label {
        "nodepool" => {
            let pools = org.pools_of(uuid).into_iter().filter(|p| pool.is_none_or(|q| p.name == q));
            pools.map(|p| (p.name.to_string(), p.name.to_string(), physical(tenant, uuid, Some(&p.name)))).collect()
        }
        "department" => units(&org.departments),
        "project" => units(&org.projects),
        _ => ["Build", "Train", "Deploy"].into_iter().map(|c| (c.to_owned(), c.to_owned(), physical(tenant, uuid, pool))).collect(),
    };
    let mut measurements = Vec::new();
    for (key, name, capacity) in groups {
        let workloads: Vec<&Workload> = tenant.workloads.items.iter().filter(|w| in_cluster(w) && key_of(w) == key).collect();
        let answer = scope_series(&workloads, &capacity, &types, start, end, samples, now);
        for mut m in answer["measurements"].as_array().cloned().unwrap_or_default() {
            m["labels"] = json!({ label: name });
            measurements.push(m);
        }
    }
    Ok(Json(json!({ "measurements": measurements })).into_response())
}

fn read_cluster(tenant: &Tenant, caller: &Caller, uuid: &str) -> Result<(), axum::response::Response> {
    tenant.require(caller, "cluster", "read")?;
    if !tenant.clusters.iter().any(|c| c.uuid == uuid) {
        return Err(not_found(format!("Cluster {uuid} was not found.")));
    }
    tenant.require_at(caller, "cluster", "read", &Place::cluster(uuid))
}

async fn department(caller: Caller, State(state): State<AppState>, Path(id): Path<String>, Query(query): Params) -> Reply {
    // `one` brings the workloads up to now and checks the caller may read the unit.
    let unit = DEPARTMENTS.one(&state, &caller, &id)?;
    org_unit(&state, &unit, |w| w.department_id == id, &query)
}

async fn project(caller: Caller, State(state): State<AppState>, Path(id): Path<String>, Query(query): Params) -> Reply {
    let unit = PROJECTS.one(&state, &caller, &id)?;
    org_unit(&state, &unit, |w| w.project_id == id, &query)
}

fn org_unit(state: &AppState, unit: &Value, mine: impl Fn(&Workload) -> bool, query: &HashMap<String, String>) -> Reply {
    let pool = query.get("nodepoolName").map(String::as_str);
    let (gpu, cpu, memory) = pool_quota(unit, pool);
    let capacity = Capacity { gpu_quota: gpu, cpu_quota_millicores: cpu, memory_quota_mb: memory, ..Capacity::default() };
    let tenant = state.tenant.lock().unwrap();
    // The simulated time `one` settled the workloads to.
    let now = tenant.workloads.time;
    answer(&tenant, |w| mine(w) && pool.is_none_or(|p| pool_of(w) == Some(p)), &capacity, query, now)
}
