//! Nodes (`/api/v1/nodes`): read-only, `{nodes}` without `next`; paged with `/count`.

use super::list::Paging;
use super::resource::id_and_name;
use super::ApiResource;
use serde::Deserialize;

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
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
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct GpuInfo {
    pub gpu_type: Option<String>,
    pub gpu_count: Option<f64>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct NodeCondition {
    #[serde(rename = "type")]
    pub kind: String,
    pub reason: Option<String>,
    pub message: Option<String>,
}

#[derive(Deserialize)]
pub struct NodeList {
    nodes: Vec<Node>,
}

impl ApiResource for Node {
    const COLLECTION: &'static str = "/api/v1/nodes";
    const PAGING: Paging = Paging::Server;
    const SEARCHABLE: bool = true;
    type ListAnswer = NodeList;

    fn unwrap_list(answer: NodeList) -> (Vec<Node>, Option<bool>) {
        (answer.nodes, None)
    }
    id_and_name!();
}
