//! `/api/v1/users` (a bare array that still takes `offset`/`limit`, default 500; `filterBy`
//! with four operators and names that differ from the fields) and `/api/v1/service-accounts`
//! (a bare array; secrets shown at creation and regeneration only).

use crate::auth::Caller;
use crate::http::{bad_request, conflict, count_body, created, json_body, no_content, optional_json_body, not_found, Reply};
use crate::listing::{list, ListSpec};
use crate::authz::{Directory, Place};
use crate::tenant::{ServiceAccount, Tenant, User};
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
        .route("/api/v1/users", get(list_users).post(create_user))
        .route("/api/v1/users/count", get(count_users))
        .route("/api/v1/users/{userId}", get(one_user).delete(delete_user))
        .route("/api/v1/users/{userId}/logout", post(logout_user))
        .route("/api/v1/users/{userId}/password", post(reset_password))
        .route("/api/v1/service-accounts", get(list_accounts).post(create_account))
        .route("/api/v1/service-accounts/{serviceAccountId}", get(one_account).patch(patch_account).delete(delete_account))
        .route("/api/v1/service-accounts/{serviceAccountId}/secret", post(regenerate_secret))
}

fn time(t: Option<i64>) -> Value {
    t.map_or(Value::Null, |t| json!(rfc3339(t)))
}

impl User {
    pub fn to_json(&self) -> Value {
        json!({ "id": self.id, "username": self.username, "createdBy": self.created_by, "createdAt": time(Some(self.created_at)),
                "updatedAt": time(Some(self.updated_at)), "lastLogin": time(self.last_login), "isLocal": self.is_local,
                "groups": self.groups })
    }
}

impl ServiceAccount {
    pub fn to_json(&self) -> Value {
        json!({ "id": self.id, "name": self.name, "clientId": self.client_id, "enabled": self.enabled,
                "tenantId": crate::tenant::TENANT_ID.to_string(), "createdBy": self.created_by,
                "createdAt": time(Some(self.created_at)), "updatedAt": time(Some(self.updated_at)), "lastLogin": time(self.last_login) })
    }
}

fn read_user(user: &Value, field: &str) -> Option<Value> {
    let key = match field {
        "creationTime" => "createdAt",
        "lastUpdated" => "updatedAt",
        "type" => "isLocal",
        other => other,
    };
    user.get(key).cloned()
}

const USER_SPEC: ListSpec = ListSpec {
    fields: &["username", "createdBy", "lastLogin", "creationTime", "lastUpdated", "isLocal", "type"],
    operators: &["==", "<=", ">=", "=@"],
    read: read_user,
    search_in: &["username"],
    default_limit: 500,
};

/// Users, service accounts and roles are tenant-wide: only tenant-scoped rules reach them.
fn tenant_wide(tenant: &Tenant, caller: &Caller, resource_type: &str, action: &str) -> Result<(), axum::response::Response> {
    tenant.require_at(caller, resource_type, action, &Place::default())
}

fn user_records(tenant: &Tenant, query: &HashMap<String, String>) -> Result<crate::listing::Page, axum::response::Response> {
    // `type` sorts but does not filter: the regex of filterBy has no `type`.
    if query.get("filterBy").is_some_and(|f| f.split(',').any(|item| item.starts_with("type"))) {
        return Err(bad_request("Invalid filterBy: type is not a filter field"));
    }
    let records: Vec<Value> = tenant.users.iter().map(User::to_json).collect();
    list(&records, query, &USER_SPEC, true)
}

async fn list_users(caller: Caller, State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Reply {
    let tenant = state.tenant.lock().unwrap();
    tenant_wide(&tenant, &caller, "users", "read")?;
    Ok(Json(user_records(&tenant, &query)?.items).into_response())
}

async fn count_users(caller: Caller, State(state): State<AppState>, Query(mut query): Query<HashMap<String, String>>) -> Reply {
    let tenant = state.tenant.lock().unwrap();
    tenant_wide(&tenant, &caller, "users", "read")?;
    query.retain(|k, _| k == "filterBy" || k == "search");
    Ok(count_body(user_records(&tenant, &query)?))
}

fn find_user<'a>(tenant: &'a Tenant, id: &str) -> Result<&'a User, axum::response::Response> {
    tenant.users.iter().find(|u| u.id == id).ok_or_else(|| not_found(format!("User {id} was not found.")))
}

async fn one_user(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let tenant = state.tenant.lock().unwrap();
    tenant_wide(&tenant, &caller, "users", "read")?;
    Ok(Json(find_user(&tenant, &id)?.to_json()).into_response())
}

fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    let local_ok = !local.is_empty() && local.chars().all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
    let (host, tld) = domain.rsplit_once('.').unwrap_or(("", ""));
    let host_ok = !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || ".-".contains(c));
    local_ok && host_ok && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())
}

