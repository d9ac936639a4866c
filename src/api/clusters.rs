//! Clusters (`/api/v1/clusters`): a bare array, no paging. Their id is `uuid`.

use super::json::json_record;
use super::list::Paging;
use super::ApiResource;

#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    pub uuid: String,
    pub name: String,
    pub tenant_id: Option<i64>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub domain: Option<String>,
    pub version: Option<String>,
    pub last_liveness: Option<String>,
    pub delete_requested_at: Option<String>,
    pub status: Option<ClusterStatus>,
}
json_record!(Cluster { uuid: "uuid", name: "name", tenant_id: "tenantId", created_at: "createdAt", updated_at: "updatedAt", domain: "domain", version: "version", last_liveness: "lastLiveness", delete_requested_at: "deleteRequestedAt", status: "status" });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClusterStatus {
    pub state: Option<String>,
    pub platform: Option<Platform>,
    pub conditions: Vec<Condition>,
    pub operands: Vec<(String, Operand)>,
}
json_record!(ClusterStatus { state: "state", platform: "platform", conditions: "conditions", operands: "operands" });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Platform {
    pub kind: Option<String>,
    pub kube_version: Option<String>,
}
json_record!(Platform { kind: "type", kube_version: "kubeVersion" });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Condition {
    pub kind: String,
    pub status: String,
    pub reason: Option<String>,
    pub message: Option<String>,
    pub last_transition_time: Option<String>,
}
json_record!(Condition { kind: "type", status: "status", reason: "reason", message: "message", last_transition_time: "lastTransitionTime" });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Operand {
    pub ready: bool,
    pub reasons: Vec<String>,
}
json_record!(Operand { ready: "ready", reasons: "reasons" });

impl ApiResource for Cluster {
    const COLLECTION: &'static str = "/api/v1/clusters";
    const PAGING: Paging = Paging::None;

    fn id(&self) -> String {
        self.uuid.clone()
    }
    fn name(&self) -> String {
        self.name.clone()
    }
}

impl Cluster {
    pub fn state(&self) -> Option<&str> {
        self.status.as_ref()?.state.as_deref()
    }
    pub fn platform(&self) -> Option<&Platform> {
        self.status.as_ref()?.platform.as_ref()
    }
}
