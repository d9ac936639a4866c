//! Data volumes (`/api/v1/datavolumes`): copies of a project's PVC that other scopes may mount.
//! Lists need `requestType`: the console lists the volumes that originate where the caller
//! reads. Sharing with a scope is its own write, after the volume exists.

use super::json::{object, Json, ToJson};
use super::{Api, ApiError};
use gloo_net::http::Method;

pub const COLLECTION: &str = "/api/v1/datavolumes";

impl Api {
    /// Shares volume `id` with the cluster, department or project `scope_id`.
    pub async fn share_volume(self, id: &str, scope_type: &str, scope_id: &str) -> Result<(), ApiError> {
        let scope = object(&[("scopeType", &scope_type), ("scopeId", &scope_id)]);
        let body = object(&[("add", &Json(vec![scope].to_json()))]);
        self.write_ignoring_body(Method::PATCH, &format!("{COLLECTION}/{}/sharedScopes", super::query::encode_component(id)), Some(body.0)).await
    }
}
