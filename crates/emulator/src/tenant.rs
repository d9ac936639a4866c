//! The emulated tenant: its records, seeded deterministically, and the access checks on them.
//! Records are kept as the emulator's own structs, not the console's models, so that a wrong
//! field name cannot hide by being wrong on both sides; responses are checked against the
//! OpenAPI document in the tests.

use crate::auth::Caller;
use crate::authz::{seed_roles, Role, RESOURCE_TYPES};
use crate::time::rfc3339;
use crate::http::forbidden;
use crate::org::Org;
use axum::response::Response;
use serde_json::{json, Value};
use std::borrow::Cow;

pub const TENANT_ID: i32 = 1001;
pub const DEMO_CLIENT_ID: &str = "demo-admin";
pub const DEMO_CLIENT_SECRET: &str = "demo-admin-secret";

#[derive(Clone, Debug)]
pub struct Cluster {
    pub uuid: String,
    pub name: String,
    pub domain: Option<String>,
    pub version: Option<String>,
    pub created_at: i64,
    pub state: &'static str,
    pub platform: &'static str,
    pub kube_version: &'static str,
    /// Operands that are not ready (they make the state `ServiceIssues`).
    pub unready_operands: Vec<&'static str>,
    /// Seconds between the cluster's last heartbeat and now.
    pub liveness_age: Option<i64>,
}

/// A service account (or a deprecated application: `legacy`), a machine identity that signs
/// in with client credentials. Its access-rule subject id is its client id.
#[derive(Clone, Debug)]
pub struct ServiceAccount {
    pub id: String,
    pub name: String,
    pub client_id: String,
    pub secret: String,
    pub enabled: bool,
    pub legacy: bool,
    pub created_by: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub last_login: Option<i64>,
}

/// A user. Its access-rule subject id is its username (e-mail).
#[derive(Clone, Debug)]
pub struct User {
    pub id: String,
    pub username: String,
    pub created_by: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub last_login: Option<i64>,
    pub is_local: bool,
    pub groups: Vec<String>,
    pub password: String,
}

/// A personal access key: client credentials that act as their owner.
#[derive(Clone, Debug)]
pub struct AccessKey {
    pub id: String,
    pub name: String,
    pub client_id: String,
    pub secret: String,
    /// The subject the key acts as (a user's e-mail, or a service account's client id).
    pub owner: String,
    pub created_at: i64,
    pub last_login: Option<i64>,
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

#[derive(Debug)]
pub struct Tenant {
    pub clusters: Vec<Cluster>,
    pub service_accounts: Vec<ServiceAccount>,
    pub roles: Vec<Role>,
    pub access_rules: Vec<AccessRule>,
    pub users: Vec<User>,
    pub access_keys: Vec<AccessKey>,
    pub org: Org,
    /// Counter behind generated ids, secrets and passwords (deterministic per run).
    pub serial: u64,
}

pub const VIEWER_CLIENT_ID: &str = "demo-viewer";
pub const VIEWER_CLIENT_SECRET: &str = "demo-viewer-secret";
/// The department whose viewer `demo-viewer` is.
pub const VIEWER_DEPARTMENT: &str = "ml-research";

/// 2025-03-12T09:14:00Z: the seed's "founding day"; later records are offset from it.
const SEED_EPOCH: i64 = 1_741_770_840;

impl Tenant {
    /// The demo tenant. Same input, same tenant: ids and timestamps are fixed.
    pub fn seed(scale: usize) -> Self {
        let clusters = vec![
            Cluster {
                uuid: "3f8a1c52-7d4e-4b2a-9c61-0e5d2b8f4a17".into(),
                name: "prod-dgx".into(),
                domain: Some("https://prod-dgx.gpu.example.com".into()),
                version: Some("2.24.31".into()),
                created_at: SEED_EPOCH,
                state: "Connected",
                platform: "vanilla",
                kube_version: "v1.30.4",
                unready_operands: vec![],
                liveness_age: Some(12),
            },
            Cluster {
                uuid: "b27e90d4-1c3f-4e8a-a5d6-7f2c4e9b1d30".into(),
                name: "research-ocp".into(),
                domain: Some("https://research.ocp.example.com".into()),
                version: Some("2.23.18".into()),
                created_at: SEED_EPOCH + 41 * 86_400 + 3_600 * 5,
                state: "ServiceIssues",
                platform: "openshift",
                kube_version: "v1.29.8",
                unready_operands: vec!["metrics-exporter"],
                liveness_age: Some(47),
            },
        ];
        let account = |n: u64, client_id: &str, secret: &str| ServiceAccount {
            id: format!("8c1f0d2e-5b7a-4c39-9e4d-{n:012x}"),
            name: client_id.into(),
            client_id: client_id.into(),
            secret: secret.into(),
            enabled: true,
            legacy: false,
            created_by: "admin@example.com".into(),
            created_at: SEED_EPOCH + n as i64 * 3_600,
            updated_at: SEED_EPOCH + n as i64 * 3_600,
            last_login: None,
        };
        let service_accounts = vec![account(1, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET), account(2, VIEWER_CLIENT_ID, VIEWER_CLIENT_SECRET)];
        let user = |n: u64, username: &str, is_local: bool, groups: &[&str]| User {
            id: format!("5d2e7a10-3c4b-4f6e-8a9d-{n:012x}"),
            username: username.into(),
            created_by: if is_local { "admin@example.com".into() } else { "SSO".into() },
            created_at: SEED_EPOCH + n as i64 * 86_400,
            updated_at: SEED_EPOCH + n as i64 * 86_400,
            last_login: (n % 2 == 1).then_some(SEED_EPOCH + 200 * 86_400 + n as i64 * 3_600),
            is_local,
            groups: groups.iter().map(|g| g.to_string()).collect(),
            password: format!("seeded-{n}"),
        };
        let users = vec![
            user(1, "admin@example.com", true, &[]),
            user(2, "alice@example.com", false, &["ml-researchers"]),
            user(3, "bob@example.com", false, &["ml-researchers", "platform"]),
            user(4, "carol@example.com", true, &[]),
        ];
        let org = crate::org::seed::seed(&clusters, scale);
        let unit = |name: &str| org.departments.iter().chain(&org.projects).find(|u| crate::org::str_of(u, "name") == name).map(|u| crate::org::str_of(u, "id").to_owned()).unwrap_or_default();
        let rule = |id: i32, subject_type: &'static str, subject: &str, role_id: i32, scope_type: &'static str, scope_id: String| AccessRule {
            id,
            subject_type,
            subject_id: subject.into(),
            role_id,
            scope_type,
            scope_id,
            cluster_id: (scope_type != "tenant").then(|| clusters[0].uuid.clone()),
            created_by: "admin@example.com".into(),
            created_at: SEED_EPOCH + id as i64 * 3_600,
        };
        let access_rules = vec![
            rule(1, "service-account", DEMO_CLIENT_ID, 1, "tenant", TENANT_ID.to_string()),
            rule(2, "service-account", VIEWER_CLIENT_ID, 7, "department", unit(VIEWER_DEPARTMENT)),
            rule(3, "user", "admin@example.com", 1, "tenant", TENANT_ID.to_string()),
            rule(4, "user", "alice@example.com", 4, "project", unit("vision")),
            rule(5, "group", "ml-researchers", 6, "department", unit("ml-research")),
        ];
        Tenant { clusters, service_accounts, roles: seed_roles(), access_rules, users, access_keys: Vec::new(), org, serial: 100 }
    }

