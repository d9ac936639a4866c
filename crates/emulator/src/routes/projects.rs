//! `/api/v1/org-unit/projects`: paged, searchable list, count, create, get, update, delete.
//! A project lives in a cluster under a department of that cluster.

use super::departments::{read_org_unit, FIELDS as DEPARTMENT_FIELDS};
use crate::auth::Caller;
use crate::authz::Directory;
use crate::http::{bad_request, conflict, created, json_body, no_content, page_body, Reply};
use super::collection::{json_id, Collection};
use crate::listing::{ListSpec, OPERATORS};
use crate::org::{check_k8s_name, place, quota, set_policies, set_resources, str_of, Org};
use crate::time::{now_secs, rfc3339};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use std::collections::HashMap;
use std::sync::LazyLock;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/org-unit/projects", get(list_projects).post(create))
        .route("/api/v1/org-unit/projects/count", get(count))
        .route("/api/v1/org-unit/projects/{projectId}", get(one).put(update).delete(remove))
}

static FIELDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut fields = vec!["departmentId", "parentId", "parentName", "phase"];
    fields.extend_from_slice(DEPARTMENT_FIELDS);
    fields
});

fn spec() -> ListSpec {
    ListSpec { fields: FIELDS.as_slice(), operators: &OPERATORS, read: read_org_unit, search_in: &["name"], default_limit: 50 }
}

pub(crate) const PROJECTS: Collection = Collection { resource_type: "project", noun: "Project", records: |t| &t.org.projects, id: json_id, place: place::project, spec };

async fn list_projects(caller: Caller, State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Reply {
    let page = PROJECTS.page(&state, &caller, &query, true)?;
    Ok(Json(page_body("projects", page)).into_response())
}

async fn count(caller: Caller, State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Reply {
    PROJECTS.count(&state, &caller, &query)
}

async fn one(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    Ok(Json(PROJECTS.one(&state, &caller, &id)?).into_response())
}

async fn create(caller: Caller, State(state): State<AppState>, body: Bytes) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    tenant.require(&caller, "project", "create")?;
    let body = json_body(&body)?;
    let name = body["name"].as_str().unwrap_or_default();
    check_k8s_name(name, "Project").map_err(bad_request)?;
    let cluster = body["clusterId"].as_str().unwrap_or_default().to_owned();
    if !tenant.clusters.iter().any(|c| c.uuid == cluster) {
        return Err(bad_request(format!("clusterId {cluster:?} is not a cluster of this tenant")));
    }
    let Some(resources) = body.get("resources") else {
        return Err(bad_request("resources is required (one quota per node pool, or an empty array)"));
    };
    let org = &tenant.org;
    let parent = match body.get("parentId").and_then(|v| v.as_str()) {
        Some(id) => Org::find(&org.departments, id).filter(|d| str_of(d, "clusterId") == cluster),
        None => org.departments.iter().find(|d| str_of(d, "clusterId") == cluster && str_of(d, "name") == "default"),
    };
    let Some(parent) = parent.cloned() else {
        return Err(bad_request("parentId must be a department of the project's cluster"));
    };
    tenant.require_at(&caller, "project", "create", &place::department(&parent))?;
    let org = &mut tenant.org;
    if org.projects.iter().any(|p| str_of(p, "name") == name && str_of(p, "clusterId") == cluster) {
        return Err(conflict(format!("A project named {name} already exists in this cluster.")));
    }
    let resources = quota::normalize(resources, &org.pools_of(&cluster)).map_err(bad_request)?;
    let id = org.new_unit_id();
    let project = org.project(id, &body, &parent, resources, now_secs());
    org.projects.push(project.clone());
    org.relink_children();
    Ok(created(project))
}

async fn update(caller: Caller, State(state): State<AppState>, Path(id): Path<String>, body: Bytes) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    let index = PROJECTS.index(&tenant, &caller, "update", &id)?;
    let body = json_body(&body)?;
    let org = &mut tenant.org;
    let Some(resources) = body.get("resources") else {
        return Err(bad_request("resources is required"));
    };
    let cluster = str_of(&org.projects[index], "clusterId").to_owned();
    let resources = quota::normalize(resources, &org.pools_of(&cluster)).map_err(bad_request)?;
    let p = &mut org.projects[index];
    if let Some(description) = body.get("description").filter(|v| v.is_string()) {
        p["description"] = description.clone();
    }
    if let Some(enforce) = body.get("enforceRunaiScheduler").filter(|v| v.is_boolean()) {
        p["enforceRunaiScheduler"] = enforce.clone();
    }
    set_policies(p, &body);
    set_resources(p, resources);
    p["updatedAt"] = json!(rfc3339(now_secs()));
    Ok(Json(p.clone()).into_response())
}

async fn remove(caller: Caller, State(state): State<AppState>, Path(id): Path<String>) -> Reply {
    let mut tenant = state.tenant.lock().unwrap();
    let index = PROJECTS.index(&tenant, &caller, "delete", &id)?;
    let org = &mut tenant.org;
    org.projects.remove(index);
    org.relink_children();
    Ok(no_content())
}
