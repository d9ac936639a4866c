//! `/api/v1/authorization/...`: what the signed-in subject may do.

use crate::auth::Caller;
use crate::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/authorization/permissions", get(permissions))
}

async fn permissions(caller: Caller, State(state): State<AppState>) -> Json<Value> {
    Json(state.tenant.lock().unwrap().permissions_json(&caller.subject))
}
