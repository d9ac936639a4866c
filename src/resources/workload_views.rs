//! A workload's events, pods and metrics, as the sections of its page declare them.

use crate::api::query::encode_component;
use crate::api::workloads;
use crate::api::{Api, Pending};
use crate::components::cell::Cell;
use crate::components::chart::Series;
use crate::components::feed::Feed;
use crate::components::metrics::{iso, lines_of, of_type, ChartSpec, MetricsPanel, SAMPLES};
use crate::components::table::ColumnHead;
use leptos::prelude::*;
use serde_json::Value;

fn text(v: &Value, key: &str) -> Cell {
    Cell::opt(v[key].as_str())
}

pub fn events(id: &str) -> Feed {
    Feed {
        path: workloads::events_path(id),
        query: Vec::new(),
        key: "events",
        heads: vec![ColumnHead::new("time", "Time"), ColumnHead::new("type", "Type"), ColumnHead::new("reason", "Reason"), ColumnHead::new("message", "Message"), ColumnHead::new("source", "Source")],
        row: |e| vec![Cell::opt_time(e["createdAt"].as_str()), text(e, "type"), text(e, "reason"), text(e, "message"), text(e, "source")],
        empty: "No events yet.",
    }
}

pub fn pods(id: &str) -> Feed {
    Feed {
        path: workloads::pods_path(id),
        query: Vec::new(),
        key: "pods",
        heads: vec![ColumnHead::new("name", "Pod"), ColumnHead::new("status", "Status"), ColumnHead::new("node", "Node"), ColumnHead::new("pool", "Node pool"), ColumnHead::new("gpus", "Allocated GPUs"), ColumnHead::new("image", "Image"), ColumnHead::new("created", "Created")],
        row: |p| {
            vec![
                text(p, "name"),
                text(p, "k8sPhase"),
                text(p, "nodeName"),
                text(p, "currentNodePool"),
                Cell::Number(p["allocatedResources"]["gpu"].as_f64().unwrap_or(0.0)),
                Cell::opt(p["containers"][0]["image"].as_str()),
                Cell::opt_time(p["createdAt"].as_str()),
            ]
        },
        empty: "No pods: the workload has none scheduled.",
    }
}

/// The pods on node `name`, each with its workload (linked) and project: what runs there.
pub fn on_node(name: &str) -> Feed {
    Feed {
        path: workloads::ALL_PODS.into(),
        query: vec![("filterBy", format!("nodeName=={name}")), ("verbosity", "full".into())],
        key: "pods",
        heads: vec![ColumnHead::new("workload", "Workload"), ColumnHead::new("project", "Project"), ColumnHead::new("pod", "Pod"), ColumnHead::new("status", "Status"), ColumnHead::new("gpus", "Allocated GPUs")],
        row: |p| {
            let workload = match (p["workloadName"].as_str(), p["workloadId"].as_str()) {
                (Some(name), Some(id)) => Cell::Link { text: name.to_owned(), href: format!("/workloads/{}", encode_component(id)) },
                (name, _) => Cell::opt(name),
            };
            let gpus = Cell::Number(p["allocatedResources"]["gpu"].as_f64().unwrap_or(0.0));
            vec![workload, text(p, "projectName"), text(p, "name"), text(p, "k8sPhase"), gpus]
        },
        empty: "No workloads run on this node.",
    }
}

const GIB: f64 = 1024.0 * 1024.0 * 1024.0;

/// The workload's metrics and its pods' per-GPU ones over `[start, end]`.
fn load(api: Api, id: String, start: i64, end: i64) -> Pending<Value> {
    Box::pin(async move {
        let window = [("start", iso(start)), ("end", iso(end)), ("numberOfSamples", SAMPLES.to_owned())];
        api.workload_metrics(&id, &window).await
    })
}

fn measurements(answer: &Value) -> &[Value] {
    answer["measurements"].as_array().map(Vec::as_slice).unwrap_or_default()
}

/// The workload's average over all its GPUs, then a line per GPU of each charted pod ("GPU 0",
/// or "pod-1 GPU 0" when there are several), on the average's times.
fn gpu_utilization(answer: &Value) -> Series {
    let pods = answer["pods"].as_array().map(Vec::as_slice).unwrap_or_default();
    let per_gpu = pods.iter().flat_map(|pod| {
        let prefix = if pods.len() > 1 { format!("{} ", pod["name"].as_str().unwrap_or_default()) } else { String::new() };
        measurements(pod).iter().map(move |m| (format!("{prefix}GPU {}", m["labels"]["gpu"].as_str().unwrap_or("0")), m))
    });
    lines_of(of_type(answer, &[("GPU_UTILIZATION", "Average")]).chain(per_gpu), 1.0)
}

fn charts() -> Vec<ChartSpec> {
    vec![
        ChartSpec { title: "GPU utilization", unit: "%", lines: gpu_utilization },
        ChartSpec {
            title: "GPU memory",
            unit: "GiB",
            lines: |a| lines_of(of_type(a, &[("GPU_MEMORY_USAGE_BYTES", "Used"), ("GPU_MEMORY_REQUEST_BYTES", "Requested")]), GIB),
        },
        ChartSpec {
            title: "CPU",
            unit: "cores",
            lines: |a| lines_of(of_type(a, &[("CPU_USAGE_CORES", "Used"), ("CPU_REQUEST_CORES", "Requested"), ("CPU_LIMIT_CORES", "Limit")]), 1.0),
        },
        ChartSpec {
            title: "CPU memory",
            unit: "GiB",
            lines: |a| lines_of(of_type(a, &[("CPU_MEMORY_USAGE_BYTES", "Used"), ("CPU_MEMORY_REQUEST_BYTES", "Requested")]), GIB),
        },
    ]
}

/// The Metrics section of workload `id`.
pub fn metrics_of(id: String) -> AnyView {
    let fetch = std::rc::Rc::new(move |api, start, end| load(api, id.clone(), start, end));
    view! { <MetricsPanel fetch charts=charts()/> }.into_any()
}
