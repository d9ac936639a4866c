//! `/api/v1/datavolumes`: the volumes that originate where the caller may read them, or those
//! usable in one project; count, create, read, update (the description), delete, the name
//! check, and the scopes a volume is shared with (see `crate::datavolumes`).

use super::collection::{Collection, Query as Params};
use crate::auth::Caller;
use crate::authz::Directory;
use crate::datavolumes::{read, scope_name, DataVolume};
use crate::http::{bad_request, conflict, count_body, json_body, no_content, Reply};
use crate::listing::{list, ListSpec, Page, OPERATORS};
use crate::org::{check_k8s_name, place, str_of, Org};
use crate::time::{now_secs, rfc3339};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/datavolumes", get(list_volumes).post(create))
        .route("/api/v1/datavolumes/count", get(count))
        .route("/api/v1/datavolumes/name-availability", get(name_availability))
        .route("/api/v1/datavolumes/{datavolumeId}", get(one).patch(update).delete(remove))
        .route("/api/v1/datavolumes/{datavolumeId}/sharedScopes", get(shared_scopes).patch(share))
}

const FIELDS: &[&str] = &["name", "projectId", "clusterId", "departmentId", "projectName", "createdAt", "createdBy", "phase"];

fn spec() -> ListSpec<DataVolume> {
    ListSpec { fields: FIELDS, operators: &OPERATORS, read, search_in: &["name", "projectName"], default_limit: 50 }
}

const VOLUMES: Collection<DataVolume> = Collection { resource_type: "datavolumes", noun: "Data volume", records: |t| &t.datavolumes, id: DataVolume::id, place: DataVolume::place, spec };

/// The page `requestType` asks for: volumes originating where the caller reads them, or
/// those usable in `usableInProjectId` (which the caller must read volumes in).
fn page(state: &AppState, caller: &Caller, query: &Params, paged: bool) -> Result<Page<DataVolume>, Response> {
    match query.get("requestType").map(String::as_str) {
        Some("Originated") => VOLUMES.page(state, caller, query, paged),
        Some("UsableInProject") => {
            let tenant = state.tenant.lock().unwrap();
            tenant.require(caller, "datavolumes", "read")?;
            let id = query.get("usableInProjectId").ok_or_else(|| bad_request("usableInProjectId is required with requestType=UsableInProject."))?;
            let project = Org::find(&tenant.org.projects, id).ok_or_else(|| bad_request(format!("Project {id} does not exist.")))?;
            tenant.require_at(caller, "datavolumes", "read", &place::project(project))?;
            let usable: Vec<DataVolume> = tenant.datavolumes.iter().filter(|v| v.usable_in(project)).cloned().collect();
            list(&usable, query, &spec(), paged)
        }
        _ => Err(bad_request("requestType must be Originated or UsableInProject.")),
    }
}

async fn list_volumes(caller: Caller, State(state): State<AppState>, Query(query): Query<Params>) -> Reply {
    let page = page(&state, &caller, &query, true)?;
    let now = now_secs();
    let mut body = json!({ "datavolumes": page.items.iter().map(|v| v.view(now, false)).collect::<Vec<_>>() });
    if let Some(next) = page.next {
        body["next"] = json!(next);
    }
    Ok(Json(body).into_response())
}

async fn count(caller: Caller, State(state): State<AppState>, Query(query): Query<Params>) -> Reply {
    Ok(count_body(page(&state, &caller, &query, false)?))
}

async fn one(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    Ok(Json(VOLUMES.one(&state, &caller, &id)?.view(now_secs(), true)).into_response())
}

