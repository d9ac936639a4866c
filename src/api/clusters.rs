//! Clusters (`/api/v1/clusters`): a bare array, no paging. Their id is `uuid`.

use super::list::Paging;
use super::ApiResource;
use serde::Deserialize;

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
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

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct ClusterStatus {
    pub state: Option<String>,
    pub platform: Option<Platform>,
    pub conditions: Vec<Condition>,
    pub operands: std::collections::BTreeMap<String, Operand>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Platform {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub kube_version: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Condition {
    #[serde(rename = "type")]
    pub kind: String,
    pub status: String,
    pub reason: Option<String>,
    pub message: Option<String>,
    pub last_transition_time: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Operand {
    pub ready: bool,
    pub reasons: Vec<String>,
}

impl ApiResource for Cluster {
    const COLLECTION: &'static str = "/api/v1/clusters";
    const PAGING: Paging = Paging::None;
    type ListAnswer = Vec<Cluster>;

    fn unwrap_list(answer: Vec<Cluster>) -> (Vec<Cluster>, Option<bool>) {
        (answer, Some(false))
    }

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
