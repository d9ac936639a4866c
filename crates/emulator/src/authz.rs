//! The permission vocabulary of the Run:ai API (`ResourceType`, `ResourceTypeGroupId`, `Action`)
//! and the roles the emulator seeds. Requests are checked against these in `tenant.rs`.

/// Every `ResourceType` of the contract with the display name and group the real API reports.
pub const RESOURCE_TYPES: &[(&str, &str, &str)] = &[
    ("tenant", "Account", "organization"),
    ("department", "Departments", "organization"),
    ("project", "Projects", "organization"),
    ("cluster", "Clusters", "physical-resource"),
    ("cluster-config", "Cluster configuration", "physical-resource"),
    ("nodepools", "Node pools", "physical-resource"),
    ("nodes", "Nodes", "physical-resource"),
    ("network-topologies", "Network topologies", "physical-resource"),
    ("settings", "General settings", "organization"),
    ("security-settings", "Security settings", "organization"),
    ("branding-settings", "Branding settings", "organization"),
    ("users", "Users", "iam"),
    ("apps", "Applications", "iam"),
    ("service-account", "Service accounts", "iam"),
    ("roles", "Roles", "iam"),
    ("access_rules", "Access rules", "iam"),
    ("access-keys", "Access keys", "iam"),
    ("dashboards-overview", "Overview dashboard", "dashboard"),
    ("dashboards-analytics", "Analytics dashboard", "dashboard"),
    ("dashboards-consumption", "Consumption dashboard", "dashboard"),
    ("events-history", "Event history", "organization"),
    ("jobs", "Jobs", "workload"),
    ("workloads", "Workloads", "workload"),
    ("workspaces", "Workspaces", "workload"),
    ("trainings", "Trainings", "workload"),
    ("inferences", "Inferences", "workload"),
    ("workload-properties", "Workload properties", "workload"),
    ("policies", "Policies", "workload"),
    ("scrapeable-metrics", "Scrapeable metrics", "workload"),
    ("environments", "Environments", "workload-asset"),
    ("compute-resources", "Compute resources", "workload-asset"),
    ("templates", "Templates", "workload-asset"),
    ("credentials", "Credentials", "workload-asset"),
    ("pvc-assets", "PVC data sources", "workload-asset"),
    ("git-assets", "Git data sources", "workload-asset"),
    ("host-path-assets", "Host path data sources", "workload-asset"),
    ("nfs-assets", "NFS data sources", "workload-asset"),
    ("s3-assets", "S3 data sources", "workload-asset"),
    ("cm-volume-assets", "ConfigMap data sources", "workload-asset"),
    ("secret-volume-assets", "Secret data sources", "workload-asset"),
    ("datavolumes", "Data volumes", "workload-asset"),
    ("storage-class-configuration", "Storage classes", "workload-asset"),
    ("registries", "Registries", "workload-asset"),
];

pub const CRUD: &[&str] = &["create", "read", "update", "delete"];
pub const READ: &[&str] = &["read"];

/// A role: what it allows, per resource type.
#[derive(Clone, Debug)]
pub struct Role {
    pub id: i32,
    pub name: String,
    pub description: String,
    pub permissions: Vec<(&'static str, Vec<&'static str>)>,
}

impl Role {
    pub fn allows(&self, resource_type: &str, action: &str) -> bool {
        self.permissions.iter().any(|(t, actions)| *t == resource_type && actions.contains(&action))
    }
}

/// The two predefined roles the demo tenant needs so far: everything, and read-only.
pub fn seed_roles() -> Vec<Role> {
    let all = |actions: &'static [&'static str]| {
        RESOURCE_TYPES.iter().map(|(t, _, _)| (*t, actions.to_vec())).collect()
    };
    vec![
        Role {
            id: 1,
            name: "System administrator".into(),
            description: "Full control of the tenant: its clusters, organization, access and workloads.".into(),
            permissions: all(CRUD),
        },
        Role {
            id: 2,
            name: "Viewer".into(),
            description: "Reads everything in its scope and changes nothing.".into(),
            permissions: all(READ),
        },
    ]
}
