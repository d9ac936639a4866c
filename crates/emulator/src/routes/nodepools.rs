//! `/api/v1/node-pools` (list, count, create, get, update, patch, delete) and the read-only
//! nodes: `/api/v1/nodes` and the per-cluster `/api/v1/clusters/{clusterUuid}/nodes`.

use crate::auth::Caller;
use crate::http::{bad_request, count_body, created, json_body, no_content, not_found, Reply};
use super::collection::{json_id, Collection};
use crate::listing::{ListSpec, OPERATORS};
use crate::org::{check_k8s_name, place, str_of};
use crate::authz::{Directory, Place};
use crate::time::{now_secs, rfc3339};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/node-pools", get(list_pools).post(create))
        .route("/api/v1/node-pools/count", get(count_pools))
        .route("/api/v1/node-pools/{nodepoolId}", get(one).put(update).patch(update).delete(remove))
        .route("/api/v1/nodes", get(list_nodes))
        .route("/api/v1/nodes/count", get(count_nodes))
        .route("/api/v1/clusters/{clusterUuid}/nodes", get(list_cluster_nodes))
        .route("/api/v1/clusters/{clusterUuid}/nodes/count", get(count_cluster_nodes))
}

fn read_pool(pool: &Value, field: &str) -> Option<Value> {
    let pointer = match field {
        "gpuNetworkAccelerationDetected" => "/status/gpuNetworkAccelerationDetected",
        "swapEnabled" => "/gpuResourceOptimization/swapEnabled",
        "nodeLevelSchedulerEnabled" => "/gpuResourceOptimization/nodeLevelSchedulerEnabled",
        _ => return pool.get(field).cloned(),
    };
    pool.pointer(pointer).cloned()
}

const POOL_SPEC: ListSpec = ListSpec {
    fields: &[
        "name", "clusterId", "phase", "createdAt", "updatedAt", "gpuNetworkAccelerationDetection", "networkTopologyName",
        "gpuNetworkAccelerationDetected", "gpuNetworkAccelerationLabelKey", "swapEnabled", "nodeLevelSchedulerEnabled",
    ],
    operators: &OPERATORS,
    read: read_pool,
    search_in: &[],
    default_limit: 50,
};

fn read_node(node: &Value, field: &str) -> Option<Value> {
    match field {
        "gpuType" => node.pointer("/gpuInfo/gpuType").cloned(),
        _ => node.get(field).cloned(),
    }
}

const NODE_SPEC: ListSpec = ListSpec {
    fields: &["name", "status", "nodePool", "gpuType", "nvLinkDomainUid", "nvLinkCliqueId", "clusterUuid"],
    operators: &OPERATORS,
    read: read_node,
    search_in: &["name"],
    default_limit: 50,
};

pub const POOLS: Collection = Collection {
    resource_type: "nodepools",
    noun: "Node pool",
    records: |t| &t.org.nodepools,
    id: json_id,
    place: place::nodepool,
    spec: || POOL_SPEC,
};

pub(crate) const NODES: Collection = Collection { resource_type: "nodes", noun: "Node", records: |t| &t.org.nodes, id: json_id, place: place::node, spec: || NODE_SPEC };

