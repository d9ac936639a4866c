//! `/api/v2/policy`: the list of policies, and per workload type the policy of one scope (with
//! the effective policy there), written whole (PUT), merged (PATCH) or removed (DELETE).

use super::assets::{covers, reads, target};
use crate::auth::Caller;
use crate::authz::{Directory, Place};
use crate::http::{bad_request, json_body, not_found, Reply};
use crate::org::{place, Org};
use crate::policies::{check_rules, effective, meta, overlay, Policy, TYPES};
use crate::tenant::Tenant;
use crate::time::{now_secs, rfc3339};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};
use std::collections::HashMap;

type Params = Query<HashMap<String, String>>;
const RESOURCE: &str = "policies";

pub fn routes() -> Router<AppState> {
    let mut router = Router::new().route("/api/v2/policy", get(list));
    for (segment, kind, _) in TYPES {
        router = router.route(
            &format!("/api/v2/policy/{segment}"),
            get(move |c: Caller, s: State<AppState>, q: Params| one(kind, c, s, q))
                .put(move |c: Caller, s: State<AppState>, q: Params, b: Bytes| write(kind, false, c, s, q, b))
                .patch(move |c: Caller, s: State<AppState>, q: Params, b: Bytes| write(kind, true, c, s, q, b))
                .delete(move |c: Caller, s: State<AppState>, q: Params| remove(kind, c, s, q)),
        );
    }
    router
}

async fn list(caller: Caller, State(state): State<AppState>, Query(query): Params) -> Reply {
    let tenant = state.tenant.lock().unwrap();
    tenant.require(&caller, RESOURCE, "read")?;
    let kind = query.get("workloadType").map(|t| TYPES.iter().find(|(_, _, q)| q == t).map_or("", |(_, k, _)| *k));
    let Ok(under) = target(&tenant, &query) else { return Ok(Json(json!({ "policies": [] })).into_response()) };
    let policies: Vec<Value> = tenant
        .policies
        .iter()
        .filter(|p| reads(&tenant, &caller, RESOURCE, &p.place))
        .filter(|p| kind.is_none_or(|k| p.kind == k))
        .filter(|p| query.get("scope").is_none_or(|s| p.meta["scope"] == s.as_str()))
        .filter(|p| under.as_ref().is_none_or(|u| covers(&p.place, u)))
        .map(Policy::entry)
        .collect();
    Ok(Json(json!({ "policies": policies })).into_response())
}

/// The place the query's `scope` and its unit's id name; `missing` answers a unit that does
/// not exist (404 where the operation declares one, else 400).
fn scope_place(tenant: &Tenant, query: &HashMap<String, String>, missing: fn(String) -> Response) -> Result<Place, Response> {
    let id = |k: &str| query.get(k).cloned().ok_or_else(|| bad_request(format!("{k} is required for this scope")));
    let org = &tenant.org;
    match query.get("scope").map(String::as_str) {
        Some("tenant") => Ok(Place::default()),
        Some("cluster") => {
            let cluster = id("clusterId")?;
            tenant.clusters.iter().any(|c| c.uuid == cluster).then(|| Place::cluster(&cluster)).ok_or_else(|| missing(format!("There is no cluster {cluster}.")))
        }
        Some("department") => Org::find(&org.departments, &id("departmentId")?).map(place::department).ok_or_else(|| missing("There is no such department.".into())),
        Some("project") => Org::find(&org.projects, &id("projectId")?).map(place::project).ok_or_else(|| missing("There is no such project.".into())),
        _ => Err(bad_request("scope must be tenant, cluster, department or project")),
    }
}

/// `{meta, policy, effective, effectiveUpdatedAt}` of type `kind` at `at`.
fn answer(tenant: &Tenant, kind: &str, at: &Place) -> Value {
    let own = tenant.policies.iter().find(|p| p.kind == kind && &p.place == at);
    let mut answer = json!({ "effective": effective(&tenant.policies, kind, at), "effectiveUpdatedAt": rfc3339(now_secs()) });
    if let Some(p) = own {
        answer["meta"] = p.meta.clone();
        answer["policy"] = p.policy.clone();
    }
    answer
}

