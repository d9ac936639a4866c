//! `/api/v1/org-unit/departments`: paged list with `verbosity`, count, create, get, update,
//! delete. A department's projects appear as its `children`.

use crate::auth::Caller;
use crate::http::{bad_request, conflict, created, json_body, no_content, page_body, Reply};
use super::collection::{json_id, Collection};
use crate::listing::{ListSpec, OPERATORS};
use crate::org::{check_k8s_name, place, quota, set_policies, set_resources, str_of, Org};
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
        .route("/api/v1/org-unit/departments", get(list_departments).post(create))
        .route("/api/v1/org-unit/departments/count", get(count))
        .route("/api/v1/org-unit/departments/{departmentId}", get(one).put(update).delete(remove))
}

pub const FIELDS: &[&str] = &[
    "name", "clusterId", "totalGpuQuota", "gpuAllocated", "createdAt", "avgGpuAllocation24h", "avgGpuUtilization24h",
    "avgGpuMemoryUtilization24h", "avgGpuAllocation7d", "avgGpuUtilization7d", "avgGpuMemoryUtilization7d",
    "avgGpuAllocation30d", "avgGpuUtilization30d", "avgGpuMemoryUtilization30d",
];

/// The fields departments and projects share for filtering and sorting.
pub fn read_org_unit(record: &Value, field: &str) -> Option<Value> {
    let pointer = match field {
        "totalGpuQuota" => "/totalResources/gpuQuota".to_owned(),
        "gpuAllocated" => "/status/quotaStatus/allocated/gpu".to_owned(),
        "departmentId" => "/parentId".to_owned(),
        "parentName" => "/parent/name".to_owned(),
        "phase" => "/status/phase".to_owned(),
        f if f.starts_with("avgGpu") => {
            let (metric, range) = f.split_at(f.len() - if f.ends_with("30d") { 3 } else { 2 });
            let metric = metric.trim_start_matches("avgGpu");
            format!("/overtimeData/range{range}Data/averageGpu{metric}")
        }
        f => format!("/{f}"),
    };
    record.pointer(&pointer).cloned()
}

const SPEC: ListSpec = ListSpec { fields: FIELDS, operators: &OPERATORS, read: read_org_unit, search_in: &[], default_limit: 50 };

/// The list item shape (`DepartmentForList`) at the asked verbosity.
fn for_list(mut d: Value, verbosity: Option<&str>) -> Value {
    let object = d.as_object_mut().unwrap();
    object.remove("projectsAggregatedResources");
    match object.get_mut("status").and_then(Value::as_object_mut) {
        // The list's status carries the totals only, not the per-node-pool breakdown.
        Some(status) if verbosity == Some("verbose") => {
            status.remove("nodePoolQuotaStatuses");
        }
        _ => {
            object.remove("status");
        }
    }
    if verbosity == Some("meta") {
        object.retain(|k, _| ["id", "name", "clusterId", "createdAt", "updatedAt", "totalResources", "resources"].contains(&k.as_str()));
    }
    d
}

/// The single-department shape: with what its projects add up to per node pool.
fn with_aggregates(org: &Org, mut d: Value) -> Value {
    let id = str_of(&d, "id").to_owned();
    let mut pools: Vec<(Value, [f64; 3])> = Vec::new();
    for project in org.projects.iter().filter(|p| str_of(p, "parentId") == id) {
        for r in project["resources"].as_array().into_iter().flatten() {
            let amounts = ["gpu", "cpu", "memory"].map(|k| r.pointer(&format!("/{k}/deserved")).and_then(Value::as_f64).unwrap_or(0.0).max(0.0));
            match pools.iter_mut().find(|(pool, _)| pool["id"] == r["nodePool"]["id"]) {
                Some((_, sums)) => (0..3).for_each(|i| sums[i] += amounts[i]),
                None => pools.push((r["nodePool"].clone(), amounts)),
            }
        }
    }
    d["projectsAggregatedResources"] = pools
        .into_iter()
        .map(|(pool, [gpu, cpu, memory])| {
            json!({ "nodePool": pool, "gpu": { "deserved": gpu }, "cpu": { "deserved": cpu }, "memory": { "deserved": memory, "units": "MB" } })
        })
        .collect();
    d
}

