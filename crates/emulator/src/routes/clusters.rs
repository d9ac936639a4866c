//! `/api/v1/clusters`: a bare array, no paging; `verbosity=metadata` leaves out `status`.

use crate::auth::Caller;
use crate::http::{not_found, Reply};
use crate::authz::{Directory, Place};
use crate::time::now_secs;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/clusters", get(list))
        .route("/api/v1/clusters/{clusterUuid}", get(one))
        // The legacy administrator API that Run:ai's own examples still call
        // (`curl https://<company>/v1/k8s/clusters -H 'Authorization: Bearer <token>'`):
        // the tenant's clusters as a bare array.
        .route("/v1/k8s/clusters", get(legacy_list))
}

async fn legacy_list(caller: Caller, state: State<AppState>) -> Reply {
    list(caller, state, Query(HashMap::from([("verbosity".to_owned(), "metadata".to_owned())]))).await
}

/// The contract declares no 400 for these reads, so an unknown verbosity falls back to its
/// default (`full`) rather than being refused.
fn full(query: &HashMap<String, String>) -> bool {
    query.get("verbosity").map(String::as_str) != Some("metadata")
}

async fn list(caller: Caller, State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Reply {
    let tenant = state.tenant.lock().unwrap();
    tenant.require(&caller, "cluster", "read")?;
    let now = now_secs();
    let clusters: Vec<_> = tenant
        .clusters
        .iter()
        .filter(|c| tenant.may(&caller.subject, "cluster", "read", &Place::cluster(&c.uuid)))
        .map(|c| c.to_json(now, full(&query)))
        .collect();
    Ok(Json(clusters).into_response())
}

async fn one(
    caller: Caller,
    State(state): State<AppState>,
    Path(uuid): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Reply {
    let tenant = state.tenant.lock().unwrap();
    tenant.require(&caller, "cluster", "read")?;
    let cluster = tenant.clusters.iter().find(|c| c.uuid.eq_ignore_ascii_case(&uuid));
    let cluster = cluster.ok_or_else(|| not_found(format!("Cluster {uuid} was not found.")))?;
    tenant.require_at(&caller, "cluster", "read", &Place::cluster(&cluster.uuid))?;
    Ok(Json(cluster.to_json(now_secs(), full(&query))).into_response())
}