async fn list_pools(caller: Caller, State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Reply {
    // This list answers with the array only, no `next` (clients page with the count).
    let page = POOLS.page(&state, &caller, &query, true)?;
    Ok(Json(json!({ "nodepools": page.items })).into_response())
}

async fn count_pools(caller: Caller, State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Reply {
    POOLS.count(&state, &caller, &query)
}

async fn one(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    Ok(Json(POOLS.one(&state, &caller, &id)?).into_response())
}

/// Applies the `NodepoolUpdateFields` present in `body` (also most of create's fields).
fn apply(pool: &mut Value, body: &Value) -> Result<(), String> {
    for field in ["labelKey", "labelValue"] {
        match body.get(field) {
            Some(Value::String(v)) if !v.is_empty() => pool[field] = json!(v),
            None | Some(Value::Null) => {}
            Some(_) => return Err(format!("{field} must be a non-empty string")),
        }
    }
    if let Some(ratio) = body.get("overProvisioningRatio").filter(|v| !v.is_null()) {
        match ratio.as_i64() {
            Some(r) if (1..=5).contains(&r) => pool["overProvisioningRatio"] = json!(r),
            _ => return Err("overProvisioningRatio must be a whole number from 1 to 5".into()),
        }
    }
    if let Some(strategy) = body.get("placementStrategy").filter(|v| v.is_object()) {
        for kind in ["cpu", "gpu"] {
            match strategy.get(kind).and_then(Value::as_str) {
                Some(s @ ("spread" | "binpack")) => pool["placementStrategy"][kind] = json!(s),
                None => {}
                Some(other) => return Err(format!("placementStrategy.{kind} must be spread or binpack, not {other}")),
            }
        }
    }
    if let Some(detection) = body.get("gpuNetworkAccelerationDetection").filter(|v| !v.is_null()) {
        match detection.as_str() {
            Some(d @ ("Use" | "DontUse" | "Auto")) => pool["gpuNetworkAccelerationDetection"] = json!(d),
            _ => return Err("gpuNetworkAccelerationDetection must be Use, DontUse or Auto".into()),
        }
    }
    if let Some(key) = body.get("gpuNetworkAccelerationLabelKey") {
        pool["gpuNetworkAccelerationLabelKey"] = json!(key.as_str().unwrap_or_default());
    }
    if let Some(optimization) = body.get("gpuResourceOptimization").filter(|v| v.is_object()) {
        for flag in ["swapEnabled", "nodeLevelSchedulerEnabled"] {
            if let Some(on) = optimization.get(flag).and_then(Value::as_bool) {
                pool["gpuResourceOptimization"][flag] = json!(on);
            }
        }
    }
    Ok(())
}

async fn create(caller: Caller, State(state): State<AppState>, body: Bytes) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    tenant.require(&caller, "nodepools", "create")?;
    let body = json_body(&body)?;
    let name = body["name"].as_str().unwrap_or_default();
    check_k8s_name(name, "Node pool").map_err(bad_request)?;
    let cluster_id = body["clusterId"].as_str().unwrap_or_default();
    let cluster = tenant.clusters.iter().find(|c| c.uuid == cluster_id).cloned();
    let cluster = cluster.ok_or_else(|| bad_request(format!("clusterId {cluster_id:?} is not a cluster of this tenant")))?;
    tenant.require_at(&caller, "nodepools", "create", &Place::cluster(&cluster.uuid))?;
    for field in ["labelKey", "labelValue"] {
        if body[field].as_str().is_none_or(str::is_empty) {
            return Err(bad_request(format!("{field} is required")));
        }
    }
    let org = &mut tenant.org;
    if org.nodepools.iter().any(|p| str_of(p, "name") == name && str_of(p, "clusterId") == cluster.uuid) {
        return Err(bad_request(format!("A node pool named {name} already exists in this cluster.")));
    }
    let id = org.new_id();
    let now = rfc3339(now_secs());
    let mut pool = json!({
        "id": id, "name": name, "tenantId": crate::tenant::TENANT_ID, "clusterId": cluster.uuid, "clusterName": cluster.name,
        "isDefault": false, "overProvisioningRatio": 1, "placementStrategy": { "cpu": "binpack", "gpu": "binpack" },
        "gpuNetworkAccelerationLabelKey": "", "gpuNetworkAccelerationDetection": "Auto",
        "gpuResourceOptimization": { "swapEnabled": false, "nodeLevelSchedulerEnabled": false },
        "networkTopologyName": null, "networkTopologyId": null, "phase": "Empty", "phaseMessage": "No nodes match the pool's label",
        "status": { "gpuNetworkAccelerationDetected": false, "nodes": [], "conditions": [] },
        "createdBy": caller.subject, "createdAt": now, "updatedBy": caller.subject, "updatedAt": now,
    });
    apply(&mut pool, &body).map_err(bad_request)?;
    org.nodepools.push(pool.clone());
    Ok(created(pool))
}

async fn update(caller: Caller, State(state): State<AppState>, Path(id): Path<String>, body: Bytes) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    let index = POOLS.index(&tenant, &caller, "update", &id)?;
    let body = json_body(&body)?;
    let pool = &mut tenant.org.nodepools[index];
    let mut changed = pool.clone();
    apply(&mut changed, &body).map_err(bad_request)?;
    changed["updatedAt"] = json!(rfc3339(now_secs()));
    changed["updatedBy"] = json!(caller.subject);
    *pool = changed.clone();
    Ok(Json(changed).into_response())
}