async fn one(kind: &'static str, caller: Caller, State(state): State<AppState>, Query(query): Params) -> Reply {
    let tenant = state.tenant.lock().unwrap();
    tenant.require(&caller, RESOURCE, "read")?;
    let at = scope_place(&tenant, &query, not_found)?;
    if !reads(&tenant, &caller, RESOURCE, &at) {
        return Err(crate::http::forbidden());
    }
    Ok(Json(answer(&tenant, kind, &at)).into_response())
}

/// PUT replaces the policy of the scope `meta` names (creating it); PATCH merges into it and
/// clears the `reset` paths. `validateOnly` checks without keeping.
async fn write(kind: &'static str, patch: bool, caller: Caller, State(state): State<AppState>, Query(query): Params, body: Bytes) -> Reply {
    let body = json_body(&body)?;
    let mut tenant = state.tenant.lock().unwrap();
    let meta_in = &body["meta"];
    let name = meta_in["name"].as_str().unwrap_or_default().to_owned();
    if name.is_empty() {
        return Err(bad_request("meta.name is required"));
    }
    let mut scope_query: HashMap<String, String> = HashMap::new();
    for k in ["scope", "clusterId", "departmentId", "projectId"] {
        match &meta_in[k] {
            Value::String(s) => _ = scope_query.insert(k.into(), s.clone()),
            Value::Number(n) => _ = scope_query.insert(k.into(), n.to_string()),
            _ => {}
        }
    }
    let at = scope_place(&tenant, &scope_query, bad_request)?;
    let existing = tenant.policies.iter().position(|p| p.kind == kind && p.place == at);
    tenant.require_at(&caller, RESOURCE, if existing.is_some() { "update" } else { "create" }, &at)?;
    let mut policy = body["policy"].clone();
    if !policy.is_object() {
        policy = json!({});
    }
    if patch {
        if let Some(old) = existing.and_then(|i| tenant.policies[i].policy.as_object().cloned()) {
            let mut merged = old;
            overlay(&mut merged, policy.as_object().expect("an object"));
            policy = Value::Object(merged);
        }
        for path in body["reset"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            for part in ["defaults", "rules"] {
                clear(&mut policy[part], path);
            }
        }
    }
    check_rules(&policy["rules"], "").map_err(bad_request)?;
    if query.get("validateOnly").is_some_and(|v| v == "true") {
        let mut answer = answer(&tenant, kind, &at);
        answer["policy"] = policy;
        return Ok(Json(answer).into_response());
    }
    let now = rfc3339(now_secs());
    match existing {
        Some(i) => {
            let p = &mut tenant.policies[i];
            p.policy = policy;
            p.meta["name"] = json!(name);
            p.meta["updatedBy"] = json!(caller.subject);
            p.meta["updatedAt"] = json!(now);
        }
        None => {
            tenant.serial += 1;
            let id = format!("9011c7e0-{:04x}-4000-8000-{:012x}", tenant.serial & 0xffff, tenant.serial.wrapping_mul(0x9e37_79b9) & 0xffff_ffff_ffff);
            let meta = meta(&id, &name, &at, &caller.subject, &now);
            tenant.policies.push(Policy { kind, place: at.clone(), meta, policy });
        }
    }
    Ok(Json(answer(&tenant, kind, &at)).into_response())
}

/// Removes the member at dotted `path` (`compute.gpuDevicesRequest`).
fn clear(value: &mut Value, path: &str) {
    let (head, rest) = path.split_once('.').map_or((path, None), |(h, r)| (h, Some(r)));
    let Some(object) = value.as_object_mut() else { return };
    match rest {
        None => _ = object.remove(head),
        Some(rest) => {
            if let Some(inner) = object.get_mut(head) {
                clear(inner, rest);
            }
        }
    }
}

async fn remove(kind: &'static str, caller: Caller, State(state): State<AppState>, Query(query): Params) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    let at = scope_place(&tenant, &query, not_found)?;
    tenant.require_at(&caller, RESOURCE, "delete", &at)?;
    let i = tenant.policies.iter().position(|p| p.kind == kind && p.place == at).ok_or_else(|| not_found("There is no policy of this type in this scope."))?;
    tenant.policies.remove(i);
    Ok(StatusCode::NO_CONTENT.into_response())
}
