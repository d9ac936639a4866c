//! Workloads: every type in one list, with their phase and why, where they run and what they
//! hold; stop, run and delete, one at a time or several.

use crate::api::authorization::{Action, ResourceType};
use crate::api::filter::Op;
use crate::api::workloads::{Change, Workload};
use crate::api::Api;
use crate::components::actions::{Outcome, RecordAction};
use crate::components::cell::{Cell, Tone};
use crate::components::detail::{Section, SectionBody};
use crate::components::list::Column;
use crate::components::resource::Resource;

impl Resource for Workload {
    const SLUG: &'static str = "workloads";
    const TITLE: &'static str = "Workloads";
    const NOUN: &'static str = "workload";
    const PLURAL: &'static str = "workloads";
    const GROUP: &'static str = "Workloads";
    const PERMISSION: Option<ResourceType> = Some(ResourceType::Workloads);
    const CLUSTER_FIELD: Option<&'static str> = Some("clusterId");
    // Deleted through the type's own API, as a declared action.
    const DELETABLE: bool = false;
    // Phases move by themselves (the scheduler admits, runs, finishes).
    const REFRESH_SECS: Option<u32> = Some(5);

    fn columns() -> Vec<Column<Workload>> {
        columns()
    }
    fn sections(&self) -> Vec<Section> {
        sections(self)
    }
    fn form() -> Option<crate::components::form::FormSpec<Workload>> {
        Some(super::workload_form::form())
    }
    fn actions() -> Vec<RecordAction<Workload>> {
        vec![
            RecordAction::new("Stop", Action::Update, |api, w| change(api, w, Change::Stop, "Stopping"))
                .when(|w| w.suspendable() && matches!(w.phase.as_str(), "Creating" | "Pending" | "Initializing" | "Running" | "Resuming"))
                .bulk(),
            RecordAction::new("Run", Action::Update, |api, w| change(api, w, Change::Run, "Resuming"))
                .when(|w| w.suspendable() && w.phase == "Stopped")
                .bulk(),
            // A new workload like this one: its form, filled in, under a new name.
            RecordAction::new("Copy", Action::Create, |_, w: &Workload| {
                let href = format!("/workloads/new?from={}", crate::api::query::encode_component(&w.id));
                Box::pin(async move { Ok(Outcome::Open(href)) })
            })
            .when(|w| crate::api::workloads::segment(&w.kind).is_some_and(|s| s != "distributed")),
            RecordAction::new("Delete", Action::Delete, |api, w| change(api, w, Change::Delete, "Deleting"))
                .when(Workload::deletable)
                .confirm("Its pods are removed and what they did not save to storage is lost.")
                .bulk(),
        ]
    }
    fn created(&self) -> Option<&str> {
        self.created_at.as_deref()
    }
}

fn change(api: Api, w: &Workload, change: Change, doing: &'static str) -> crate::api::Pending<Outcome> {
    let (kind, id, name) = (w.kind.clone(), w.id.clone(), w.name.clone());
    Box::pin(async move {
        api.change_workload(&kind, &id, change).await?;
        Ok(Outcome::Done(format!("{doing} {name}.")))
    })
}

/// The phase as a badge, with why it is so when the API says.
fn status(w: &Workload) -> Cell {
    let tone = match w.phase.as_str() {
        "Running" | "Completed" => Tone::Good,
        "Failed" | "Degraded" => Tone::Bad,
        "Pending" | "Creating" | "Initializing" | "Resuming" | "Stopping" | "Deleting" | "Updating" => Tone::Warn,
        _ => Tone::Neutral,
    };
    Cell::Status { label: w.phase.clone(), tone }
}

fn gpus(w: &Workload) -> Cell {
    Cell::Number(w.allocated.as_ref().and_then(|a| a.gpu).unwrap_or(0.0))
}

fn requested_gpus(w: &Workload) -> Option<f64> {
    let per_pod = w.requested.as_ref()?.gpu.as_ref()?.request?;
    Some(per_pod * w.requested_pods.as_ref().and_then(|p| p.number).unwrap_or(1) as f64)
}

fn pods(w: &Workload) -> Cell {
    let requested = w.requested_pods.as_ref().and_then(|p| p.number).unwrap_or(0);
    Cell::Text(format!("{} / {requested}", w.running_pods))
}

/// "3 h 20 min", "0 h 4 min".
fn took(secs: Option<i64>) -> Cell {
    secs.map_or(Cell::Missing, |s| Cell::Text(format!("{} h {} min", s / 3600, s % 3600 / 60)))
}

