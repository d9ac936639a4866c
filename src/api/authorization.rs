//! What the signed-in principal may do (`GET /api/v1/authorization/permissions`).

use serde::Deserialize;

pub const PERMISSIONS_PATH: &str = "/api/v1/authorization/permissions";

/// One resource type and the actions allowed on it.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Permission {
    pub resource_type: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub actions: Vec<String>,
}

/// Whether `permissions` allow `action` on `resource_type`.
pub fn allows(permissions: &[Permission], resource_type: &str, action: &str) -> bool {
    permissions.iter().any(|p| p.resource_type == resource_type && p.actions.iter().any(|a| a == action))
}