/// Deleting a pool returns its nodes to the cluster's default pool and drops its quotas.
async fn remove(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    let index = POOLS.index(&tenant, &caller, "delete", &id)?;
    let org = &mut tenant.org;
    if org.nodepools[index]["isDefault"] == json!(true) {
        return Err(bad_request("The default node pool cannot be deleted."));
    }
    let pool = org.nodepools.remove(index);
    let (cluster, name) = (str_of(&pool, "clusterId"), str_of(&pool, "name"));
    for node in org.nodes.iter_mut().filter(|n| str_of(n, "clusterUuid") == cluster && str_of(n, "nodePool") == name) {
        node["nodePool"] = json!("default");
    }
    for unit in org.departments.iter_mut().chain(org.projects.iter_mut()) {
        if let Some(resources) = unit["resources"].as_array() {
            let kept: Vec<Value> = resources.iter().filter(|r| r["nodePool"]["id"] != json!(id)).cloned().collect();
            if kept.len() != resources.len() {
                crate::org::set_resources(unit, Value::Array(kept));
            }
        }
    }
    Ok(no_content())
}

fn nodes_query(query: &HashMap<String, String>, cluster: Option<&str>) -> HashMap<String, String> {
    let mut query = query.clone();
    if let Some(cluster) = cluster {
        let scoped = format!("clusterUuid=={cluster}");
        let filter = match query.get("filterBy") {
            Some(f) if !f.is_empty() => format!("{f},{scoped}"),
            _ => scoped,
        };
        query.insert("filterBy".into(), filter);
    }
    query
}

fn nodes(caller: &Caller, state: &AppState, query: &HashMap<String, String>, cluster: Option<&str>, paged: bool) -> Result<crate::listing::Page, axum::response::Response> {
    if let Some(uuid) = cluster {
        if !state.tenant.lock().unwrap().clusters.iter().any(|c| c.uuid == uuid) {
            return Err(not_found(format!("Cluster {uuid} was not found.")));
        }
    }
    NODES.page(state, caller, &nodes_query(query, cluster), paged)
}

async fn list_nodes(caller: Caller, State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Reply {
    let page = nodes(&caller, &state, &query, None, true)?;
    Ok(Json(json!({ "nodes": page.items })).into_response())
}

async fn count_nodes(caller: Caller, State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Reply {
    Ok(count_body(nodes(&caller, &state, &query, None, false)?))
}

async fn list_cluster_nodes(caller: Caller, State(state): State<AppState>, Path(uuid): Path<String>, Query(query): Query<HashMap<String, String>>) -> Reply {
    let page = nodes(&caller, &state, &query, Some(&uuid), true)?;
    Ok(Json(json!({ "nodes": page.items })).into_response())
}

async fn count_cluster_nodes(caller: Caller, State(state): State<AppState>, Path(uuid): Path<String>, Query(query): Query<HashMap<String, String>>) -> Reply {
    Ok(count_body(nodes(&caller, &state, &query, Some(&uuid), false)?))
}
