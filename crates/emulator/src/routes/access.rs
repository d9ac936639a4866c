//! `/api/v1/authorization/...`: access rules (`{totalRecords, displayRecords, accessRules}`,
//! int32 ids), roles (a bare array), and what the caller may do (`permissions`, `me/access-rules`,
//! `permitted-scopes`).

use crate::auth::Caller;
use crate::authz::{Role, RESOURCE_TYPES};
use crate::http::{bad_request, count_body, created, json_body, no_content, not_found, Reply};
use crate::listing::{list, ListSpec, OPERATORS};
use crate::org::{str_of, Org};
use crate::authz::{AccessRule, Directory, Place};
use crate::tenant::{Tenant, TENANT_ID};
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
        .route("/api/v1/authorization/permissions", get(permissions))
        .route("/api/v1/authorization/permitted-scopes", post(permitted_scopes))
        .route("/api/v1/authorization/me/access-rules", get(my_rules))
        .route("/api/v1/authorization/me/access-rules/count", get(count_my_rules))
        .route("/api/v1/authorization/access-rules", get(list_rules).post(create_rule))
        .route("/api/v1/authorization/access-rules/count", get(count_rules))
        .route("/api/v1/authorization/access-rules/{accessRuleId}", get(one_rule).delete(delete_rule))
        .route("/api/v1/authorization/roles", get(list_roles))
        .route("/api/v1/authorization/roles/{roleIdPath}", get(one_role))
}

const SUBJECT_TYPES: [&str; 4] = ["user", "app", "service-account", "group"];
const SCOPE_TYPES: [&str; 5] = ["system", "tenant", "cluster", "department", "project"];

impl Tenant {
    /// The name of a scope and where it sits, or `None` when there is no such scope.
    fn scope(&self, scope_type: &str, id: &str) -> Option<(String, Place, String)> {
        let org = &self.org;
        match scope_type {
            "system" | "tenant" => Some(("runai".into(), Place::default(), "runai".into())),
            "cluster" => self.clusters.iter().find(|c| c.uuid == id).map(|c| (c.name.clone(), Place::cluster(id), format!("runai/{}", c.name))),
            "department" => Org::find(&org.departments, id).map(|d| {
                let cluster = self.cluster_name(str_of(d, "clusterId"));
                (str_of(d, "name").to_owned(), crate::org::place::department(d), format!("runai/{cluster}/{}", str_of(d, "name")))
            }),
            "project" => Org::find(&org.projects, id).map(|p| {
                let cluster = self.cluster_name(str_of(p, "clusterId"));
                let department = p.pointer("/parent/name").and_then(Value::as_str).unwrap_or_default();
                (str_of(p, "name").to_owned(), crate::org::place::project(p), format!("runai/{cluster}/{department}/{}", str_of(p, "name")))
            }),
            _ => None,
        }
    }

    fn cluster_name(&self, uuid: &str) -> String {
        self.clusters.iter().find(|c| c.uuid == uuid).map_or_else(|| uuid.to_owned(), |c| c.name.clone())
    }

    fn role(&self, id: i32) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// The `AccessRule` schema.
    fn rule_json(&self, rule: &AccessRule) -> Value {
        let scope_name = self.scope(rule.scope_type, &rule.scope_id).map(|s| s.0).unwrap_or_default();
        let mut v = json!({
            "id": rule.id, "subjectId": rule.subject_id, "subjectType": rule.subject_type, "roleId": rule.role_id,
            "roleName": self.role(rule.role_id).map(|r| r.name.clone()).unwrap_or_default(),
            "scopeId": rule.scope_id, "scopeType": rule.scope_type, "scopeName": scope_name,
            "tenantId": TENANT_ID, "createdBy": rule.created_by,
            "createdAt": rfc3339(rule.created_at), "updatedAt": rfc3339(rule.created_at), "deletedAt": null,
        });
        if let Some(cluster) = &rule.cluster_id {
            v["clusterId"] = json!(cluster);
        }
        v
    }

    fn rule_place(&self, rule: &AccessRule) -> Place {
        self.scope(rule.scope_type, &rule.scope_id).map(|s| s.1).unwrap_or_default()
    }
}

fn read_rule(rule: &Value, field: &str) -> Option<Value> {
    rule.get(field).cloned()
}

const RULE_SPEC: ListSpec = ListSpec {
    fields: &["subjectId", "subjectType", "roleId", "scopeId", "scopeType", "roleName", "scopeName", "createdAt", "deletedAt", "createdBy", "phase"],
    operators: &OPERATORS,
    read: read_rule,
    search_in: &["subjectId", "roleName", "scopeName"],
    default_limit: 50,
};

