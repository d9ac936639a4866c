//! Nodes (`/api/v1/nodes`): read-only, `{nodes}` without `next`; paged with `/count`.

use super::json::json_record;
use super::list::Paging;
use super::resource::id_and_name;
use super::telemetry::{Measured, Usage};
use super::ApiResource;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Node {
    pub id: String,
    pub name: String,
    pub cluster_uuid: String,
    pub node_pool: String,
    pub status: Option<String>,
    pub gpu_info: Option<GpuInfo>,
    pub conditions: Vec<NodeCondition>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub usage: Option<Measured>,
}
json_record!(Node { id: "id", name: "name", cluster_uuid: "clusterUuid", node_pool: "nodePool", status: "status", gpu_info: "gpuInfo", conditions: "conditions", created_at: "createdAt", updated_at: "updatedAt", usage: "usage" });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct GpuInfo {
    pub gpu_type: Option<String>,
    pub gpu_count: Option<f64>,
}
json_record!(GpuInfo { gpu_type: "gpuType", gpu_count: "gpuCount" });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeCondition {
    pub kind: String,
    pub reason: Option<String>,
    pub message: Option<String>,
}
json_record!(NodeCondition { kind: "type", reason: "reason", message: "message" });

impl ApiResource for Node {
    const COLLECTION: &'static str = "/api/v1/nodes";
    const PAGING: Paging = Paging::Server;
    const SEARCHABLE: bool = true;
    const ITEMS: Option<&'static str> = Some("nodes");
    const USAGE: Option<&'static Usage> = Some(&Usage {
        by: "Node",
        keys: &["id"],
        types: &["ALLOCATED_GPUS", "FREE_GPUS"],
        narrow: &[("clusterUuid", "clusterId"), ("nodePool", "nodepoolName")],
    });
    id_and_name!();
}
