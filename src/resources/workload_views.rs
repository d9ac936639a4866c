//! A workload's events and pods, as the sections of its page declare them.

use crate::api::query::encode_component;
use crate::components::cell::Cell;
use crate::components::feed::Feed;
use crate::components::table::ColumnHead;
use serde_json::Value;

fn base(id: &str) -> String {
    format!("/api/v1/workloads/{}", encode_component(id))
}

fn text(v: &Value, key: &str) -> Cell {
    Cell::opt(v[key].as_str())
}

pub fn events(id: &str) -> Feed {
    Feed {
        path: format!("{}/events", base(id)),
        key: "events",
        heads: vec![ColumnHead::new("time", "Time"), ColumnHead::new("type", "Type"), ColumnHead::new("reason", "Reason"), ColumnHead::new("message", "Message"), ColumnHead::new("source", "Source")],
        row: |e| vec![Cell::opt_time(e["createdAt"].as_str()), text(e, "type"), text(e, "reason"), text(e, "message"), text(e, "source")],
        empty: "No events yet.",
    }
}

pub fn pods(id: &str) -> Feed {
    Feed {
        path: format!("{}/pods", base(id)),
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
