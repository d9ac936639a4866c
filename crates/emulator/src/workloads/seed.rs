//! About sixty workloads across the first cluster's projects, submitted over the last
//! fifteen hours and run through the scheduler up to now, so that their phases, times and
//! events are what the simulation made of them: running, completed, failed, waiting for
//! quota or GPUs, and (a few) stopped by their owner. `--scale N` adds finished trainings up
//! to N workloads, for the list benchmarks.

use super::{Desired, Phase, Type, Workload, Workloads};
use crate::org::{str_of, Org};
use crate::time::{now_ms, now_secs};
use serde_json::{json, Value};

const SEEDED: usize = 60;
const TYPES: [Type; 12] = [
    Type::Workspace, Type::Training, Type::Workspace, Type::Inference, Type::Training, Type::Workspace,
    Type::Distributed, Type::Training, Type::Workspace, Type::Training, Type::Inference, Type::Workspace,
];
const GPUS: [f64; 10] = [1.0, 2.0, 0.5, 1.0, 4.0, 1.0, 2.0, 8.0, 0.0, 1.0];
const PEOPLE: [&str; 4] = ["alice@example.com", "bob@example.com", "carol@example.com", "demo-admin"];

pub fn seed(org: &Org, scale: usize, speed: f64) -> Workloads {
    let origin = now_secs();
    let mut all = Workloads { items: Vec::new(), time: 0, origin_ms: now_ms(), origin, speed, skew: 0, serial: 0, generation: 1 };
    let cluster = org.projects.first().map(|p| str_of(p, "clusterId").to_owned()).unwrap_or_default();
    let projects: Vec<&Value> = org.projects.iter().filter(|p| str_of(p, "clusterId") == cluster).take(12).collect();
    if projects.is_empty() {
        return all;
    }
    for i in 0..scale.max(SEEDED) {
        let project = projects[i % projects.len()];
        let kind = TYPES[i % TYPES.len()];
        let created = if i < SEEDED { origin - (SEEDED - i) as i64 * 900 } else { origin - 86_400 * 30 + i as i64 };
        let id = all.new_id(i as u64);
        let mut w = new(org, project, kind, id, format!("{}-{}-{i}", short(kind), str_of(project, "name")), created);
        w.submitted_by = PEOPLE[i % PEOPLE.len()].into();
        w.source = if i % 5 == 4 { "CLI" } else { "Control-plane" };
        w.gpus = GPUS[i % GPUS.len()];
        w.pods = if kind == Type::Distributed { 2 + (i % 3) as u32 } else { 1 };
        w.work_secs = matches!(kind, Type::Training | Type::Distributed).then_some(1_800 + (i as i64 * 977) % 9_000);
        w.fails = i % 17 == 5;
        if i >= SEEDED {
            // History only: finished long ago, never scheduled again.
            w.phase = Phase::Completed;
            w.completed_at = Some(created + 3_600);
            w.running_secs = 3_540;
        }
        all.items.push(w);
    }
    // A few were stopped by their owners a minute ago.
    all.advance(org, origin - 60);
    for i in (0..SEEDED.min(all.items.len())).filter(|i| i % 13 == 7) {
        all.request(i, Desired::Stopped, origin - 60);
    }
    all.advance(org, origin);
    all
}

fn short(kind: Type) -> &'static str {
    match kind {
        Type::Workspace => "jupyter",
        Type::Training => "train",
        Type::Distributed => "ddp",
        Type::Inference => "serve",
    }
}

/// A just-submitted workload of `kind` named `name` in `project` (a project JSON record).
pub fn new(org: &Org, project: &Value, kind: Type, id: String, name: String, at: i64) -> Workload {
    let department_id = str_of(project, "parentId").to_owned();
    let department = org.departments.iter().find(|d| str_of(d, "id") == department_id);
    let pools: Vec<String> = project["resources"].as_array().into_iter().flatten().filter_map(|r| r["nodePool"]["name"].as_str().map(str::to_owned)).collect();
    let image = match kind {
        Type::Workspace => "jupyter/scipy-notebook:2024-05-27",
        Type::Inference => "nvcr.io/nim/meta/llama3-8b-instruct:1.0.0",
        Type::Training | Type::Distributed => "nvcr.io/nvidia/pytorch:24.05-py3",
    };
    let mut w = Workload {
        id,
        name,
        kind,
        cluster_id: str_of(project, "clusterId").to_owned(),
        project_id: str_of(project, "id").to_owned(),
        project_name: str_of(project, "name").to_owned(),
        department_name: department.map(|d| str_of(d, "name").to_owned()).unwrap_or_default(),
        department_id,
        submitted_by: "demo-admin".into(),
        source: "Control-plane",
        created_at: at,
        image: image.into(),
        command: if kind == Type::Training { "python train.py".into() } else { String::new() },
        args: if kind == Type::Training { "--epochs 20".into() } else { String::new() },
        environment: vec![],
        gpus: 1.0,
        pods: 1,
        cpu: 4.0,
        memory: "16G".into(),
        node_pools: pools,
        preemptible: matches!(kind, Type::Training | Type::Distributed),
        serving_port: (kind == Type::Inference).then_some(8000),
        spec: json!({}),
        desired: Desired::Running,
        phase: Phase::Creating,
        phase_since: at,
        phase_message: "Creating its pods.".into(),
        phase_reason: None,
        pool: None,
        nodes: vec![],
        memory_per_gpu: 0.0,
        work_secs: None,
        fails: false,
        running_secs: 0,
        pending_secs: 0,
        completed_at: None,
        running_since: None,
        events: vec![],
        observed: at,
    };
    w.enter(Phase::Creating, at, "Creating its pods.", format!("c0ea7e00-0000-4000-8000-{:012x}", at.unsigned_abs() & 0xffff_ffff_ffff));
    w
}
