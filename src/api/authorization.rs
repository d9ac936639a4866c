//! What the signed-in principal may do (`GET /api/v1/authorization/permissions`), in the
//! contract's own vocabulary: `ResourceType` and `Action` are its enums, typed.

use super::json::{json_record, FromJson};
use super::iam::MyAccessRules;
use super::{Api, ApiError, Method};

const PERMISSIONS_PATH: &str = "/api/v1/authorization/permissions";
const PERMITTED_SCOPES_PATH: &str = "/api/v1/authorization/permitted-scopes";
const MY_ACCESS_RULES_PATH: &str = "/api/v1/authorization/me/access-rules";

/// The contract's `ResourceType`: what permissions are granted on. Only the members the
/// console gates something by are listed; the API's strings for them are in `as_str`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResourceType {
    Cluster,
    NodePools,
    Nodes,
    Department,
    Project,
    Users,
    Apps,
    ServiceAccount,
    Roles,
    AccessRules,
    AccessKeys,
}

impl ResourceType {
    pub const fn as_str(self) -> &'static str {
        match self {
            ResourceType::Cluster => "cluster",
            ResourceType::NodePools => "nodepools",
            ResourceType::Nodes => "nodes",
            ResourceType::Department => "department",
            ResourceType::Project => "project",
            ResourceType::Users => "users",
            ResourceType::Apps => "apps",
            ResourceType::ServiceAccount => "service-account",
            ResourceType::Roles => "roles",
            ResourceType::AccessRules => "access_rules",
            ResourceType::AccessKeys => "access-keys",
        }
    }
}

/// The contract's `Action`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Create,
    Read,
    Update,
    Delete,
}

impl Action {
    pub const fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Read => "read",
            Action::Update => "update",
            Action::Delete => "delete",
        }
    }
}

/// One resource type and the actions allowed on it, as the API sends it (strings, so that a
/// type or action this console does not know is kept and shown, not a decoding failure).
#[derive(Clone, Debug, PartialEq)]
pub struct Permission {
    pub resource_type: String,
    pub display_name: String,
    pub actions: Vec<String>,
}
json_record!(Permission { resource_type: "resourceType", display_name: "displayName", actions: "actions" });

/// Whether `permissions` allow `action` on `resource_type`.
pub fn allows(permissions: &[Permission], resource_type: ResourceType, action: Action) -> bool {
    let (kind, action) = (resource_type.as_str(), action.as_str());
    permissions.iter().any(|p| p.resource_type == kind && p.actions.iter().any(|a| a == action))
}

/// Where an action is allowed (`PermittedScopes`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scopes {
    pub system: bool,
    pub tenants: Vec<String>,
    pub clusters: Vec<String>,
    pub departments: Vec<String>,
    pub projects: Vec<String>,
}
json_record!(Scopes { system: "system", tenants: "tenants", clusters: "clusters", departments: "departments", projects: "projects" });

impl Api {
    /// What the signed-in principal may do, by resource type.
    pub async fn permissions(self) -> Result<Vec<Permission>, ApiError> {
        let answer = self.get(PERMISSIONS_PATH, &[]).await?;
        self.records(&answer, None)
    }

    /// The signed-in principal's own access rules.
    pub async fn my_access_rules(self) -> Result<MyAccessRules, ApiError> {
        let answer = self.get(MY_ACCESS_RULES_PATH, &[("limit", "500".into())]).await?;
        self.record(answer)
    }

    /// `POST /api/v1/authorization/permitted-scopes` for one resource type and action.
    pub async fn permitted_scopes(self, resource_type: ResourceType, action: Action) -> Result<Scopes, ApiError> {
        let body = format!(r#"{{"resourceType":"{}","action":"{}"}}"#, resource_type.as_str(), action.as_str());
        let all: serde_json::Value = self.write(Method::POST, PERMITTED_SCOPES_PATH, Some(body)).await?;
        // An action the answer leaves out is allowed nowhere.
        Ok(Scopes::from_json(&all[action.as_str()]))
    }
}
