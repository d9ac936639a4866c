//! Node pools (`/api/v1/node-pools`): `{nodepools}` without `next`; paged with `/count`.

use super::list::Paging;
use super::resource::id_and_name;
use super::ApiResource;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct NodePool {
    pub id: String,
    pub name: String,
    pub cluster_id: String,
    pub cluster_name: Option<String>,
    pub label_key: Option<String>,
    pub label_value: Option<String>,
    pub is_default: bool,
    pub over_provisioning_ratio: Option<i64>,
    pub placement_strategy: Option<Placement>,
    pub gpu_network_acceleration_detection: Option<String>,
    pub gpu_network_acceleration_label_key: Option<String>,
    pub gpu_resource_optimization: Option<GpuOptimization>,
    pub network_topology_name: Option<String>,
    pub phase: Option<String>,
    pub phase_message: Option<String>,
    pub status: Option<NodePoolStatus>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub created_by: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct Placement {
    pub cpu: Option<String>,
    pub gpu: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct GpuOptimization {
    pub swap_enabled: Option<bool>,
    pub node_level_scheduler_enabled: Option<bool>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct NodePoolStatus {
    pub nodes: Vec<String>,
    pub gpu_network_acceleration_detected: Option<bool>,
}

#[derive(Deserialize)]
pub struct NodePoolList {
    nodepools: Vec<NodePool>,
}

impl ApiResource for NodePool {
    const COLLECTION: &'static str = "/api/v1/node-pools";
    const PAGING: Paging = Paging::Server;
    type ListAnswer = NodePoolList;

    fn unwrap_list(answer: NodePoolList) -> (Vec<NodePool>, Option<bool>) {
        (answer.nodepools, None)
    }
    id_and_name!();
}

/// `NodepoolCreateFields` and `NodepoolUpdateFields` (without name and cluster).
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct NodePoolWrite {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_id: Option<String>,
    pub label_key: String,
    pub label_value: String,
    pub over_provisioning_ratio: i64,
    pub placement_strategy: Placement,
    pub gpu_network_acceleration_detection: String,
    pub gpu_network_acceleration_label_key: Option<String>,
    pub gpu_resource_optimization: GpuOptimization,
}
