//! `/api/v1/asset/...`: environments, compute resources, data sources and credentials (see
//! `crate::assets`). Lists answer `{"entries": [...]}` whole, narrowed by the query's scope
//! filters; the combined data source and credential lists wrap each spec in its kind's member.

use crate::assets::{anchor, new_asset, usage, Asset, AssetKind, Family, KINDS};
use crate::auth::Caller;
use crate::authz::{Directory, Place};
use crate::http::{bad_request, conflict, forbidden, json_body, not_found, Reply};
use crate::org::{place, Org};
use crate::tenant::Tenant;
use crate::time::{now_secs, rfc3339};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};
use std::collections::HashMap;

type Params = Query<HashMap<String, String>>;

pub fn routes() -> Router<AppState> {
    let mut router = Router::new()
        .route("/api/v1/asset/datasource", get(|c: Caller, s: State<AppState>, q: Params| combined(Family::DataSource, c, s, q)))
        .route("/api/v1/asset/credentials", get(|c: Caller, s: State<AppState>, q: Params| combined(Family::Credential, c, s, q)));
    for kind in KINDS {
        let collection = format!("/api/v1/asset/{}", kind.path);
        router = router
            .route(&format!("{collection}/{{AssetId}}"), get(move |c: Caller, s: State<AppState>, p: Path<String>, q: Params| one(kind, c, s, p, q))
                .put(move |c: Caller, s: State<AppState>, p: Path<String>, b: Bytes| update(kind, c, s, p, b))
                .delete(move |c: Caller, s: State<AppState>, p: Path<String>| remove(kind, c, s, p)))
            .route(&collection, get(move |c: Caller, s: State<AppState>, q: Params| list(kind, c, s, q)).post(move |c: Caller, s: State<AppState>, b: Bytes| create(kind, c, s, b)));
    }
    router
}

async fn list(kind: &'static AssetKind, caller: Caller, State(state): State<AppState>, Query(query): Params) -> Reply {
    let entries = entries(&state, &caller, &query, |k| std::ptr::eq(k, kind), false)?;
    Ok(Json(json!({ "entries": entries })).into_response())
}

async fn combined(family: Family, caller: Caller, State(state): State<AppState>, Query(query): Params) -> Reply {
    let entries = entries(&state, &caller, &query, |k| k.family == family, true)?;
    Ok(Json(json!({ "entries": entries })).into_response())
}

/// The assets of the kinds `of` picks that the caller may read and the query asks for.
fn entries(state: &AppState, caller: &Caller, query: &HashMap<String, String>, of: impl Fn(&AssetKind) -> bool, union: bool) -> Result<Vec<Value>, axum::response::Response> {
    let mut tenant = state.tenant.lock().unwrap();
    tenant.settle();
    if !KINDS.iter().any(|k| of(k) && tenant.allows(&caller.subject, k.resource_type, "read")) {
        return Err(forbidden());
    }
    // A project or department that does not exist shares nothing (lists declare no 400).
    let Ok(target) = target(&tenant, query) else { return Ok(Vec::new()) };
    let descendants = query.get("includeDescendants").is_some_and(|v| v == "true");
    let flag = |k: &str| query.get(k).is_some_and(|v| v == "true");
    let ids: Option<Vec<&str>> = query.get("assetIds").map(|ids| ids.split(',').collect());
    Ok(tenant
        .assets
        .iter()
        .filter(|a| of(a.kind) && readable(&tenant, caller, a))
        .filter(|a| query.get("name").is_none_or(|n| a.name() == n))
        .filter(|a| query.get("scope").is_none_or(|s| a.scope() == s))
        .filter(|a| target.as_ref().is_none_or(|t| covers(&a.place, t) || descendants && covers(t, &a.place)))
        .filter(|a| ids.as_ref().is_none_or(|ids| ids.contains(&a.id())))
        .filter(|a| ["isWorkspace", "isTraining", "isInference", "isDistributed"].iter().all(|f| {
            let member = f[2..].to_lowercase();
            !flag(f) || a.meta["workloadSupportedTypes"][member.as_str()] == true
        }))
        .map(|a| a.json(union, flag("usageInfo").then(|| usage(a.id(), &tenant.workloads.items)), flag("statusInfo")))
        .collect())
}

/// The place the query's `projectId`, `departmentId` or `clusterId` names, if any.
pub fn target(tenant: &Tenant, query: &HashMap<String, String>) -> Result<Option<Place>, ()> {
    let org = &tenant.org;
    if let Some(id) = query.get("projectId") {
        return Org::find(&org.projects, id).map(|p| Some(place::project(p))).ok_or(());
    }
    if let Some(id) = query.get("departmentId") {
        return Org::find(&org.departments, id).map(|d| Some(place::department(d))).ok_or(());
    }
    Ok(query.get("clusterId").map(|c| Place::cluster(c)))
}

