//! Clusters: list and detail, declared as columns and sections.

use super::ResourceEntry;
use crate::api::clusters::Cluster;
use crate::components::cell::{Cell, Tone};
use crate::components::detail::{ResourceDetail, Section, SectionBody};
use crate::components::list::{Column, ResourceList};
use crate::components::table::{ColumnHead, TableRow};
use leptos::prelude::*;

pub const ENTRY: ResourceEntry = ResourceEntry {
    slug: "clusters",
    title: "Clusters",
    group: "Resources",
    permission: "cluster",
    list: || view! { <ResourceList<Cluster> title="Clusters" noun="clusters" columns=columns() href=href/> }.into_any(),
    detail: |id| {
        view! { <ResourceDetail<Cluster> id noun="cluster" list_href="/clusters" list_title="Clusters" sections/> }.into_any()
    },
};

fn href(cluster: &Cluster) -> String {
    format!("/clusters/{}", cluster.uuid)
}

pub fn columns() -> Vec<Column<Cluster>> {
    vec![
        Column { key: "name", title: "Cluster", cell: |c| Cell::Text(c.name.clone()) },
        Column { key: "status", title: "Status", cell: status },
        Column { key: "version", title: "Run:ai version", cell: |c| Cell::opt(c.version.as_deref()) },
        Column { key: "distribution", title: "Kubernetes", cell: distribution },
        Column { key: "domain", title: "URL", cell: |c| Cell::url(c.domain.as_deref()) },
        Column { key: "created", title: "Created", cell: |c| Cell::opt_time(c.created_at.as_deref()) },
        Column { key: "lastSeen", title: "Last connected", cell: |c| Cell::opt_ago(c.last_liveness.as_deref()) },
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
    let condition_rows = status
        .conditions
        .iter()
        .map(|cond| TableRow {
            key: cond.kind.clone(),
            href: None,
            cells: vec![
                Cell::Text(cond.kind.clone()),
                Cell::Text(cond.status.clone()),
                Cell::opt(cond.reason.as_deref()),
                Cell::opt(cond.message.as_deref()),
                Cell::opt_time(cond.last_transition_time.as_deref()),
            ],
        })
        .collect();
    let operand_rows = status
        .operands
        .iter()
        .map(|(name, operand)| TableRow {
            key: name.clone(),
            href: None,
            cells: vec![
                Cell::Text(name.clone()),
                match operand.ready {
                    true => Cell::Status { label: "Ready".into(), tone: Tone::Good },
                    false => Cell::Status { label: "Not ready".into(), tone: Tone::Bad },
                },
                Cell::opt(Some(&operand.reasons.join("; "))),
            ],
        })
        .collect();
    let heads = |titles: &[(&'static str, &'static str)]| titles.iter().map(|(key, title)| ColumnHead { key, title }).collect();
    vec![
        overview,
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