fn columns() -> Vec<Column<Workload>> {
    let column = Column::<Workload>::new;
    vec![
        Column::name("Workload").api("name", &Op::TEXT),
        column("type", "Type", |w| Cell::Text(w.kind.clone())).api("type", &Op::TEXT),
        column("status", "Status", status).api("phase", &Op::TEXT),
        // How long it has been so, and why (a waiting workload's reason), at a glance.
        column("since", "In status since", |w| Cell::opt_ago(w.phase_updated_at.as_deref())).dates("phaseUpdatedAt"),
        column("why", "Status reason", |w| Cell::opt(w.phase_message.as_deref().filter(|m| !m.is_empty()))),
        column("project", "Project", |w| Cell::Text(w.project_name.clone())).api("projectName", &Op::TEXT),
        column("department", "Department", |w| Cell::Text(w.department_name.clone())).api("departmentName", &Op::TEXT).hidden(),
        column("submittedBy", "Submitted by", |w| Cell::opt(w.submitted_by.as_deref())).api("submittedBy", &Op::TEXT),
        column("gpus", "Allocated GPUs", gpus).api("allocatedGPU", &Op::ORDERED),
        column("pods", "Running / requested pods", pods),
        column("nodePool", "Node pool", |w| Cell::opt(w.node_pools.first().map(String::as_str))).api("nodepool", &Op::TEXT),
        Column::created().dates("createdAt"),
        column("completed", "Completed", |w| Cell::opt_time(w.completed_at.as_deref())).dates("completedAt").hidden(),
        column("running", "Running time", |w| took(w.running_secs)).sort("totalRunningTimeSeconds").hidden(),
        column("pending", "Pending time", |w| took(w.pending_secs)).sort("totalPendingTimeSeconds").hidden(),
        column("category", "Category", |w| Cell::opt(w.category.as_deref())).api("category", &Op::TEXT).hidden(),
        column("priority", "Priority class", |w| Cell::opt(w.priority_class.as_deref())).api("priorityClassName", &Op::TEXT).hidden(),
    ]
}

fn sections(w: &Workload) -> Vec<Section> {
    let why = w.phase_message.as_deref().filter(|m| !m.is_empty());
    let overview = vec![
        ("Status", status(w)),
        ("Why", Cell::opt(why)),
        ("Reason", Cell::opt(w.phase_reason.as_deref())),
        ("Type", Cell::Text(w.kind.clone())),
        ("Project", Cell::Text(w.project_name.clone())),
        ("Department", Cell::Text(w.department_name.clone())),
        ("Submitted by", Cell::opt(w.submitted_by.as_deref())),
        ("Created", Cell::opt_time(w.created_at.as_deref())),
        ("Status since", Cell::opt_time(w.phase_updated_at.as_deref())),
        ("Completed", Cell::opt_time(w.completed_at.as_deref())),
        ("Running time", took(w.running_secs)),
        ("Pending time", took(w.pending_secs)),
    ];
    let resources = vec![
        ("Requested GPUs", requested_gpus(w).map_or(Cell::Missing, Cell::Number)),
        ("Allocated GPUs", gpus(w)),
        ("Running / requested pods", pods(w)),
        ("Node pool", Cell::opt(w.node_pools.first().map(String::as_str))),
        ("Preemptible", Cell::Text(if w.preemptible == Some(true) { "Yes" } else { "No" }.into())),
        ("Priority class", Cell::opt(w.priority_class.as_deref())),
    ];
    let mut runs = vec![
        ("Image", Cell::opt(w.images.first().map(String::as_str))),
        ("Command", Cell::opt(w.command.as_deref())),
        ("Arguments", Cell::opt(w.arguments.as_deref())),
    ];
    // Tools it serves (Jupyter, an inference endpoint), opened in a new tab.
    runs.extend(w.connections.iter().filter_map(|c| Some(("Connect", Cell::External(c.url.clone()?)))));
    runs.extend(w.urls.iter().map(|u| ("Endpoint", Cell::External(u.clone()))));
    vec![
        Section { title: "Overview", body: SectionBody::Fields(overview) },
        Section { title: "Resources", body: SectionBody::Fields(resources) },
        Section { title: "Container", body: SectionBody::Fields(runs) },
        Section { title: "Events", body: SectionBody::Feed(super::workload_views::events(&w.id)) },
        Section { title: "Pods", body: SectionBody::Feed(super::workload_views::pods(&w.id)) },
        Section { title: "Metrics", body: SectionBody::Related { id: w.id.clone(), render: super::workload_views::metrics_of } },
    ]
}
