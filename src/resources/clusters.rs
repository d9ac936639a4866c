//! Clusters: a list (the API hands over all of them; paged and sorted here) and a detail page
//! with the cluster's node pools and nodes.

use crate::api::authorization::ResourceType;
use crate::api::clusters::Cluster;
use crate::api::nodepools::NodePool;
use crate::api::nodes::Node;
use crate::components::cell::{Cell, Tone};
use crate::components::detail::{Section, SectionBody};
use crate::components::list::Column;
use crate::components::resource::{related, Resource};
use crate::components::table::{ColumnHead, TableRow};
use leptos::prelude::*;

impl Resource for Cluster {
    const SLUG: &'static str = "clusters";
    const TITLE: &'static str = "Clusters";
    const NOUN: &'static str = "cluster";
    const PLURAL: &'static str = "clusters";
    const GROUP: &'static str = "Resources";
    const PERMISSION: Option<ResourceType> = Some(ResourceType::Cluster);
    // Clusters are installed and removed with the cluster's own tooling.
    const DELETABLE: bool = false;

    fn columns() -> Vec<Column<Cluster>> {
        columns()
    }
    fn sections(&self) -> Vec<Section> {
        sections(self)
    }
    fn created(&self) -> Option<&str> {
        self.created_at.as_deref()
    }
}

fn columns() -> Vec<Column<Cluster>> {
    let column = Column::<Cluster>::new;
    vec![
        Column::name("Cluster"),
        column("status", "Status", status),
        column("version", "Run:ai version", |c| Cell::opt(c.version.as_deref())),
        column("distribution", "Kubernetes", distribution),
        column("domain", "URL", |c| Cell::url(c.domain.as_deref())),
        column("uuid", "UUID", |c| Cell::Text(c.uuid.clone())).hidden(),
        Column::created(),
        column("lastSeen", "Last connected", |c| Cell::opt_ago(c.last_liveness.as_deref())),
    ]
}

/// The state as the Run:ai UI words it; an unknown state is shown as sent.
pub fn status(cluster: &Cluster) -> Cell {
    if cluster.delete_requested_at.is_some() {
        return Cell::Status { label: "Deleting".into(), tone: Tone::Warn };
    }
    let (label, tone) = match cluster.state() {
        None => return Cell::Missing,
        Some("Connected") => ("Connected", Tone::Good),
        Some("WaitingToConnect") => ("Waiting to connect", Tone::Neutral),
        Some("Disconnected") => ("Disconnected", Tone::Bad),
        Some("MissingPrerequisites") => ("Missing prerequisites", Tone::Bad),
        Some("ServiceIssues") => ("Service issues", Tone::Warn),
        Some("Unknown") => ("Unknown", Tone::Neutral),
        Some(other) => return Cell::Status { label: other.to_owned(), tone: Tone::Neutral },
    };
    Cell::Status { label: label.into(), tone }
}

fn distribution(cluster: &Cluster) -> Cell {
    let Some(platform) = cluster.platform() else { return Cell::Missing };
    let kind = match platform.kind.as_deref() {
        Some("vanilla") => "Kubernetes",
        Some("openshift") => "OpenShift",
        Some("rke") => "RKE",
        Some("gke") => "GKE",
        Some("aks") => "AKS",
        Some("eks") => "EKS",
        Some(other) => other,
        None => "",
    };
    let text = [kind, platform.kube_version.as_deref().unwrap_or("")].join(" ");
    Cell::opt(Some(text.trim()))
}

fn sections(c: &Cluster) -> Vec<Section> {
    let status = c.status.clone().unwrap_or_default();
    let overview = Section {
        title: "Overview",
        body: SectionBody::Fields(vec![
            ("Status", self::status(c)),
            ("Run:ai version", Cell::opt(c.version.as_deref())),
            ("Kubernetes", distribution(c)),
            ("URL", Cell::url(c.domain.as_deref())),
            ("UUID", Cell::Text(c.uuid.clone())),
            ("Created", Cell::opt_time(c.created_at.as_deref())),
            ("Last connected", Cell::opt_ago(c.last_liveness.as_deref())),
        ]),
    };
    let row = |key: &str, cells: Vec<Cell>| TableRow { key: key.to_owned(), name: key.to_owned(), href: None, cells };
    let condition_rows = status
        .conditions
        .iter()
        .map(|cond| {
            let cells = vec![
                Cell::Text(cond.kind.clone()),
                Cell::Text(cond.status.clone()),
                Cell::opt(cond.reason.as_deref()),
                Cell::opt(cond.message.as_deref()),
                Cell::opt_time(cond.last_transition_time.as_deref()),
            ];
            row(&cond.kind, cells)
        })
        .collect();
    let operand_rows = status
        .operands
        .iter()
        .map(|(name, operand)| {
            let ready = match operand.ready {
                true => Cell::Status { label: "Ready".into(), tone: Tone::Good },
                false => Cell::Status { label: "Not ready".into(), tone: Tone::Bad },
            };
            row(name, vec![Cell::Text(name.clone()), ready, Cell::opt(Some(&operand.reasons.join("; ")))])
        })
        .collect();
    let heads = |titles: &[(&'static str, &'static str)]| titles.iter().map(|(key, title)| ColumnHead::new(key, title)).collect();
    vec![
        overview,
        Section { title: "Node pools", body: SectionBody::Related { id: c.uuid.clone(), render: pools_of } },
        Section { title: "Nodes", body: SectionBody::Related { id: c.uuid.clone(), render: nodes_of } },
        Section {
            title: "Conditions",
            body: SectionBody::Table {
                heads: heads(&[("type", "Type"), ("status", "Status"), ("reason", "Reason"), ("message", "Message"), ("since", "Since")]),
                rows: condition_rows,
                empty: "The cluster reports no conditions.",
            },
        },
        Section {
            title: "Services",
            body: SectionBody::Table {
                heads: heads(&[("name", "Service"), ("ready", "Ready"), ("reasons", "Reasons")]),
                rows: operand_rows,
                empty: "The cluster reports no services.",
            },
        },
    ]
}

fn pools_of(uuid: String) -> AnyView {
    related::<NodePool>("clusterId", uuid)
}

fn nodes_of(uuid: String) -> AnyView {
    related::<Node>("clusterUuid", uuid)
}
