//! Workload policies (`/api/v2/policy`): one scope's policy of a workload type is read,
//! written and deleted at the type's path with the scope in the query.

use super::{Api, ApiError, Pending};
use gloo_net::http::Method;
use serde_json::Value;

/// The list of every scope's policies.
pub const COLLECTION: &str = "/api/v2/policy";

/// `/api/v2/policy/<type>?scope=<scope>&<unit>=<id>` for an id `<type>.<scope>.<id>`.
pub fn item(collection: &'static str, id: &str) -> String {
    let mut parts = id.splitn(3, '.');
    let (segment, scope, unit) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
    let key = match scope {
        "cluster" => "clusterId",
        "department" => "departmentId",
        _ => "projectId",
    };
    let unit = if unit.is_empty() { String::new() } else { format!("&{key}={}", super::query::encode_component(unit)) };
    format!("{collection}/{segment}?scope={scope}{unit}")
}

impl Api {
    /// The policy of type `segment` (`workspaces`) at project `project`, with its effective one.
    pub fn project_policy(self, segment: &'static str, project: String) -> Pending<Value> {
        Box::pin(async move { self.get(&format!("{COLLECTION}/{segment}"), &[("scope", "project".into()), ("projectId", project)]).await })
    }
    /// Writes (creates or replaces) a policy of type `segment`; the body's meta names its scope.
    pub async fn write_policy(self, segment: &str, body: String) -> Result<Value, ApiError> {
        self.write(Method::PUT, &format!("{COLLECTION}/{segment}"), Some(body)).await
    }
}
