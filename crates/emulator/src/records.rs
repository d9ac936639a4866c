//! The typed records of the emulated tenant's identity and physical side: clusters, service
//! accounts, users and access keys. Kept as the emulator's own structs, not the console's
//! models, so that a wrong field name cannot hide by being wrong on both sides; responses are
//! checked against the OpenAPI document in the tests.

use crate::time::rfc3339;
use serde_json::{json, Value};

pub const TENANT_ID: i32 = 1001;

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