/// Whether `outer` contains `inner`: each level `outer` names, `inner` names the same.
pub fn covers(outer: &Place, inner: &Place) -> bool {
    let level = |o: &Option<String>, i: &Option<String>| o.is_none() || o == i;
    level(&outer.cluster, &inner.cluster) && level(&outer.department, &inner.department) && level(&outer.project, &inner.project)
}

/// An asset is readable where the caller may read its kind, and from below: whoever reads in a
/// project sees the assets its department, cluster and tenant share with it.
fn readable(tenant: &Tenant, caller: &Caller, asset: &Asset) -> bool {
    reads(tenant, caller, asset.kind.resource_type, &asset.place)
}

/// Whether the caller may read `kind` at `place`, or below it (what a scope shares with the
/// units under it, such as assets and policies).
pub fn reads(tenant: &Tenant, caller: &Caller, kind: &str, place: &Place) -> bool {
    if tenant.may(&caller.subject, kind, "read", place) {
        return true;
    }
    tenant.rules_of(&caller.subject).any(|rule| {
        let grants = tenant.roles().iter().any(|r| r.id == rule.role_id && r.allows(kind, "read"));
        grants && rule_place(tenant, rule).is_some_and(|scope| covers(place, &scope))
    })
}

fn rule_place(tenant: &Tenant, rule: &crate::authz::AccessRule) -> Option<Place> {
    place::of_scope(&tenant.org, rule.scope_type, &rule.scope_id)
}

/// Where asset `id` of `kind` is, if the caller may `action` it.
fn index(tenant: &Tenant, caller: &Caller, kind: &AssetKind, action: &str, id: &str) -> Result<usize, axum::response::Response> {
    tenant.require(caller, kind.resource_type, action)?;
    let index = tenant.assets.iter().position(|a| std::ptr::eq(a.kind, kind) && a.id() == id);
    let index = index.ok_or_else(|| not_found(format!("{} {id} was not found.", kind.noun)))?;
    let asset = &tenant.assets[index];
    let allowed = if action == "read" { readable(tenant, caller, asset) } else { tenant.may(&caller.subject, kind.resource_type, action, &asset.place) };
    if allowed { Ok(index) } else { Err(forbidden()) }
}

async fn one(kind: &'static AssetKind, caller: Caller, State(state): State<AppState>, Path(id): Path<String>, Query(query): Params) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    tenant.settle();
    let asset = &tenant.assets[index(&tenant, &caller, kind, "read", &id)?];
    let used_by = query.get("usageInfo").is_some_and(|v| v == "true").then(|| usage(asset.id(), &tenant.workloads.items));
    Ok(Json(asset.json(false, used_by, query.get("statusInfo").is_some_and(|v| v == "true"))).into_response())
}

async fn create(kind: &'static AssetKind, caller: Caller, State(state): State<AppState>, body: Bytes) -> Reply {
    let body = json_body(&body)?;
    let mut tenant = state.tenant.lock().unwrap();
    tenant.require(&caller, kind.resource_type, "create")?;
    let meta = &body["meta"];
    let name = meta["name"].as_str().unwrap_or_default();
    check_name(name)?;
    let at = anchor(meta, &tenant.org, &tenant.clusters).map_err(bad_request)?;
    tenant.require_at(&caller, kind.resource_type, "create", &at.0)?;
    if tenant.assets.iter().any(|a| std::ptr::eq(a.kind, kind) && a.name() == name && a.place == at.0) {
        return Err(conflict(format!("A {} named {name} already exists in this scope.", kind.noun.to_lowercase())));
    }
    check_spec(kind, &body["spec"], &tenant)?;
    let spec = crate::assets::templates::refs(&tenant.assets, &body["spec"]);
    tenant.serial += 1;
    let serial = tenant.serial;
    let id = format!("a55e7{:03x}-{:04x}-4000-8000-{:012x}", serial >> 16 & 0xfff, serial & 0xffff, serial.wrapping_mul(0x9e37_79b9) & 0xffff_ffff_ffff);
    let asset = new_asset(kind, id, meta, &spec, at, &caller.subject, now_secs(), serial as i64 % 1_000_000);
    let answer = asset.json(false, None, false);
    tenant.assets.push(asset);
    Ok((StatusCode::ACCEPTED, Json(answer)).into_response())
}

