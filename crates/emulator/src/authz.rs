//! Access control: the permission vocabulary of the Run:ai API (`ResourceType`,
//! `ResourceTypeGroupId`, `Action`), the roles the emulator seeds, access rules, and the
//! checks every route makes (`may`, `require`, `require_at`, `readable`) against what a
//! `Directory` (the tenant) knows of rules, roles, groups and the organization.

use crate::auth::Caller;
use crate::http::forbidden;
use axum::response::Response;
use serde_json::{json, Value};
use std::borrow::Cow;

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

#[derive(Clone, Debug)]
pub struct AccessRule {
    pub id: i32,
    pub subject_type: &'static str,
    pub subject_id: String,
    pub role_id: i32,
    pub scope_type: &'static str,
    pub scope_id: String,
    pub cluster_id: Option<String>,
    pub created_by: String,
    pub created_at: i64,
}

/// Where a record sits in the organization, for scope checks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Place {
    pub cluster: Option<String>,
    pub department: Option<String>,
    pub project: Option<String>,
}

impl Place {
    pub fn cluster(id: &str) -> Place {
        Place { cluster: Some(id.to_owned()), ..Place::default() }
    }
}


/// What the access checks need to know of the tenant; the checks themselves are written here,
/// once, as provided methods.
pub trait Directory {
    fn access_rules(&self) -> &[AccessRule];
    fn roles(&self) -> &[Role];
    /// The groups a user belongs to (none for other subjects).
    fn groups_of(&self, subject: &str) -> Vec<&str>;
    /// The cluster a department or project is in.
    fn cluster_of_unit(&self, id: &str) -> Option<String>;

    /// The rules that apply to a subject: its own and, for a user, its groups'.
    fn rules_of<'a>(&'a self, subject: &'a str) -> impl Iterator<Item = &'a AccessRule> + 'a {
        let groups = self.groups_of(subject);
        self.access_rules().iter().filter(move |rule| {
            rule.subject_id == subject && rule.subject_type != "group" || rule.subject_type == "group" && groups.contains(&rule.subject_id.as_str())
        })
    }

    fn roles_of<'a>(&'a self, subject: &'a str) -> impl Iterator<Item = &'a Role> + 'a {
        self.rules_of(subject)
            .filter_map(|rule| self.roles().iter().find(|role| role.id == rule.role_id))
    }

    /// Whether any of the subject's rules grants `action` on `resource_type`, in any scope.
    fn allows(&self, subject: &str, resource_type: &str, action: &str) -> bool {
        self.roles_of(subject).any(|role| role.allows(resource_type, action))
    }

    /// Whether one of the subject's rules grants `action` on `resource_type` in a scope that
    /// covers `place`. Tenant and system scopes cover everything; a cluster scope covers what
    /// is in the cluster; a department scope its projects; a project scope the project. Reads
    /// also reach up: whoever may read in a department or project sees its cluster's clusters,
    /// node pools and nodes.
    fn may(&self, subject: &str, resource_type: &str, action: &str, place: &Place) -> bool {
        self.rules_of(subject).any(|rule| {
            let role = self.roles().iter().find(|role| role.id == rule.role_id);
            role.is_some_and(|role| role.allows(resource_type, action)) && self.covers(rule, place, action == "read")
        })
    }

    fn covers(&self, rule: &AccessRule, place: &Place, read: bool) -> bool {
        let id = Some(rule.scope_id.as_str());
        let physical = place.department.is_none() && place.project.is_none();
        match rule.scope_type {
            "system" | "tenant" => true,
            "cluster" => place.cluster.as_deref() == id,
            "department" => {
                place.department.as_deref() == id
                    || (read && physical && place.cluster.is_some() && place.cluster == self.cluster_of_unit(&rule.scope_id))
            }
            "project" => {
                place.project.as_deref() == id
                    || (read && physical && place.cluster.is_some() && place.cluster == self.cluster_of_unit(&rule.scope_id))
            }
            _ => false,
        }
    }


    /// `Ok` when the caller may act on something at `place`; otherwise the 403.
    fn require_at(&self, caller: &Caller, resource_type: &str, action: &str, place: &Place) -> Result<(), Response> {
        if self.may(&caller.subject, resource_type, action, place) {
            Ok(())
        } else {
            Err(forbidden())
        }
    }

    /// The records the caller may read: all of them for tenant-wide readers (no copy), else
    /// those whose place one of the caller's scopes covers.
    fn readable<'a, T: Clone>(&self, caller: &Caller, resource_type: &str, records: &'a [T], place: fn(&T) -> Place) -> Cow<'a, [T]> {
        if self.may(&caller.subject, resource_type, "read", &Place::default()) {
            return Cow::Borrowed(records);
        }
        Cow::Owned(records.iter().filter(|r| self.may(&caller.subject, resource_type, "read", &place(r))).cloned().collect())
    }

    /// `Ok` when the caller may; otherwise the 403 the contract declares.
    fn require(&self, caller: &Caller, resource_type: &str, action: &str) -> Result<(), Response> {
        if self.allows(&caller.subject, resource_type, action) {
            Ok(())
        } else {
            Err(forbidden())
        }
    }

    /// `GET /api/v1/authorization/permissions`: one `Permission` per resource type the subject
    /// may do anything with, its actions merged over all its roles.
    fn permissions_json(&self, subject: &str) -> Value {
        let entries: Vec<Value> = RESOURCE_TYPES
            .iter()
            .filter_map(|(resource_type, display_name, group)| {
                let actions: Vec<&str> = ["create", "read", "update", "delete", "sync"]
                    .into_iter()
                    .filter(|a| self.roles_of(subject).any(|r| r.allows(resource_type, a)))
                    .collect();
                (!actions.is_empty()).then(|| {
                    json!({ "resourceType": resource_type, "displayName": display_name,
                            "groupId": group, "actions": actions })
                })
            })
            .collect();
        Value::Array(entries)
    }
}
