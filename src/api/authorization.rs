//! What the signed-in principal may do (`GET /api/v1/authorization/permissions`), in the
//! contract's own vocabulary: `ResourceType` and `Action` are its enums, typed.

use super::json::{json_record, FromJson};
use super::iam::MyAccessRules;
use super::{Api, ApiError, Method};

const PERMISSIONS_PATH: &str = "/api/v1/authorization/permissions";
const PERMITTED_SCOPES_PATH: &str = "/api/v1/authorization/permitted-scopes";
const MY_ACCESS_RULES_PATH: &str = "/api/v1/authorization/me/access-rules";

/// The contract's `ResourceType`, every member of it, so that a new page needs no change
/// here: what permissions are granted on, with the API's strings in `as_str`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResourceType {
    Department,
    Tenant,
    Project,
    Cluster,
    ClusterConfig,
    NodePools,
    Nodes,
    Settings,
    SecuritySettings,
    BrandingSettings,
    Users,
    Apps,
    ServiceAccount,
    DashboardsOverview,
    DashboardsAnalytics,
    DashboardsConsumption,
    Roles,
    AccessRules,
    Jobs,
    Workloads,
    Workspaces,
    Trainings,
    Inferences,
    Environments,
    PvcAssets,
    GitAssets,
    HostPathAssets,
    NfsAssets,
    S3Assets,
    ComputeResources,
    Templates,
    Credentials,
    EventsHistory,
    Policies,
    CmVolumeAssets,
    Datavolumes,
    SecretVolumeAssets,
    StorageClassConfiguration,
    AccessKeys,
    WorkloadProperties,
    NetworkTopologies,
    Registries,
    ScrapeableMetrics,
}

impl ResourceType {
    pub const fn as_str(self) -> &'static str {
        match self {
            ResourceType::Department => "department",
            ResourceType::Tenant => "tenant",
            ResourceType::Project => "project",
            ResourceType::Cluster => "cluster",
            ResourceType::ClusterConfig => "cluster-config",
            ResourceType::NodePools => "nodepools",
            ResourceType::Nodes => "nodes",
            ResourceType::Settings => "settings",
            ResourceType::SecuritySettings => "security-settings",
            ResourceType::BrandingSettings => "branding-settings",
            ResourceType::Users => "users",
            ResourceType::Apps => "apps",
            ResourceType::ServiceAccount => "service-account",
            ResourceType::DashboardsOverview => "dashboards-overview",
            ResourceType::DashboardsAnalytics => "dashboards-analytics",
            ResourceType::DashboardsConsumption => "dashboards-consumption",
            ResourceType::Roles => "roles",
            ResourceType::AccessRules => "access_rules",
            ResourceType::Jobs => "jobs",
            ResourceType::Workloads => "workloads",
            ResourceType::Workspaces => "workspaces",
            ResourceType::Trainings => "trainings",
            ResourceType::Inferences => "inferences",
            ResourceType::Environments => "environments",
            ResourceType::PvcAssets => "pvc-assets",
            ResourceType::GitAssets => "git-assets",
            ResourceType::HostPathAssets => "host-path-assets",
            ResourceType::NfsAssets => "nfs-assets",
            ResourceType::S3Assets => "s3-assets",
            ResourceType::ComputeResources => "compute-resources",
            ResourceType::Templates => "templates",
            ResourceType::Credentials => "credentials",
            ResourceType::EventsHistory => "events-history",
            ResourceType::Policies => "policies",
            ResourceType::CmVolumeAssets => "cm-volume-assets",
            ResourceType::Datavolumes => "datavolumes",
            ResourceType::SecretVolumeAssets => "secret-volume-assets",
            ResourceType::StorageClassConfiguration => "storage-class-configuration",
            ResourceType::AccessKeys => "access-keys",
            ResourceType::WorkloadProperties => "workload-properties",
            ResourceType::NetworkTopologies => "network-topologies",
            ResourceType::Registries => "registries",
            ResourceType::ScrapeableMetrics => "scrapeable-metrics",
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
        self.records(&answer, None, Permission::from_json)
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
