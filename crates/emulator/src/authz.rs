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

/// Resource types of each kind, to compose roles from.
const ORG: &[&str] = &["department", "project"];
const PHYSICAL: &[&str] = &["cluster", "nodepools", "nodes", "network-topologies"];
const WORKLOADS: &[&str] = &["workloads", "workspaces", "trainings", "inferences", "jobs", "workload-properties"];
const ASSETS: &[&str] = &[
    "environments", "compute-resources", "templates", "credentials", "pvc-assets", "git-assets", "host-path-assets",
    "nfs-assets", "s3-assets", "cm-volume-assets", "secret-volume-assets", "datavolumes", "registries",
];
const DASHBOARDS: &[&str] = &["dashboards-overview", "dashboards-analytics", "dashboards-consumption"];

fn grant(types: &[&'static str], actions: &'static [&'static str]) -> Vec<(&'static str, Vec<&'static str>)> {
    types.iter().map(|t| (*t, actions.to_vec())).collect()
}

/// The predefined roles, with ids and names as Run:ai documents them.
pub fn seed_roles() -> Vec<Role> {
    let all = |actions: &'static [&'static str]| grant(&RESOURCE_TYPES.iter().map(|(t, _, _)| *t).collect::<Vec<_>>(), actions);
    let role = |id, name: &str, description: &str, permissions: Vec<Vec<(&'static str, Vec<&'static str>)>>| Role {
        id,
        name: name.into(),
        description: description.into(),
        permissions: permissions.into_iter().flatten().collect(),
    };
    vec![
        role(1, "System administrator", "Full control of the tenant: its clusters, organization, access and workloads.", vec![all(CRUD)]),
        role(2, "Department administrator", "Manages the projects, access and workloads of its departments.", vec![
            grant(&["department"], &["read", "update"]), grant(&["project", "access_rules"], CRUD), grant(PHYSICAL, READ),
            grant(&["users", "roles", "service-account"], READ), grant(WORKLOADS, CRUD), grant(ASSETS, CRUD), grant(DASHBOARDS, READ),
        ]),
        role(3, "Editor", "Manages projects and the workloads and assets in them.", vec![
            grant(&["department"], READ), grant(&["project"], CRUD), grant(PHYSICAL, READ), grant(WORKLOADS, CRUD), grant(ASSETS, CRUD),
            grant(&["roles"], READ), grant(DASHBOARDS, READ),
        ]),
        role(4, "L1 researcher", "Runs workloads and manages assets in its projects.", vec![
            grant(&["project"], READ), grant(PHYSICAL, READ), grant(WORKLOADS, CRUD), grant(ASSETS, CRUD), grant(DASHBOARDS, READ),
        ]),
        role(5, "ML engineer", "Deploys and manages inference workloads.", vec![
            grant(&["project"], READ), grant(&["nodepools"], READ), grant(&["inferences"], CRUD), grant(&["workloads"], READ),
        ]),
        role(6, "Research manager", "Sees its projects' workloads and manages their assets.", vec![
            grant(ORG, READ), grant(WORKLOADS, READ), grant(ASSETS, CRUD), grant(DASHBOARDS, READ),
        ]),
        role(7, "Viewer", "Reads everything in its scope and changes nothing.", vec![all(READ)]),
    ]
}