async fn create(caller: Caller, State(state): State<AppState>, body: Bytes) -> Reply {
    let body = json_body(&body)?;
    let mut tenant = state.tenant.lock().unwrap();
    tenant.require(&caller, "datavolumes", "create")?;
    let name = body["name"].as_str().unwrap_or_default();
    check_k8s_name(name, "A data volume's name").map_err(bad_request)?;
    if body["originPvcName"].as_str().is_none_or(str::is_empty) {
        return Err(bad_request("originPvcName is required: the PVC the volume copies."));
    }
    if body["shouldDeleteOriginalVolume"] == true {
        return Err(bad_request("shouldDeleteOriginalVolume true is not supported."));
    }
    let id = body["projectId"].as_str().unwrap_or_default();
    let project = Org::find(&tenant.org.projects, id).cloned().ok_or_else(|| bad_request(format!("Project {id} does not exist.")))?;
    tenant.require_at(&caller, "datavolumes", "create", &place::project(&project))?;
    if taken(&tenant.datavolumes, name, str_of(&project, "clusterId")) {
        return Err(bad_request(format!("A data volume named {name} already exists in this cluster.")));
    }
    tenant.serial += 1;
    let id = format!("da7a{:04x}-{:04x}-4000-8000-{:012x}", tenant.serial >> 16 & 0xffff, tenant.serial & 0xffff, tenant.serial.wrapping_mul(0x9e37_79b9) & 0xffff_ffff_ffff);
    let now = now_secs();
    let volume = DataVolume::new(id, &body, &project, &caller.subject, now);
    let answer = volume.view(now, true);
    tenant.datavolumes.push(volume);
    Ok((StatusCode::CREATED, Json(answer)).into_response())
}

fn taken(volumes: &[DataVolume], name: &str, cluster: &str) -> bool {
    volumes.iter().any(|v| str_of(&v.record, "name") == name && str_of(&v.record, "clusterId") == cluster)
}

async fn update(caller: Caller, State(state): State<AppState>, Path(id): Path<String>, body: Bytes) -> Reply {
    let body = json_body(&body)?;
    let mut tenant = state.tenant.lock().unwrap();
    let i = VOLUMES.index(&tenant, &caller, "update", &id)?;
    let record = &mut tenant.datavolumes[i].record;
    if let Some(description) = body["description"].as_str() {
        record["description"] = json!(description);
    }
    record["updatedAt"] = json!(rfc3339(now_secs()));
    record["updatedBy"] = json!(caller.subject);
    Ok(Json(tenant.datavolumes[i].view(now_secs(), false)).into_response())
}

async fn remove(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    let i = VOLUMES.index(&tenant, &caller, "delete", &id)?;
    tenant.datavolumes.remove(i);
    Ok((StatusCode::ACCEPTED, Json(json!({ "code": 202, "message": format!("Data volume {id} is being deleted.") }))).into_response())
}

/// 204 when no volume of the cluster has the name, else 409.
async fn name_availability(caller: Caller, State(state): State<AppState>, Query(query): Query<Params>) -> Reply {
    let tenant = state.tenant.lock().unwrap();
    tenant.require(&caller, "datavolumes", "read")?;
    let (name, cluster) = (query.get("dataName").map_or("", String::as_str), query.get("clusterId").map_or("", String::as_str));
    if taken(&tenant.datavolumes, name, cluster) {
        return Err(conflict(format!("A data volume named {name} already exists in this cluster.")));
    }
    Ok(no_content())
}

async fn shared_scopes(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let volume = VOLUMES.one(&state, &caller, &id)?;
    Ok(Json(volume.record["sharedScopes"].clone()).into_response())
}

/// Adds and removes shared scopes (each must exist); adding one already there changes nothing.
async fn share(caller: Caller, State(state): State<AppState>, Path(id): Path<String>, body: Bytes) -> Reply {
    let body = json_body(&body)?;
    let mut tenant = state.tenant.lock().unwrap();
    let i = VOLUMES.index(&tenant, &caller, "update", &id)?;
    let key = |s: &Value| (str_of(s, "scopeType").to_owned(), str_of(s, "scopeId").to_owned());
    let mut scopes = tenant.datavolumes[i].record["sharedScopes"].as_array().cloned().unwrap_or_default();
    for removed in body["remove"].as_array().into_iter().flatten() {
        scopes.retain(|s| key(s) != key(removed));
    }
    for added in body["add"].as_array().into_iter().flatten() {
        let (scope_type, scope_id) = key(added);
        let name = scope_name(&tenant.org, &tenant.clusters, &scope_type, &scope_id).ok_or_else(|| bad_request(format!("No {scope_type} {scope_id} to share with.")))?;
        tenant.require_at(&caller, "datavolumes", "read", &place::of_scope(&tenant.org, &scope_type, &scope_id).unwrap_or_default())?;
        if !scopes.iter().any(|s| key(s) == key(added)) {
            scopes.push(json!({ "scopeType": scope_type, "scopeId": scope_id, "scopeName": name, "createdAt": rfc3339(now_secs()), "createdBy": caller.subject }));
        }
    }
    tenant.datavolumes[i].record["sharedScopes"] = json!(scopes);
    Ok(Json(scopes).into_response())
}
