//! Nodes: read-only, across clusters and per cluster; details in the side pane.

use crate::api::authorization::ResourceType;
use crate::api::filter::Op;
use crate::api::nodes::Node;
use crate::components::cell::{Cell, Tone};
use crate::components::detail::{Section, SectionBody};
use crate::components::list::Column;
use crate::components::resource::Resource;
use crate::components::table::{ColumnHead, TableRow};

impl Resource for Node {
    const SLUG: &'static str = "nodes";
    const TITLE: &'static str = "Nodes";
    const NOUN: &'static str = "node";
    const PLURAL: &'static str = "nodes";
    const GROUP: &'static str = "Resources";
    const PERMISSION: Option<ResourceType> = Some(ResourceType::Nodes);
    const DETAIL: bool = false;
    const DELETABLE: bool = false;

    fn columns() -> Vec<Column<Node>> {
        columns()
    }
    fn sections(&self) -> Vec<Section> {
        sections(self)
    }
    fn created(&self) -> Option<&str> {
        self.created_at.as_deref()
    }
}

fn status(node: &Node) -> Cell {
    match node.status.as_deref() {
        Some("Ready") => Cell::Status { label: "Ready".into(), tone: Tone::Good },
        Some("NotReady") => Cell::Status { label: "Not ready".into(), tone: Tone::Bad },
        other => Cell::opt(other),
    }
}

fn columns() -> Vec<Column<Node>> {
    let column = Column::<Node>::new;
    vec![
        Column::name("Node").api("name", &Op::TEXT),
        column("status", "Status", status).api("status", &Op::TEXT),
        column("nodePool", "Node pool", |n| Cell::Text(n.node_pool.clone())).api("nodePool", &Op::TEXT),
        column("gpuType", "GPU type", |n| Cell::opt(n.gpu_info.as_ref().and_then(|g| g.gpu_type.as_deref()))).api("gpuType", &Op::TEXT),
        column("gpus", "GPUs", |n| n.gpu_info.as_ref().and_then(|g| g.gpu_count).map_or(Cell::Number(0.0), Cell::Number)),
        column("cluster", "Cluster", |n| Cell::Cluster(n.cluster_uuid.clone())).api("clusterUuid", &Op::TEXT).hidden(),
        Column::created().hidden(),
    ]
}

fn sections(n: &Node) -> Vec<Section> {
    let conditions = n
        .conditions
        .iter()
        .map(|c| TableRow {
            key: c.kind.clone(),
            name: c.kind.clone(),
            href: None,
            cells: vec![Cell::Text(c.kind.clone()), Cell::opt(c.reason.as_deref()), Cell::opt(c.message.as_deref())],
        })
        .collect();
    vec![
        Section {
            title: "Overview",
            body: SectionBody::Fields(vec![
                ("Status", status(n)),
                ("Node pool", Cell::Text(n.node_pool.clone())),
                ("GPU type", Cell::opt(n.gpu_info.as_ref().and_then(|g| g.gpu_type.as_deref()))),
                ("GPUs", n.gpu_info.as_ref().and_then(|g| g.gpu_count).map_or(Cell::Missing, Cell::Number)),
                ("Cluster", Cell::Cluster(n.cluster_uuid.clone())),
                ("Created", Cell::opt_time(n.created_at.as_deref())),
            ]),
        },
        Section {
            title: "Conditions",
            body: SectionBody::Table {
                heads: vec![ColumnHead::new("type", "Type"), ColumnHead::new("reason", "Reason"), ColumnHead::new("message", "Message")],
                rows: conditions,
                empty: "No conditions reported.",
            },
        },
        Section { title: "Workloads", body: SectionBody::Feed(super::workload_views::on_node(&n.name)) },
    ]
}
