//! `/api/v1/workloads`: the list of every type (with count, detail, events, history, pods
//! and metrics), batch actions, and per type (`workspaces`, `trainings`, `distributed`,
//! `inferences`) submission, typed read, delete, and stop (`suspend`) and run (`resume`).
//! Every handler first brings the scheduler up to now (`Tenant::settle`).

use super::collection::Collection;
use crate::auth::Caller;
use crate::authz::Directory;
use crate::http::{bad_request, json_body, not_found, page_body, Reply};
use crate::listing::{ListSpec, OPERATORS};
use crate::tenant::Tenant;
use crate::time::parse_rfc3339;
use crate::workloads::{json, metrics, seed, Desired, Type, Workload};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json as j, Value};
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    let mut router = Router::new()
        .route("/api/v1/workloads", get(list))
        .route("/api/v1/workloads/count", get(count))
        .route("/api/v1/workloads/batch", post(batch))
        .route("/api/v1/workloads/telemetry", get(telemetry))
        .route("/api/v1/workloads/pods", get(all_pods))
        .route("/api/v1/workloads/pods/count", get(count_pods))
        .route("/api/v1/workloads/{workloadId}", get(one))
        .route("/api/v1/workloads/{workloadId}/events", get(events))
        .route("/api/v1/workloads/{workloadId}/history", get(history))
        .route("/api/v1/workloads/{workloadId}/pods", get(pods))
        .route("/api/v1/workloads/{workloadId}/metrics", get(workload_metrics))
        .route("/api/v1/workloads/{workloadId}/pods/{podId}/metrics", get(pod_metrics));
    for kind in Type::ALL {
        let base = format!("/api/v1/workloads/{}", kind.segment());
        router = router
            .route(&base, post(move |c, s, b| submit(kind, c, s, b)))
            .route(&format!("{base}/{{workloadId}}"), get(move |c, s, p| typed(kind, c, s, p)).delete(move |c, s, p| act(kind, Desired::Deleted, c, s, p)));
        if kind.suspendable() {
            router = router
                .route(&format!("{base}/{{workloadId}}/suspend"), post(move |c, s, p| act(kind, Desired::Stopped, c, s, p)))
                .route(&format!("{base}/{{workloadId}}/resume"), post(move |c, s, p| act(kind, Desired::Running, c, s, p)));
        }
    }
    router
}

pub const FIELDS: &[&str] = &[
    "type", "name", "clusterId", "projectId", "projectName", "departmentId", "departmentName", "createdAt", "deletedAt",
    "submittedBy", "phase", "completedAt", "nodepool", "distributedFramework", "allocatedGPU", "idleGpus", "idleAllocatedGpus",
    "phaseUpdatedAt", "category", "priority", "totalPendingTimeSeconds", "totalRunningTimeSeconds", "priorityClassName",
    "guaranteedRuntimeEndsAt", "aiApplicationId", "aiApplicationName",
];

/// A field for filtering and sorting, read from the record itself (sorting 10,000 workloads
/// reads it some 130,000 times: no answer is built for it).
fn read(w: &Workload, field: &str) -> Option<Value> {
    let time = |t: i64| Some(j!(crate::time::rfc3339(t)));
    let so_far = |phase, total: i64| total + if w.phase == phase { w.observed - w.phase_since } else { 0 };
    match field {
        "type" => Some(j!(w.kind.name())),
        "name" => Some(j!(w.name)),
        "clusterId" => Some(j!(w.cluster_id)),
        "projectId" => Some(j!(w.project_id)),
        "projectName" => Some(j!(w.project_name)),
        "departmentId" => Some(j!(w.department_id)),
        "departmentName" => Some(j!(w.department_name)),
        "createdAt" => time(w.created_at),
        "submittedBy" => Some(j!(w.submitted_by)),
        "phase" => Some(j!(w.phase.name())),
        "completedAt" => w.completed_at.and_then(time),
        "phaseUpdatedAt" => time(w.phase_since),
        "nodepool" => w.pool.as_ref().map(|p| j!(p)),
        "allocatedGPU" => Some(j!(if w.phase.holds_gpus() { w.gpu_demand() } else { 0.0 })),
        "idleGpus" | "idleAllocatedGpus" => Some(j!(0)),
        "category" => Some(j!(w.kind.category())),
        "priority" => Some(j!(if w.preemptible { 50 } else { 125 })),
        "priorityClassName" => Some(j!(if w.preemptible { "train" } else { "build" })),
        "totalPendingTimeSeconds" => Some(j!(so_far(crate::workloads::Phase::Pending, w.pending_secs))),
        "totalRunningTimeSeconds" => Some(j!(so_far(crate::workloads::Phase::Running, w.running_secs))),
        "distributedFramework" => (w.kind == Type::Distributed).then(|| j!("PyTorch")),
        _ => None,
    }
}