async fn create_user(caller: Caller, State(state): State<AppState>, body: Bytes) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    tenant_wide(&tenant, &caller, "users", "create")?;
    let body = json_body(&body)?;
    let email = body["email"].as_str().unwrap_or_default().trim().to_owned();
    if !valid_email(&email) {
        return Err(bad_request("email must be an e-mail address"));
    }
    if tenant.users.iter().any(|u| u.username.eq_ignore_ascii_case(&email)) {
        return Err(conflict(format!("A user with the e-mail {email} already exists.")));
    }
    let (id, password, now) = (tenant.fresh("uuid"), tenant.fresh("secret")[..12].to_owned(), now_secs());
    tenant.users.push(User {
        id: id.clone(), username: email.clone(), created_by: caller.subject.clone(), created_at: now, updated_at: now,
        last_login: None, is_local: true, groups: Vec::new(), password: password.clone(),
    });
    Ok(created(json!({ "id": id, "username": email, "tempPassword": password })))
}

async fn delete_user(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    tenant_wide(&tenant, &caller, "users", "delete")?;
    let username = find_user(&tenant, &id)?.username.clone();
    tenant.users.retain(|u| u.id != id);
    tenant.access_rules.retain(|r| !(r.subject_type == "user" && r.subject_id == username));
    Ok(no_content())
}

async fn logout_user(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let tenant = state.tenant.lock().unwrap();
    tenant_wide(&tenant, &caller, "users", "update")?;
    find_user(&tenant, &id)?;
    Ok(axum::http::StatusCode::OK.into_response())
}

async fn reset_password(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    tenant_wide(&tenant, &caller, "users", "update")?;
    find_user(&tenant, &id)?;
    let password = tenant.fresh("secret")[..12].to_owned();
    let user = tenant.users.iter_mut().find(|u| u.id == id).expect("found above");
    user.password = password.clone();
    user.updated_at = now_secs();
    Ok(Json(json!({ "tempPassword": password })).into_response())
}

fn accounts(tenant: &Tenant) -> impl Iterator<Item = &ServiceAccount> {
    tenant.service_accounts.iter().filter(|a| !a.legacy)
}

async fn list_accounts(caller: Caller, State(state): State<AppState>) -> Reply {
    let tenant = state.tenant.lock().unwrap();
    tenant_wide(&tenant, &caller, "service-account", "read")?;
    Ok(Json(accounts(&tenant).map(ServiceAccount::to_json).collect::<Vec<_>>()).into_response())
}

fn find_account<'a>(tenant: &'a Tenant, id: &str) -> Result<&'a ServiceAccount, axum::response::Response> {
    accounts(tenant).find(|a| a.id == id).ok_or_else(|| not_found(format!("Service account {id} was not found.")))
}

async fn one_account(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let tenant = state.tenant.lock().unwrap();
    tenant_wide(&tenant, &caller, "service-account", "read")?;
    Ok(Json(find_account(&tenant, &id)?.to_json()).into_response())
}

fn valid_account_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.len() >= 2
        && bytes[0].is_ascii_lowercase()
        && bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-' || *b == b'_')
        && bytes.last().is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

async fn create_account(caller: Caller, State(state): State<AppState>, body: Bytes) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    tenant_wide(&tenant, &caller, "service-account", "create")?;
    let body = json_body(&body)?;
    let name = body["name"].as_str().unwrap_or_default().to_owned();
    if !valid_account_name(&name) {
        return Err(bad_request("name must start with a lowercase letter, end with a letter or digit, and hold only lowercase letters, digits, '-' and '_'"));
    }
    if tenant.service_accounts.iter().any(|a| a.name == name || a.client_id == name) {
        return Err(conflict(format!("A service account named {name} already exists.")));
    }
    let (id, secret, now) = (tenant.fresh("uuid"), tenant.fresh("secret"), now_secs());
    tenant.service_accounts.push(ServiceAccount {
        id: id.clone(), name: name.clone(), client_id: name.clone(), secret: secret.clone(), enabled: true, legacy: false,
        created_by: caller.subject.clone(), created_at: now, updated_at: now, last_login: None,
    });
    Ok(created(json!({ "id": id, "name": name, "clientId": name, "clientSecret": secret })))
}

async fn patch_account(caller: Caller, State(state): State<AppState>, Path(id): Path<String>, body: Bytes) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    tenant_wide(&tenant, &caller, "service-account", "update")?;
    // The contract makes this body optional: without one, nothing changes.
    let body = optional_json_body(&body)?;
    let enabled = match &body["enabled"] {
        serde_json::Value::Null => None,
        value => Some(value.as_bool().ok_or_else(|| bad_request("enabled must be true or false"))?),
    };
    find_account(&tenant, &id)?;
    let account = tenant.service_accounts.iter_mut().find(|a| a.id == id).expect("found above");
    if let Some(enabled) = enabled {
        account.enabled = enabled;
    }
    account.updated_at = now_secs();
    Ok(axum::http::StatusCode::OK.into_response())
}

async fn delete_account(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    tenant_wide(&tenant, &caller, "service-account", "delete")?;
    let client_id = find_account(&tenant, &id)?.client_id.clone();
    tenant.service_accounts.retain(|a| a.id != id);
    tenant.access_rules.retain(|r| !(r.subject_type == "service-account" && r.subject_id == client_id));
    Ok(no_content())
}

async fn regenerate_secret(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    tenant_wide(&tenant, &caller, "service-account", "update")?;
    find_account(&tenant, &id)?;
    let secret = tenant.fresh("secret");
    let account = tenant.service_accounts.iter_mut().find(|a| a.id == id).expect("found above");
    account.secret = secret.clone();
    account.updated_at = now_secs();
    Ok(Json(json!({ "clientSecret": secret })).into_response())
}
