//! Deprecated applications (`/api/v1/apps`: service accounts by another name, whose secret
//! field is `secret`) and personal access keys (`/api/v1/access-keys`, the caller's own, and
//! `/api/v1/administration/access-keys`, everyone's). Secrets only at creation and regeneration.

use crate::auth::Caller;
use crate::http::{bad_request, conflict, created, json_body, no_content, optional_json_body, not_found, Reply};
use crate::authz::{Directory, Place};
use crate::tenant::{AccessKey, ServiceAccount, Tenant};
use crate::time::{now_secs, rfc3339};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/apps", get(list_apps).post(create_app))
        .route("/api/v1/apps/{appId}", get(one_app).patch(patch_app).delete(delete_app))
        .route("/api/v1/apps/{appId}/secret", post(regenerate_app))
        .route("/api/v1/access-keys", get(my_keys).post(create_key))
        .route("/api/v1/access-keys/{accessKeyId}", get(one_key).delete(delete_key))
        .route("/api/v1/access-keys/{accessKeyId}/secret", post(regenerate_key))
        .route("/api/v1/administration/access-keys", get(all_keys))
        .route("/api/v1/administration/access-keys/{accessKeyId}", axum::routing::delete(admin_delete_key))
}

fn tenant_wide(tenant: &Tenant, caller: &Caller, action: &str, resource_type: &str) -> Result<(), axum::response::Response> {
    tenant.require_at(caller, resource_type, action, &Place::default())
}

/// Names as service accounts take them: a lowercase letter first, a letter or digit last.
fn valid_name(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() >= 2
        && b[0].is_ascii_lowercase()
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-' || *c == b'_')
        && b.last().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

fn find_app<'a>(tenant: &'a Tenant, id: &str) -> Result<&'a ServiceAccount, axum::response::Response> {
    tenant.service_accounts.iter().find(|a| a.legacy && a.id == id).ok_or_else(|| not_found(format!("Application {id} was not found.")))
}

async fn list_apps(caller: Caller, State(state): State<AppState>) -> Reply {
    let tenant = state.tenant.lock().unwrap();
    tenant_wide(&tenant, &caller, "read", "apps")?;
    Ok(Json(tenant.service_accounts.iter().filter(|a| a.legacy).map(ServiceAccount::to_json).collect::<Vec<_>>()).into_response())
}

async fn one_app(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let tenant = state.tenant.lock().unwrap();
    tenant_wide(&tenant, &caller, "read", "apps")?;
    Ok(Json(find_app(&tenant, &id)?.to_json()).into_response())
}

async fn create_app(caller: Caller, State(state): State<AppState>, body: Bytes) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    tenant_wide(&tenant, &caller, "create", "apps")?;
    let name = json_body(&body)?["name"].as_str().unwrap_or_default().to_owned();
    if !valid_name(&name) {
        return Err(bad_request("name must start with a lowercase letter, end with a letter or digit, and hold only lowercase letters, digits, '-' and '_'"));
    }
    if tenant.service_accounts.iter().any(|a| a.client_id == name) {
        return Err(conflict(format!("An application named {name} already exists.")));
    }
    let (id, secret, now) = (tenant.fresh("uuid"), tenant.fresh("secret"), now_secs());
    tenant.service_accounts.push(ServiceAccount {
        id: id.clone(), name: name.clone(), client_id: name.clone(), secret: secret.clone(), enabled: true, legacy: true,
        created_by: caller.subject.clone(), created_at: now, updated_at: now, last_login: None,
    });
    Ok(created(json!({ "id": id, "name": name, "clientId": name, "secret": secret })))
}

async fn patch_app(caller: Caller, State(state): State<AppState>, Path(id): Path<String>, body: Bytes) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    tenant_wide(&tenant, &caller, "update", "apps")?;
    // The contract makes this body optional: without one, nothing changes.
    let body = optional_json_body(&body)?;
    let enabled = match &body["enabled"] {
        serde_json::Value::Null => None,
        value => Some(value.as_bool().ok_or_else(|| bad_request("enabled must be true or false"))?),
    };
    find_app(&tenant, &id)?;
    let app = tenant.service_accounts.iter_mut().find(|a| a.legacy && a.id == id).expect("found above");
    if let Some(enabled) = enabled {
        app.enabled = enabled;
    }
    app.updated_at = now_secs();
    Ok(axum::http::StatusCode::OK.into_response())
}