pub(crate) const DEPARTMENTS: Collection = Collection {
    resource_type: "department",
    noun: "Department",
    records: |t| &t.org.departments,
    id: json_id,
    place: place::department,
    spec: || SPEC,
};

async fn list_departments(caller: Caller, State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Reply {
    let verbosity = query.get("verbosity").map(String::as_str);
    if verbosity.is_some_and(|v| !["meta", "brief", "verbose"].contains(&v)) {
        return Err(bad_request("verbosity must be meta, brief or verbose"));
    }
    let mut page = DEPARTMENTS.page(&state, &caller, &query, true)?;
    page.items = page.items.into_iter().map(|d| for_list(d, verbosity)).collect();
    Ok(Json(page_body("departments", page)).into_response())
}

async fn count(caller: Caller, State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Reply {
    DEPARTMENTS.count(&state, &caller, &query)
}

async fn one(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let d = DEPARTMENTS.one(&state, &caller, &id)?;
    let tenant = state.tenant.lock().unwrap();
    Ok(Json(with_aggregates(&tenant.org, d)).into_response())
}

async fn create(caller: Caller, State(state): State<AppState>, body: Bytes) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    tenant.require(&caller, "department", "create")?;
    let body = json_body(&body)?;
    let name = body["name"].as_str().unwrap_or_default();
    check_k8s_name(name, "Department").map_err(bad_request)?;
    let cluster = body["clusterId"].as_str().unwrap_or_default().to_owned();
    if !tenant.clusters.iter().any(|c| c.uuid == cluster) {
        return Err(bad_request(format!("clusterId {cluster:?} is not a cluster of this tenant")));
    }
    tenant.require_at(&caller, "department", "create", &Place::cluster(&cluster))?;
    let org = &mut tenant.org;
    if org.departments.iter().any(|d| str_of(d, "name") == name && str_of(d, "clusterId") == cluster) {
        return Err(conflict(format!("A department named {name} already exists in this cluster.")));
    }
    let resources = quota::normalize(body.get("resources").unwrap_or(&json!([])), &org.pools_of(&cluster)).map_err(bad_request)?;
    let id = org.new_unit_id();
    let department = org.department(id, &body, resources, now_secs());
    org.departments.push(department.clone());
    Ok(created(with_aggregates(org, department)))
}

async fn update(caller: Caller, State(state): State<AppState>, Path(id): Path<String>, body: Bytes) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    let index = DEPARTMENTS.index(&tenant, &caller, "update", &id)?;
    let body = json_body(&body)?;
    let org = &mut tenant.org;
    let cluster = str_of(&org.departments[index], "clusterId").to_owned();
    let resources = match body.get("resources") {
        Some(r) => Some(quota::normalize(r, &org.pools_of(&cluster)).map_err(bad_request)?),
        None => None,
    };
    let d = &mut org.departments[index];
    if let Some(description) = body.get("description").filter(|v| v.is_string()) {
        d["description"] = description.clone();
    }
    set_policies(d, &body);
    if let Some(resources) = resources {
        set_resources(d, resources);
    }
    d["updatedAt"] = json!(rfc3339(now_secs()));
    let d = d.clone();
    Ok(Json(with_aggregates(org, d)).into_response())
}

async fn remove(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    let index = DEPARTMENTS.index(&tenant, &caller, "delete", &id)?;
    let org = &mut tenant.org;
    let projects = org.projects.iter().filter(|p| str_of(p, "parentId") == id).count();
    if projects > 0 {
        return Err(bad_request(format!("The department still has {projects} projects; move or delete them first.")));
    }
    org.departments.remove(index);
    Ok(no_content())
}
