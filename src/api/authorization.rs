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

pub const PERMITTED_SCOPES_PATH: &str = "/api/v1/authorization/permitted-scopes";

/// Where an action is allowed (`PermittedScopes`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Scopes {
    pub system: bool,
    pub tenants: Vec<String>,
    pub clusters: Vec<String>,
    pub departments: Vec<String>,
    pub projects: Vec<String>,
}

#[derive(Deserialize)]
struct ScopesByAction {
    create: Option<Scopes>,
    read: Option<Scopes>,
    update: Option<Scopes>,
    delete: Option<Scopes>,
}

impl super::Api {
    /// `POST /api/v1/authorization/permitted-scopes` for one resource type and action.
    pub async fn permitted_scopes(self, resource_type: &str, action: &str) -> Result<Scopes, super::ApiError> {
        let body = format!(r#"{{"resourceType":"{resource_type}","action":"{action}"}}"#);
        let all: ScopesByAction = self.write(gloo_net::http::Method::POST, PERMITTED_SCOPES_PATH, Some(body)).await?;
        let scopes = match action {
            "create" => all.create,
            "update" => all.update,
            "delete" => all.delete,
            _ => all.read,
        };
        Ok(scopes.unwrap_or_default())
    }
}