const SPEC: ListSpec<Workload> = ListSpec { fields: FIELDS, operators: &OPERATORS, read, search_in: &["name"], default_limit: 50 };

const WORKLOADS: Collection<Workload> = Collection {
    resource_type: "workloads",
    noun: "Workload",
    records: |t| &t.workloads.items,
    id: |w| &w.id,
    place: Workload::place,
    spec: || SPEC,
};

fn settled(state: &AppState) -> i64 {
    state.tenant.lock().unwrap().settle()
}

async fn list(caller: Caller, State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Reply {
    let now = settled(&state);
    let page = WORKLOADS.page(&state, &caller, &query, true)?;
    let items: Vec<Value> = page.items.iter().map(|w| json::workload(w, now)).collect();
    let page = crate::listing::Page { items, next: page.next, total: page.total };
    Ok(Json(page_body("workloads", page)).into_response())
}

async fn count(caller: Caller, State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Reply {
    settled(&state);
    WORKLOADS.count(&state, &caller, &query)
}

async fn one(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let now = settled(&state);
    Ok(Json(json::detailed(&WORKLOADS.one(&state, &caller, &id)?, now)).into_response())
}

/// Counts and sums of what the caller may read, grouped as asked (the guard has checked the
/// parameters against their enums).
async fn telemetry(caller: Caller, State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    let now = tenant.settle();
    tenant.require(&caller, "workloads", "read")?;
    let readable = tenant.readable(&caller, "workloads", &tenant.workloads.items, Workload::place);
    let text = |k: &str| query.get(k).filter(|v| !v.is_empty());
    let list = |k: &str| text(k).map(|v| v.split(',').map(str::to_owned).collect::<Vec<_>>()).unwrap_or_default();
    let phases = list("filterByPhases");
    let picked: Vec<&Workload> = readable
        .iter()
        .filter(|w| text("clusterId").is_none_or(|c| *c == w.cluster_id))
        .filter(|w| text("departmentId").is_none_or(|d| *d == w.department_id))
        .filter(|w| text("nodepoolName").is_none_or(|p| Some(p.as_str()) == w.pool.as_deref()))
        .filter(|w| phases.is_empty() || phases.iter().any(|p| p == w.phase.name()))
        .collect();
    let kind = text("telemetryType").map_or("WORKLOADS_COUNT", String::as_str);
    Ok(Json(crate::workloads::telemetry::telemetry(kind, &picked, &list("groupBy"), now)).into_response())
}

/// `offset`/`limit` over an already ordered list, as `{key: [...], next?}`.
fn paged(key: &str, items: Vec<Value>, query: &HashMap<String, String>) -> Response {
    let number = |k: &str, default: usize| query.get(k).and_then(|v| v.parse::<i64>().ok()).map_or(default, |n| n.max(0) as usize);
    let (offset, limit) = (number("offset", 0), number("limit", 50));
    let total = items.len();
    let page: Vec<Value> = items.into_iter().skip(offset).take(limit).collect();
    let next = (offset + limit < total).then_some(offset + limit);
    Json(page_body(key, crate::listing::Page { items: page, next, total })).into_response()
}

async fn events(caller: Caller, State(state): State<AppState>, Path(id): Path<String>, Query(query): Query<HashMap<String, String>>) -> Reply {
    settled(&state);
    let w = WORKLOADS.one(&state, &caller, &id)?;
    let ascending = query.get("sortOrder").map(String::as_str) == Some("asc");
    Ok(paged("events", json::events(&w, ascending), &query))
}

async fn history(caller: Caller, State(state): State<AppState>, Path(id): Path<String>, Query(query): Query<HashMap<String, String>>) -> Reply {
    settled(&state);
    let w = WORKLOADS.one(&state, &caller, &id)?;
    Ok(paged("records", json::history(&w), &query))
}

async fn pods(caller: Caller, State(state): State<AppState>, Path(id): Path<String>, Query(query): Query<HashMap<String, String>>) -> Reply {
    settled(&state);
    let w = WORKLOADS.one(&state, &caller, &id)?;
    Ok(paged("pods", json::pods(&w), &query))
}

/// Every pod of the workloads the caller may read (`/api/v1/workloads/pods`): by node, node
/// pool, workload, cluster and dates, with their workload's and project's names.
const POD_SPEC: crate::listing::ListSpec = crate::listing::ListSpec {
    fields: &["clusterId", "workloadId", "revisionId", "nodeName", "currentNodepool", "createdAt", "completedAt", "deletedAt"],
    operators: &crate::listing::OPERATORS,
    read: |pod, field| {
        let key = if field == "currentNodepool" { "currentNodePool" } else { field };
        pod.get(key).filter(|v| !v.is_null()).cloned()
    },
    search_in: &["name", "workloadName", "projectName", "nodeName"],
    default_limit: 50,
};

fn readable_pods(state: &AppState, caller: &Caller) -> Result<Vec<Value>, Response> {
    let mut tenant = state.tenant.lock().unwrap();
    tenant.settle();
    tenant.require(caller, "workloads", "read")?;
    let readable = tenant.readable(caller, "workloads", &tenant.workloads.items, Workload::place);
    Ok(readable.iter().flat_map(|w| json::pods(w)).collect())
}

async fn all_pods(caller: Caller, State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Reply {
    let pods = readable_pods(&state, &caller)?;
    let page = crate::listing::list(&pods, &query, &POD_SPEC, true)?;
    Ok(Json(page_body("pods", page)).into_response())
}

async fn count_pods(caller: Caller, State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Reply {
    let pods = readable_pods(&state, &caller)?;
    Ok(crate::http::count_body(crate::listing::list(&pods, &query, &POD_SPEC, false)?))
}

/// The metric types, the window and the number of samples a metrics request asks for.
pub(crate) fn window(query: &HashMap<String, String>) -> Result<(Vec<String>, i64, i64, usize), Response> {
    let time = |k: &str| query.get(k).and_then(|v| parse_rfc3339(v)).ok_or_else(|| bad_request(format!("{k} must be an RFC 3339 date-time")));
    let (start, end) = (time("start")?, time("end")?);
    let types = query.get("metricType").map(|t| t.split(',').map(str::to_owned).collect()).unwrap_or_default();
    let samples = query.get("numberOfSamples").and_then(|n| n.parse().ok()).unwrap_or(20usize);
    Ok((types, start, end, samples))
}

async fn workload_metrics(caller: Caller, State(state): State<AppState>, Path(id): Path<String>, Query(query): Query<HashMap<String, String>>) -> Reply {
    let now = settled(&state);
    let w = WORKLOADS.one(&state, &caller, &id)?;
    let (types, start, end, samples) = window(&query)?;
    Ok(Json(metrics::series(&w, &types, start, end, samples, now, 1)).into_response())
}

async fn pod_metrics(caller: Caller, State(state): State<AppState>, Path((id, pod)): Path<(String, String)>, Query(query): Query<HashMap<String, String>>) -> Reply {
    let now = settled(&state);
    let w = WORKLOADS.one(&state, &caller, &id)?;
    if !json::pods(&w).iter().any(|p| p["id"] == pod.as_str()) {
        return Err(not_found(format!("Pod {pod} was not found.")));
    }
    let (types, start, end, samples) = window(&query)?;
    let gpus = w.gpus.ceil().max(1.0) as u32;
    Ok(Json(metrics::series(&w, &types, start, end, samples, now, gpus)).into_response())
}

/// Kubernetes names: lowercase alphanumerics and '-', starting with a letter, at most 40
/// (room for the suffixes of its pods).
fn check_name(name: &str) -> Result<(), Response> {
    let ok = (1..=40).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && !name.ends_with('-')
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    ok.then_some(()).ok_or_else(|| bad_request("name must be 1 to 40 lowercase letters, digits or '-', starting with a letter and not ending with '-'"))
}

async fn submit(kind: Type, caller: Caller, State(state): State<AppState>, body: Bytes) -> Reply {
    let body = json_body(&body)?;
    let mut tenant = state.tenant.lock().unwrap();
    let now = tenant.settle();
    tenant.require(&caller, kind.resource_type(), "create")?;
    let text = |k: &str| body[k].as_str().unwrap_or_default().to_owned();
    let (mut name, project_id, cluster_id) = (text("name"), text("projectId"), text("clusterId"));
    check_name(&name)?;
    if body["useGivenNameAsPrefix"] == true {
        tenant.serial += 1;
        name = format!("{name}-{:05x}", tenant.serial & 0xfffff);
    }
    let project = tenant.org.projects.iter().find(|p| crate::org::str_of(p, "id") == project_id).cloned();
    let project = project.filter(|p| crate::org::str_of(p, "clusterId") == cluster_id);
    let project = project.ok_or_else(|| bad_request(format!("projectId {project_id:?} is not a project of cluster {cluster_id}")))?;
    tenant.require_at(&caller, kind.resource_type(), "create", &crate::org::place::project(&project))?;
    if tenant.workloads.items.iter().any(|w| w.project_id == project_id && w.name == name) {
        // The contract declares no 409 here.
        return Err(bad_request(format!("A workload named {name} already exists in this project.")));
    }
    let mut spec = body.get("spec").cloned().filter(Value::is_object).unwrap_or(j!({}));
    // A template gives what the request leaves out; the project's policy then has its say.
    if let Some(template) = body["templateId"].as_str() {
        let base = crate::assets::templates::base(&tenant.assets, template).map_err(bad_request)?;
        crate::policies::apply_defaults(&mut spec, &base);
    }
    comply(&tenant, kind, &project, &mut spec)?;
    crate::datavolumes::check_mounts(&tenant.datavolumes, &project, &spec).map_err(bad_request)?;
    let id = tenant.workloads.new_id(9);
    let mut w = seed::new(&tenant.org, &project, kind, id, name, now);
    apply_spec(&mut w, &spec).map_err(bad_request)?;
    w.submitted_by = caller.subject.clone();
    w.spec = spec;
    let answer = json::submission(&w);
    tenant.workloads.items.push(w);
    Ok((StatusCode::ACCEPTED, Json(answer)).into_response())
}

/// Fills in the defaults of the project's effective policy for `kind`, then refuses a spec
/// that breaks one of its rules, each named (`400SubmissionErrorV2`).
fn comply(tenant: &Tenant, kind: Type, project: &Value, spec: &mut Value) -> Result<(), Response> {
    let policy = crate::policies::effective(&tenant.policies, kind.name(), &crate::org::place::project(project));
    crate::policies::apply_defaults(spec, &policy["defaults"]);
    let mut issues = Vec::new();
    crate::policies::issues(spec, &policy["rules"], &policy["defaults"], "", &mut issues);
    if issues.is_empty() {
        return Ok(());
    }
    let message = "The workload request does not comply with the policy set by the administrator";
    Err((StatusCode::BAD_REQUEST, Json(j!({ "code": 400, "message": message, "complianceIssues": issues }))).into_response())
}

/// What the scheduler and the views use of a submitted spec (the guard has checked types).
fn apply_spec(w: &mut Workload, spec: &Value) -> Result<(), String> {
    let text = |k: &str| spec[k].as_str().filter(|s| !s.is_empty()).map(str::to_owned);
    if let Some(image) = text("image") {
        w.image = image;
    }
    w.command = text("command").unwrap_or_default();
    w.args = text("args").unwrap_or_default();
    let compute = &spec["compute"];
    if let Some(devices) = compute["gpuDevicesRequest"].as_f64() {
        w.gpus = devices;
        if let Some(portion) = compute["gpuPortionRequest"].as_f64() {
            w.gpus = portion * devices.max(1.0);
        }
    }
    if let Some(portion) = compute["gpuPortionRequest"].as_f64().filter(|_| compute["gpuDevicesRequest"].is_null()) {
        w.gpus = portion;
    }
    if w.gpus < 0.0 || w.gpus > 8.0 {
        return Err("A pod can request from 0 to 8 GPUs.".into());
    }
    if let Some(cpu) = compute["cpuCoreRequest"].as_f64() {
        w.cpu = cpu;
    }
    if let Some(memory) = compute["cpuMemoryRequest"].as_str() {
        w.memory = memory.to_owned();
    }
    if let Some(pools) = spec["nodePools"].as_array() {
        w.node_pools = pools.iter().filter_map(|p| p.as_str().map(str::to_owned)).collect();
    }
    match spec["preemptibility"].as_str() {
        Some("preemptible") => w.preemptible = true,
        Some("non-preemptible") => w.preemptible = false,
        _ => {}
    }
    if let Some(vars) = spec["environmentVariables"].as_array() {
        w.environment = vars.iter().filter_map(|v| Some((v["name"].as_str()?.to_owned(), v["value"].as_str().unwrap_or_default().to_owned()))).collect();
    }
    if let Some(workers) = spec["numWorkers"].as_i64() {
        w.pods = workers.clamp(1, 64) as u32 + 1;
    }
    if let Some(port) = spec["servingPort"]["port"].as_i64().or(spec["servingPort"]["container"].as_i64()) {
        w.serving_port = u16::try_from(port).ok();
    }
    Ok(())
}

/// The workload `id` of type `kind`, if the caller may `action` it.
fn find(tenant: &Tenant, caller: &Caller, kind: Type, action: &str, id: &str) -> Result<usize, Response> {
    let index = WORKLOADS.index(tenant, caller, "read", id)?;
    let w = &tenant.workloads.items[index];
    if w.kind != kind {
        return Err(not_found(format!("There is no {} {id}.", kind.name())));
    }
    tenant.require_at(caller, kind.resource_type(), action, &w.place())?;
    Ok(index)
}

async fn typed(kind: Type, caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    tenant.settle();
    let index = find(&tenant, &caller, kind, "read", &id)?;
    Ok(Json(json::submission(&tenant.workloads.items[index])).into_response())
}

async fn act(kind: Type, desired: Desired, caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    let now = tenant.settle();
    let action = if desired == Desired::Deleted { "delete" } else { "update" };
    let index = find(&tenant, &caller, kind, action, &id)?;
    tenant.workloads.request(index, desired, now);
    Ok((StatusCode::ACCEPTED, Json(j!({ "code": 202, "message": "Request has been accepted." }))).into_response())
}

/// `{ids, action}`: each id done or failed on its own (the body is optional: none, nothing done).
async fn batch(caller: Caller, State(state): State<AppState>, body: Bytes) -> Reply {
    let body = crate::http::optional_json_body(&body)?;
    if body.as_object().is_some_and(|b| b.is_empty()) {
        let id = state.tenant.lock().unwrap().workloads.new_id(11);
        return Ok(Json(j!({ "id": id, "succeeded": [], "failed": [] })).into_response());
    }
    let desired = match body["action"].as_str() {
        Some("delete") => Desired::Deleted,
        Some("suspend") => Desired::Stopped,
        Some("resume") => Desired::Running,
        _ => return Err(bad_request("action must be delete, suspend or resume")),
    };
    let mut tenant = state.tenant.lock().unwrap();
    let now = tenant.settle();
    let (mut succeeded, mut failed) = (Vec::new(), Vec::new());
    for id in body["ids"].as_array().into_iter().flatten().filter_map(Value::as_str) {
        let kind = tenant.workloads.items.iter().find(|w| w.id == id).map(|w| w.kind);
        let action = if desired == Desired::Deleted { "delete" } else { "update" };
        let index = kind.ok_or(()).and_then(|kind| find(&tenant, &caller, kind, action, id).map_err(|_| ()));
        let unsupported = kind.is_some_and(|k| desired != Desired::Deleted && !k.suspendable());
        match index {
            Ok(i) if !unsupported && tenant.workloads.request(i, desired, now) => succeeded.push(j!(id)),
            Ok(_) => failed.push(j!({ "id": id, "code": 409, "message": "The workload's phase does not allow it." })),
            Err(()) => failed.push(j!({ "id": id, "code": 404, "message": "No such workload, or not yours to change." })),
        }
    }
    let batch_id = tenant.workloads.new_id(11);
    Ok(Json(j!({ "id": batch_id, "succeeded": succeeded, "failed": failed })).into_response())
}