    /// A fresh, unguessable-enough string for ids, secrets and temporary passwords.
    pub fn fresh(&mut self, kind: &str) -> String {
        use std::hash::{BuildHasher, Hasher};
        self.serial += 1;
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(self.serial);
        match kind {
            "uuid" => {
                let (a, b) = (h.finish(), self.serial);
                format!("{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xfff, b & 0xfff, a & 0xffff_ffff_ffff)
            }
            _ => format!("{:016x}{:016x}", h.finish(), h.finish().rotate_left(17) ^ self.serial),
        }
    }

    /// The subject that these client credentials act as: an enabled service account (or
    /// application) by its client id, or an access key's owner.
    pub fn authenticate(&self, client_id: &str, secret: &str) -> Option<String> {
        let account = self.service_accounts.iter().find(|sa| sa.enabled && sa.client_id == client_id && constant_time_eq(&sa.secret, secret));
        let key = || self.access_keys.iter().find(|k| k.client_id == client_id && constant_time_eq(&k.secret, secret));
        account.map(|a| a.client_id.clone()).or_else(|| key().map(|k| k.owner.clone()))
    }

    /// The rules that apply to a subject: its own and, for a user, its groups'.
    pub fn rules_of<'a>(&'a self, subject: &'a str) -> impl Iterator<Item = &'a AccessRule> + 'a {
        let groups: Vec<&str> = self.users.iter().filter(|u| u.username == subject).flat_map(|u| u.groups.iter().map(String::as_str)).collect();
        self.access_rules.iter().filter(move |rule| {
            rule.subject_id == subject && rule.subject_type != "group" || rule.subject_type == "group" && groups.contains(&rule.subject_id.as_str())
        })
    }

    fn roles_of<'a>(&'a self, subject: &'a str) -> impl Iterator<Item = &'a Role> + 'a {
        self.rules_of(subject)
            .filter_map(|rule| self.roles.iter().find(|role| role.id == rule.role_id))
    }