/// The rules the caller may read, as JSON, narrowed by the list's own query parameters.
fn visible_rules(tenant: &Tenant, caller: &Caller, query: &HashMap<String, String>) -> Vec<Value> {
    let subject_ids: Option<Vec<&str>> = query.get("subjectIds").map(|ids| ids.split(',').collect());
    tenant
        .access_rules
        .iter()
        .filter(|r| tenant.may(&caller.subject, "access_rules", "read", &tenant.rule_place(r)))
        .filter(|r| query.get("subjectType").is_none_or(|t| t == r.subject_type))
        .filter(|r| subject_ids.as_ref().is_none_or(|ids| ids.contains(&r.subject_id.as_str())))
        .filter(|r| query.get("scopeId").is_none_or(|id| *id == r.scope_id))
        .filter(|r| query.get("clusterId").is_none_or(|id| r.cluster_id.as_ref() == Some(id)))
        .map(|r| tenant.rule_json(r))
        .collect()
}

async fn list_rules(caller: Caller, State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Reply {
    let tenant = state.tenant.lock().unwrap();
    tenant.require(&caller, "access_rules", "read")?;
    let page = list(&visible_rules(&tenant, &caller, &query), &query, &RULE_SPEC, true)?;
    Ok(Json(json!({ "totalRecords": page.total, "displayRecords": page.items.len(), "accessRules": page.items })).into_response())
}

async fn count_rules(caller: Caller, State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Reply {
    let tenant = state.tenant.lock().unwrap();
    tenant.require(&caller, "access_rules", "read")?;
    Ok(count_body(list(&visible_rules(&tenant, &caller, &query), &query, &RULE_SPEC, false)?))
}

/// An access-rule id from the path. The contract declares no 400 here, so an id that is not a
/// whole number names no rule: 404.
fn rule_id(id: &str) -> Result<i32, axum::response::Response> {
    id.parse().ok().filter(|n| *n >= 0).ok_or_else(|| not_found(format!("Access rule {id} was not found.")))
}

async fn one_rule(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let tenant = state.tenant.lock().unwrap();
    let id = rule_id(&id)?;
    let rule = tenant.access_rules.iter().find(|r| r.id == id).ok_or_else(|| not_found(format!("Access rule {id} was not found.")))?;
    tenant.require_at(&caller, "access_rules", "read", &tenant.rule_place(rule))?;
    let mut v = tenant.rule_json(rule);
    v["scopePath"] = json!(tenant.scope(rule.scope_type, &rule.scope_id).map(|s| s.2));
    Ok(Json(v).into_response())
}

async fn create_rule(caller: Caller, State(state): State<AppState>, body: Bytes) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    let body = json_body(&body)?;
    let text = |field: &str| body[field].as_str().unwrap_or_default().to_owned();
    let (subject_id, scope_id) = (text("subjectId"), text("scopeId"));
    let subject_type = SUBJECT_TYPES.into_iter().find(|t| *t == text("subjectType")).ok_or_else(|| bad_request("subjectType must be user, app, service-account or group"))?;
    let scope_type = SCOPE_TYPES.into_iter().find(|t| *t == text("scopeType")).ok_or_else(|| bad_request("scopeType must be system, tenant, cluster, department or project"))?;
    if subject_id.is_empty() {
        return Err(bad_request("subjectId is required"));
    }
    let role_id = body["roleId"].as_i64().and_then(|r| i32::try_from(r).ok()).ok_or_else(|| bad_request("roleId must be a role's id"))?;
    tenant.role(role_id).ok_or_else(|| bad_request(format!("There is no role {role_id}.")))?;
    let (_, place, _) = tenant.scope(scope_type, &scope_id).ok_or_else(|| bad_request(format!("There is no {scope_type} {scope_id}.")))?;
    tenant.require_at(&caller, "access_rules", "create", &place)?;
    let id = tenant.access_rules.iter().map(|r| r.id).max().unwrap_or(0) + 1;
    let cluster_id = body["clusterId"].as_str().map(str::to_owned).or(place.cluster);
    let rule = AccessRule { id, subject_type, subject_id, role_id, scope_type, scope_id, cluster_id, created_by: caller.subject.clone(), created_at: now_secs() };
    let answer = tenant.rule_json(&rule);
    tenant.access_rules.push(rule);
    Ok(created(answer))
}

async fn delete_rule(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    let id = rule_id(&id)?;
    let rule = tenant.access_rules.iter().find(|r| r.id == id).ok_or_else(|| not_found(format!("Access rule {id} was not found.")))?;
    tenant.require_at(&caller, "access_rules", "delete", &tenant.rule_place(rule))?;
    tenant.access_rules.retain(|r| r.id != id);
    Ok(no_content())
}

/// The `RoleV1` schema.
fn role_json(role: &Role) -> Value {
    let permissions: Vec<Value> = role
        .permissions
        .iter()
        .map(|(resource_type, actions)| {
            let (_, display, group) = RESOURCE_TYPES.iter().find(|(t, _, _)| t == resource_type).copied().unwrap_or((resource_type, resource_type, "organization"));
            json!({ "resourceType": resource_type, "displayName": display, "groupId": group, "actions": actions })
        })
        .collect();
    let at = rfc3339(1_741_770_840);
    json!({ "id": role.id, "name": role.name, "description": role.description, "permissions": permissions,
            "kubernetesPermissions": { "predefinedRole": null }, "custom": false, "enabled": true, "effectiveEnabled": true,
            "createdBy": "system", "createdAt": at, "updatedAt": at, "deletedAt": null })
}

async fn list_roles(caller: Caller, State(state): State<AppState>) -> Reply {
    let tenant = state.tenant.lock().unwrap();
    tenant.require(&caller, "roles", "read")?;
    Ok(Json(tenant.roles.iter().map(role_json).collect::<Vec<_>>()).into_response())
}

async fn one_role(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let tenant = state.tenant.lock().unwrap();
    tenant.require(&caller, "roles", "read")?;
    let id: i32 = id.parse().map_err(|_| bad_request("roleIdPath must be a whole number"))?;
    let role = tenant.role(id).ok_or_else(|| not_found(format!("Role {id} was not found.")))?;
    Ok(Json(role_json(role)).into_response())
}

async fn permissions(caller: Caller, State(state): State<AppState>) -> Json<Value> {
    Json(state.tenant.lock().unwrap().permissions_json(&caller.subject))
}

/// The caller's own rules (`MeAccessRule`: the rule without timestamps or status).
fn my_rule_values(tenant: &Tenant, caller: &Caller, query: &HashMap<String, String>) -> Vec<Value> {
    let search = query.get("search").map(|s| s.to_lowercase());
    tenant
        .rules_of(&caller.subject)
        .map(|r| {
            let mut v = tenant.rule_json(r);
            v.as_object_mut().unwrap().retain(|k, _| !["createdAt", "updatedAt", "deletedAt", "createdBy", "status"].contains(&k.as_str()));
            v
        })
        .filter(|v| search.as_ref().is_none_or(|s| v.to_string().to_lowercase().contains(s)))
        .collect()
}

async fn my_rules(caller: Caller, State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Reply {
    let tenant = state.tenant.lock().unwrap();
    let rules = my_rule_values(&tenant, &caller, &query);
    let offset: usize = query.get("offset").and_then(|o| o.parse().ok()).unwrap_or(0);
    let limit: usize = match query.get("limit").map(|l| l.parse::<usize>()) {
        None => 50,
        Some(Ok(l)) if (1..=500).contains(&l) => l,
        _ => return Err(bad_request("limit must be between 1 and 500")),
    };
    let page: Vec<Value> = rules.iter().skip(offset).take(limit).cloned().collect();
    let body = json!({ "accessRules": { "totalRecords": rules.len(), "displayRecords": page.len(), "accessRules": page } });
    Ok(Json(body).into_response())
}

async fn count_my_rules(caller: Caller, State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Json<Value> {
    let tenant = state.tenant.lock().unwrap();
    Json(json!({ "count": my_rule_values(&tenant, &caller, &query).len() }))
}

/// Where the caller holds each action on a resource type.
async fn permitted_scopes(caller: Caller, State(state): State<AppState>, body: Bytes) -> Reply {
    let tenant = state.tenant.lock().unwrap();
    let body = json_body(&body)?;
    let resource_type = body["resourceType"].as_str().unwrap_or_default();
    if !RESOURCE_TYPES.iter().any(|(t, _, _)| *t == resource_type) {
        return Err(bad_request("resourceType must be one of the API's resource types"));
    }
    let scopes = |action: &str| {
        let (mut system, mut tenants, mut clusters, mut departments, mut projects) = (false, vec![], vec![], vec![], vec![]);
        for rule in tenant.rules_of(&caller.subject) {
            if !tenant.role(rule.role_id).is_some_and(|r| r.allows(resource_type, action)) {
                continue;
            }
            match rule.scope_type {
                "system" => system = true,
                "tenant" => tenants.push(rule.scope_id.clone()),
                "cluster" => clusters.push(rule.scope_id.clone()),
                "department" => departments.push(rule.scope_id.clone()),
                _ => projects.push(rule.scope_id.clone()),
            }
        }
        json!({ "system": system, "tenants": tenants, "clusters": clusters, "departments": departments, "projects": projects })
    };
    Ok(Json(json!({ "create": scopes("create"), "read": scopes("read"), "update": scopes("update"), "delete": scopes("delete") })).into_response())
}