async fn update(kind: &'static AssetKind, caller: Caller, State(state): State<AppState>, Path(id): Path<String>, body: Bytes) -> Reply {
    let body = json_body(&body)?;
    let mut tenant = state.tenant.lock().unwrap();
    let i = index(&tenant, &caller, kind, "update", &id)?;
    let name = body["meta"]["name"].as_str().unwrap_or_default();
    check_name(name)?;
    let place = tenant.assets[i].place.clone();
    if tenant.assets.iter().any(|a| std::ptr::eq(a.kind, kind) && a.name() == name && a.place == place && a.id() != id) {
        return Err(conflict(format!("A {} named {name} already exists in this scope.", kind.noun.to_lowercase())));
    }
    check_spec(kind, &body["spec"], &tenant)?;
    let spec = crate::assets::templates::refs(&tenant.assets, &body["spec"]);
    let asset = &mut tenant.assets[i];
    let key_id = asset.spec["keyId"].as_i64().unwrap_or_default();
    asset.spec = crate::assets::kept_spec(kind, &spec, key_id);
    let meta = &mut asset.meta;
    meta["name"] = json!(name);
    match &body["meta"]["description"] {
        Value::Null => _ = meta.as_object_mut().expect("an object").remove("description"),
        description => meta["description"] = description.clone(),
    }
    meta["updatedBy"] = json!(caller.subject);
    meta["updatedAt"] = json!(rfc3339(now_secs()));
    meta["updateCount"] = json!(meta["updateCount"].as_i64().unwrap_or_default() + 1);
    Ok((StatusCode::ACCEPTED, Json(asset.json(false, None, false))).into_response())
}

async fn remove(kind: &'static AssetKind, caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    let i = index(&tenant, &caller, kind, "delete", &id)?;
    tenant.assets.remove(i);
    if kind.delete_no_content {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    Ok((StatusCode::ACCEPTED, Json(json!({ "code": 202, "message": format!("{} {id} is being deleted.", kind.noun) }))).into_response())
}

/// Asset names are Kubernetes names: lowercase alphanumerics and '-', at most 63.
fn check_name(name: &str) -> Result<(), axum::response::Response> {
    crate::org::check_k8s_name(name, "An asset's name").map_err(bad_request)
}

/// What the schema cannot say: each kind's fields that must be there, and references that
/// must name an asset of the right kind.
fn check_spec(kind: &AssetKind, spec: &Value, tenant: &Tenant) -> Result<(), axum::response::Response> {
    let has = |k: &str| spec[k].as_str().is_some_and(|s| !s.is_empty());
    let required: &[&str] = match kind.kind {
        "environment" => &["image"],
        "nfs" => &["server", "path", "mountPath"],
        "pvc" => &["path"],
        "s3" => &["bucket", "path"],
        "git" => &["repository", "path"],
        "hostPath" => &["path", "mountPath"],
        "config-map" => &["configMap", "mountPath"],
        "secret-volume" => &["credentialAssetId", "mountPath"],
        "dockerRegistry" => &["url"],
        "ngcApiKey" => &["ngc_api_key"],
        _ => &[],
    };
    if let Some(missing) = required.iter().find(|k| !has(k)) {
        return Err(bad_request(format!("spec.{missing} is required for a {}.", kind.noun.to_lowercase())));
    }
    let secret_kinds = matches!(kind.kind, "accessKey" | "password" | "dockerRegistry");
    if secret_kinds && !has("existingSecretName") {
        let needed: &[&str] = if kind.kind == "accessKey" { &["accessKeyId", "secretAccessKey"] } else { &["user", "password"] };
        if let Some(missing) = needed.iter().find(|k| !has(k)) {
            return Err(bad_request(format!("spec.{missing} is required unless spec.existingSecretName names a secret.")));
        }
    }
    if kind.family == Family::Template {
        crate::assets::templates::check(&tenant.assets, spec).map_err(bad_request)?;
    }
    if kind.family == Family::Compute {
        let devices = spec["gpuDevicesRequest"].as_i64().unwrap_or(0);
        let fractional = !spec["gpuPortionRequest"].is_null() || !spec["gpuMemoryRequest"].is_null();
        if devices > 1 && !spec["gpuMemoryRequest"].is_null() {
            return Err(bad_request("GPU memory can be requested for one GPU device only."));
        }
        if fractional && devices == 0 {
            return Err(bad_request("A GPU portion or GPU memory needs gpuDevicesRequest of at least 1."));
        }
    }
    for (field, of) in [("credentialAssetId", "genericSecret"), ("accessKeyAssetId", "accessKey"), ("passwordAssetId", "password")] {
        if let Some(id) = spec[field].as_str() {
            if !tenant.assets.iter().any(|a| a.id() == id && a.kind.kind == of) {
                return Err(bad_request(format!("spec.{field} {id} is not a {of} credential.")));
            }
        }
    }
    Ok(())
}
