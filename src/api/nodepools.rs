//! Node pools (`/api/v1/node-pools`): `{nodepools}` without `next`; paged with `/count`.

use super::json::{json_record, json_write};
use super::list::Paging;
use super::resource::id_and_name;
use super::telemetry::{Measured, Usage};
use super::ApiResource;

#[derive(Clone, Debug, Default, PartialEq)]
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
    pub usage: Option<Measured>,
}
json_record!(NodePool { id: "id", name: "name", cluster_id: "clusterId", cluster_name: "clusterName", label_key: "labelKey", label_value: "labelValue", is_default: "isDefault", over_provisioning_ratio: "overProvisioningRatio", placement_strategy: "placementStrategy", gpu_network_acceleration_detection: "gpuNetworkAccelerationDetection", gpu_network_acceleration_label_key: "gpuNetworkAccelerationLabelKey", gpu_resource_optimization: "gpuResourceOptimization", network_topology_name: "networkTopologyName", phase: "phase", phase_message: "phaseMessage", status: "status", created_at: "createdAt", updated_at: "updatedAt", created_by: "createdBy", usage: "usage" });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Placement {
    pub cpu: Option<String>,
    pub gpu: Option<String>,
}
json_write!(Placement { cpu: "cpu", gpu: "gpu" });
json_record!(Placement { cpu: "cpu", gpu: "gpu" });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct GpuOptimization {
    pub swap_enabled: Option<bool>,
    pub node_level_scheduler_enabled: Option<bool>,
}
json_write!(GpuOptimization { swap_enabled: "swapEnabled", node_level_scheduler_enabled: "nodeLevelSchedulerEnabled" });
json_record!(GpuOptimization { swap_enabled: "swapEnabled", node_level_scheduler_enabled: "nodeLevelSchedulerEnabled" });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodePoolStatus {
    pub nodes: Vec<String>,
    pub gpu_network_acceleration_detected: Option<bool>,
}
json_record!(NodePoolStatus { nodes: "nodes", gpu_network_acceleration_detected: "gpuNetworkAccelerationDetected" });

impl ApiResource for NodePool {
    const COLLECTION: &'static str = "/api/v1/node-pools";
    const PAGING: Paging = Paging::Server;
    const ITEMS: Option<&'static str> = Some("nodepools");
    const USAGE: Option<&'static Usage> = Some(&Usage {
        by: "ClusterId,Nodepool",
        keys: &["clusterId", "name"],
        types: &["TOTAL_GPUS", "ALLOCATED_GPUS", "FREE_GPUS"],
        narrow: &[("clusterId", "clusterId")],
    });
    id_and_name!();
}

/// `NodepoolCreateFields` and `NodepoolUpdateFields` (without name and cluster).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodePoolWrite {
    pub name: Option<String>,
    pub cluster_id: Option<String>,
    pub label_key: String,
    pub label_value: String,
    pub over_provisioning_ratio: i64,
    pub placement_strategy: Placement,
    pub gpu_network_acceleration_detection: String,
    pub gpu_network_acceleration_label_key: Option<String>,
    pub gpu_resource_optimization: GpuOptimization,
}
json_write!(NodePoolWrite { name: "name", cluster_id: "clusterId", label_key: "labelKey", label_value: "labelValue", over_provisioning_ratio: "overProvisioningRatio", placement_strategy: "placementStrategy", gpu_network_acceleration_detection: "gpuNetworkAccelerationDetection", gpu_network_acceleration_label_key: "gpuNetworkAccelerationLabelKey", gpu_resource_optimization: "gpuResourceOptimization" });
