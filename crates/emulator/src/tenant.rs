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

#[derive(Clone, Debug)]
pub struct ServiceAccount {
    pub id: String,
    pub name: String,
    pub client_id: String,
    pub secret: String,
    pub enabled: bool,
}

#[derive(Clone, Debug)]
pub struct AccessRule {
    pub id: i32,
    pub subject_type: &'static str,
    pub subject_id: String,
    pub role_id: i32,
    pub scope_type: &'static str,
    pub scope_id: String,
}

#[derive(Debug)]
pub struct Tenant {
    pub clusters: Vec<Cluster>,
    pub service_accounts: Vec<ServiceAccount>,
    pub roles: Vec<Role>,
    pub access_rules: Vec<AccessRule>,
    pub org: Org,
}

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
        let service_accounts = vec![ServiceAccount {
            id: "8c1f0d2e-5b7a-4c39-9e4d-2a6b1f3c7e90".into(),
            name: DEMO_CLIENT_ID.into(),
            client_id: DEMO_CLIENT_ID.into(),
            secret: DEMO_CLIENT_SECRET.into(),
            enabled: true,
        }];
        let access_rules = vec![AccessRule {
            id: 1,
            subject_type: "service-account",
            subject_id: DEMO_CLIENT_ID.into(),
            role_id: 1,
            scope_type: "tenant",
            scope_id: TENANT_ID.to_string(),
        }];
        let org = crate::org::seed::seed(&clusters, scale);
        Tenant { clusters, service_accounts, roles: seed_roles(), access_rules, org }
    }

    /// The enabled service account with these client credentials, if any.
    pub fn authenticate(&self, client_id: &str, secret: &str) -> Option<&ServiceAccount> {
        self.service_accounts
            .iter()
            .find(|sa| sa.enabled && sa.client_id == client_id && constant_time_eq(&sa.secret, secret))
    }

    fn roles_of<'a>(&'a self, subject: &'a str) -> impl Iterator<Item = &'a Role> + 'a {
        self.access_rules
            .iter()
            .filter(move |rule| rule.subject_id == subject)
            .filter_map(|rule| self.roles.iter().find(|role| role.id == rule.role_id))
    }

    /// Whether any of the subject's rules grants `action` on `resource_type`.
    pub fn allows(&self, subject: &str, resource_type: &str, action: &str) -> bool {
        self.roles_of(subject).any(|role| role.allows(resource_type, action))
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