async fn delete_app(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    tenant_wide(&tenant, &caller, "delete", "apps")?;
    let client_id = find_app(&tenant, &id)?.client_id.clone();
    tenant.service_accounts.retain(|a| !(a.legacy && a.id == id));
    tenant.access_rules.retain(|r| !(r.subject_type == "app" && r.subject_id == client_id));
    Ok(no_content())
}

async fn regenerate_app(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    tenant_wide(&tenant, &caller, "update", "apps")?;
    find_app(&tenant, &id)?;
    let secret = tenant.fresh("secret");
    tenant.service_accounts.iter_mut().find(|a| a.legacy && a.id == id).expect("found above").secret = secret.clone();
    Ok(Json(json!({ "secret": secret })).into_response())
}

impl AccessKey {
    fn to_json(&self, with_owner: bool) -> Value {
        let mut v = json!({ "id": self.id, "name": self.name, "clientId": self.client_id, "createdAt": rfc3339(self.created_at),
                            "lastLogin": self.last_login.map(rfc3339) });
        if with_owner {
            v["createdBy"] = json!(self.owner);
        }
        v
    }
}

/// Anyone signed in manages their own keys.
async fn my_keys(caller: Caller, State(state): State<AppState>) -> Json<Value> {
    let tenant = state.tenant.lock().unwrap();
    let keys: Vec<Value> = tenant.access_keys.iter().filter(|k| k.owner == caller.subject).map(|k| k.to_json(false)).collect();
    Json(json!({ "accessKeys": keys }))
}

fn own_key<'a>(tenant: &'a Tenant, caller: &Caller, id: &str) -> Result<&'a AccessKey, axum::response::Response> {
    tenant.access_keys.iter().find(|k| k.id == id && k.owner == caller.subject).ok_or_else(|| not_found(format!("Access key {id} was not found.")))
}

async fn one_key(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let tenant = state.tenant.lock().unwrap();
    Ok(Json(own_key(&tenant, &caller, &id)?.to_json(false)).into_response())
}

async fn create_key(caller: Caller, State(state): State<AppState>, body: Bytes) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    let name = json_body(&body)?["name"].as_str().unwrap_or_default().to_owned();
    if !valid_name(&name) {
        return Err(bad_request("name must start with a lowercase letter, end with a letter or digit, and hold only lowercase letters, digits, '-' and '_'"));
    }
    if tenant.access_keys.iter().any(|k| k.owner == caller.subject && k.name == name) {
        return Err(conflict(format!("You already have an access key named {name}.")));
    }
    let (id, secret, now) = (tenant.fresh("uuid"), tenant.fresh("secret"), now_secs());
    let client_id = format!("ak-{}", &tenant.fresh("secret")[..16]);
    tenant.access_keys.push(AccessKey {
        id: id.clone(), name: name.clone(), client_id: client_id.clone(), secret: secret.clone(), owner: caller.subject.clone(),
        created_at: now, last_login: None,
    });
    Ok(created(json!({ "id": id, "name": name, "clientId": client_id, "clientSecret": secret, "createdAt": rfc3339(now) })))
}

async fn delete_key(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    own_key(&tenant, &caller, &id)?;
    tenant.access_keys.retain(|k| k.id != id);
    Ok(no_content())
}

async fn regenerate_key(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    own_key(&tenant, &caller, &id)?;
    let secret = tenant.fresh("secret");
    tenant.access_keys.iter_mut().find(|k| k.id == id).expect("found above").secret = secret.clone();
    Ok(Json(json!({ "clientSecret": secret })).into_response())
}

async fn all_keys(caller: Caller, State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Reply {
    let tenant = state.tenant.lock().unwrap();
    tenant_wide(&tenant, &caller, "read", "access-keys")?;
    let keys: Vec<Value> = tenant
        .access_keys
        .iter()
        .filter(|k| query.get("clientId").is_none_or(|c| *c == k.client_id))
        .filter(|k| query.get("createdBy").is_none_or(|o| *o == k.owner))
        .map(|k| k.to_json(true))
        .collect();
    Ok(Json(json!({ "accessKeys": keys })).into_response())
}

async fn admin_delete_key(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    tenant_wide(&tenant, &caller, "delete", "access-keys")?;
    if !tenant.access_keys.iter().any(|k| k.id == id) {
        return Err(not_found(format!("Access key {id} was not found.")));
    }
    tenant.access_keys.retain(|k| k.id != id);
    Ok(no_content())
}