    /// Whether any of the subject's rules grants `action` on `resource_type`, in any scope.
    pub fn allows(&self, subject: &str, resource_type: &str, action: &str) -> bool {
        self.roles_of(subject).any(|role| role.allows(resource_type, action))
    }

    /// Whether one of the subject's rules grants `action` on `resource_type` in a scope that
    /// covers `place`. Tenant and system scopes cover everything; a cluster scope covers what
    /// is in the cluster; a department scope its projects; a project scope the project. Reads
    /// also reach up: whoever may read in a department or project sees its cluster's clusters,
    /// node pools and nodes.
    pub fn may(&self, subject: &str, resource_type: &str, action: &str, place: &Place) -> bool {
        self.rules_of(subject).any(|rule| {
            let role = self.roles.iter().find(|role| role.id == rule.role_id);
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

    fn cluster_of_unit(&self, id: &str) -> Option<String> {
        let org = &self.org;
        Org::find(&org.departments, id).or_else(|| Org::find(&org.projects, id)).map(|u| crate::org::str_of(u, "clusterId").to_owned())
    }

    /// `Ok` when the caller may act on something at `place`; otherwise the 403.
    pub fn require_at(&self, caller: &Caller, resource_type: &str, action: &str, place: &Place) -> Result<(), Response> {
        if self.may(&caller.subject, resource_type, action, place) {
            Ok(())
        } else {
            Err(forbidden())
        }
    }

    /// The records the caller may read: all of them for tenant-wide readers (no copy), else
    /// those whose place one of the caller's scopes covers.
    pub fn readable<'a>(&self, caller: &Caller, resource_type: &str, records: &'a [Value], place: fn(&Value) -> Place) -> Cow<'a, [Value]> {
        if self.may(&caller.subject, resource_type, "read", &Place::default()) {
            return Cow::Borrowed(records);
        }
        Cow::Owned(records.iter().filter(|r| self.may(&caller.subject, resource_type, "read", &place(r))).cloned().collect())
    }

    /// `Ok` when the caller may; otherwise the 403 the contract declares.
    pub fn require(&self, caller: &Caller, resource_type: &str, action: &str) -> Result<(), Response> {
        if self.allows(&caller.subject, resource_type, action) {
            Ok(())
        } else {
            Err(forbidden())
        }
    }

    /// `GET /api/v1/authorization/permissions`: one `Permission` per resource type the subject
    /// may do anything with, its actions merged over all its roles.
    pub fn permissions_json(&self, subject: &str) -> Value {
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

impl Cluster {
    /// The `DisplayedCluster` schema; `full` verbosity adds `status`.
    pub fn to_json(&self, now: i64, full: bool) -> Value {
        let mut v = json!({
            "uuid": self.uuid, "tenantId": TENANT_ID, "name": self.name,
            "createdAt": rfc3339(self.created_at), "updatedAt": rfc3339(self.created_at),
            "domain": self.domain, "version": self.version, "deletedAt": null,
            "deleteRequestedAt": null,
            "lastLiveness": self.liveness_age.map(|age| rfc3339(now - age)),
        });
        if full {
            v["status"] = self.status_json(now);
        }
        v
    }

    fn status_json(&self, now: i64) -> Value {
        let since = rfc3339(now - 3_600);
        let operands: serde_json::Map<String, Value> =
            ["scheduler", "workload-controller", "metrics-exporter", "cluster-sync"]
                .iter()
                .map(|name| {
                    let ready = !self.unready_operands.contains(name);
                    let mut o = json!({ "ready": ready, "lastTransitionTime": since });
                    if !ready {
                        o["reasons"] = json!(["Deployment has 0 of 1 ready replicas"]);
                        o["unreadyThresholdCrossed"] = json!(true);
                    }
                    (name.to_string(), o)
                })
                .collect();
        let available = |name: &str| json!({ "available": true, "reason": format!("{name} is installed") });
        json!({
            "state": self.state,
            "platform": { "type": self.platform, "kubeVersion": self.kube_version },
            "config": { "workloadOwnershipProtection": false, "subdomainEnabled": true,
                        "ingressClass": "nginx" },
            "conditions": [{
                "type": "Available", "status": if self.unready_operands.is_empty() { "True" } else { "False" },
                "reason": if self.unready_operands.is_empty() { "AllOperandsReady" } else { "OperandsNotReady" },
                "message": if self.unready_operands.is_empty() { "All operands are ready".to_string() }
                           else { format!("Not ready: {}", self.unready_operands.join(", ")) },
                "lastTransitionTime": since,
            }],
            "operands": operands,
            "dependencies": {
                "required": { "nvidia-gpu-operator": available("NVIDIA GPU operator"),
                              "prometheus": available("Prometheus") },
                "optional": { "knative": { "available": false, "reason": "Knative is not installed" } },
            },
        })
    }
}

/// Comparison whose time does not depend on where the strings first differ.
fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
