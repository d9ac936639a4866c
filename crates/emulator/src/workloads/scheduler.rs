//! The scheduler, as a discrete-event simulation on the simulated clock: every phase that
//! lasts a while has an end time; `advance` runs the events up to now in time order and,
//! after each, admits what waits (oldest first) where it fits. Deterministic: the same
//! submissions at the same simulated times give the same history.
//!
//! Creating → Pending → (admitted) Initializing → Running → Completed (trainings, after
//! their work) or Failed (a bad image); stop → Stopping → Stopped; run → Resuming →
//! Pending; delete → Deleting → gone. A pod needs a Ready node of an allowed pool with its
//! GPUs free; a non-preemptible workload must also fit its project's quota in that pool,
//! while a preemptible one may use what is free beyond it.

use super::{Desired, Event, Phase, Workload, Workloads};
use crate::org::{str_of, Org};
use serde_json::Value;
use std::collections::HashMap;

/// What is held now, counted once per admission pass (not per waiting workload and node).
#[derive(Default)]
struct Usage {
    /// GPUs in use per node name.
    by_node: HashMap<String, f64>,
    /// Non-preemptible GPUs per (project id, pool name), which quota bounds.
    in_quota: HashMap<(String, String), f64>,
}

impl Usage {
    fn hold(&mut self, w: &Workload) {
        for node in &w.nodes {
            *self.by_node.entry(node.clone()).or_insert(0.0) += w.gpus;
        }
        if !w.preemptible {
            *self.in_quota.entry((w.project_id.clone(), w.pool.clone().unwrap_or_default())).or_insert(0.0) += w.gpu_demand();
        }
    }
}

const CREATING: i64 = 2;
const INITIALIZING: i64 = 4;
const STOPPING: i64 = 2;
const RESUMING: i64 = 1;
const DELETING: i64 = 2;

/// When a workload's current phase ends by itself, if it does.
fn ends_at(w: &Workload) -> Option<i64> {
    let after = |secs| Some(w.phase_since + secs);
    match w.phase {
        Phase::Creating => after(CREATING),
        Phase::Initializing => after(INITIALIZING),
        Phase::Stopping => after(STOPPING),
        Phase::Resuming => after(RESUMING),
        Phase::Deleting => after(DELETING),
        Phase::Running => w.work_secs.map(|work| w.phase_since + (work - w.running_secs).max(0)),
        _ => None,
    }
}

impl Workloads {
    /// Runs the simulation up to simulated time `until`.
    pub fn advance(&mut self, org: &Org, until: i64) {
        while let Some(t) = self.items.iter().filter_map(ends_at).min().filter(|t| *t <= until) {
            self.time = t;
            self.generation += 1;
            for i in 0..self.items.len() {
                if ends_at(&self.items[i]) == Some(t) {
                    self.finish_phase(i, t);
                }
            }
            self.items.retain(|w| !(w.phase == Phase::Deleting && w.desired == Desired::Deleted && w.phase_since + DELETING <= t));
            self.admit(org, t);
        }
        self.time = self.time.max(until);
    }

    fn finish_phase(&mut self, i: usize, t: i64) {
        let w = &mut self.items[i];
        let next = match w.phase {
            Phase::Creating | Phase::Resuming => (Phase::Pending, "Waiting for the scheduler."),
            Phase::Initializing if w.fails => (Phase::Failed, "Back-off pulling image: the image was not found."),
            Phase::Initializing => (Phase::Running, "All pods are running."),
            Phase::Running => (Phase::Completed, "All pods completed successfully."),
            Phase::Stopping => (Phase::Stopped, "Stopped by the operator."),
            Phase::Deleting => return,
            _ => return,
        };
        if next.0 == Phase::Failed {
            w.event(t, "Warning", "Failed", "Failed to pull image: manifest unknown", 0);
        }
        if next.0 == Phase::Running {
            w.event(t, "Normal", "Started", "Started container main", 0);
        }
        let id = self.new_id(3);
        let w = &mut self.items[i];
        w.enter(next.0, t, next.1, id);
        if next.0 == Phase::Pending {
            w.phase_reason = None;
        }
    }

    /// Admits waiting workloads, oldest first, where their pods fit.
    fn admit(&mut self, org: &Org, t: i64) {
        let mut waiting: Vec<usize> = (0..self.items.len()).filter(|i| self.items[*i].phase == Phase::Pending).collect();
        if waiting.is_empty() {
            return;
        }
        waiting.sort_by_key(|i| (self.items[*i].created_at, self.items[*i].id.clone()));
        let mut usage = Usage::default();
        self.items.iter().filter(|w| w.phase.holds_gpus()).for_each(|w| usage.hold(w));
        for i in waiting {
            let outcome = placement(org, &usage, &self.items[i]);
            let id = self.new_id(4);
            let w = &mut self.items[i];
            match outcome {
                Ok((pool, nodes)) => {
                    w.event(t, "Normal", "Scheduled", &format!("Successfully assigned {} to {}", w.name, nodes.join(", ")), 1);
                    let gpu_type = org.nodes.iter().find(|n| nodes.first().is_some_and(|first| str_of(n, "name") == first));
                    w.memory_per_gpu = crate::org::capacity(gpu_type.and_then(|n| n["gpuInfo"]["gpuType"].as_str()).unwrap_or_default()).memory_per_gpu;
                    w.pool = Some(pool);
                    w.nodes = nodes;
                    w.enter(Phase::Initializing, t, "Pulling images and starting containers.", id);
                    usage.hold(w);
                }
                Err((reason, message)) if w.phase_message != message => {
                    w.phase_reason = reason;
                    w.event(t, "Warning", "Unschedulable", &message, 2);
                    w.phase_message = message;
                }
                Err(_) => {}
            }
        }
    }

    /// Stop, run or delete, as the operator asks; `false` when the phase does not allow it.
    pub fn request(&mut self, i: usize, desired: Desired, t: i64) -> bool {
        let id = self.new_id(5);
        let w = &mut self.items[i];
        let next = match (desired, w.phase) {
            (_, Phase::Deleting) => return false,
            (Desired::Deleted, _) => (Phase::Deleting, "Deleting its pods."),
            (Desired::Stopped, Phase::Creating | Phase::Pending | Phase::Initializing | Phase::Running | Phase::Resuming) => {
                (Phase::Stopping, "Stopping its pods.")
            }
            (Desired::Running, Phase::Stopped) => (Phase::Resuming, "Resuming."),
            _ => return false,
        };
        w.desired = desired;
        w.enter(next.0, t, next.1, id);
        self.generation += 1;
        true
    }
}

impl Workload {
    /// Enters `phase` at `t`, keeping the time spent pending and running, and records it.
    pub fn enter(&mut self, phase: Phase, t: i64, message: &str, event_id: String) {
        match self.phase {
            Phase::Pending => self.pending_secs += t - self.phase_since,
            Phase::Running => self.running_secs += t - self.phase_since,
            _ => {}
        }
        if !phase.holds_gpus() {
            self.pool = None;
            self.nodes.clear();
        }
        self.running_since = (phase == Phase::Running).then_some(t);
        if phase == Phase::Completed {
            self.completed_at = Some(t);
        }
        self.phase = phase;
        self.phase_since = t;
        self.phase_message = message.to_owned();
        self.events.push(Event { at: t, id: event_id, kind: "Normal", reason: phase.name().into(), message: message.into(), phase: Some(phase) });
    }

    /// A Kubernetes event about it (not a phase change).
    pub fn event(&mut self, at: i64, kind: &'static str, reason: &str, message: &str, salt: u64) {
        let id = format!("e7e{:05x}-0000-4000-8000-{:012x}", (self.events.len() as u64) << 4 | salt, at.unsigned_abs() & 0xffff_ffff_ffff);
        self.events.push(Event { at, id, kind, reason: reason.into(), message: message.into(), phase: None });
    }
}

/// The pool and a node per pod where `w` fits now, or why it does not.
fn placement(org: &Org, usage: &Usage, w: &Workload) -> Result<(String, Vec<String>), (Option<&'static str>, String)> {
    let pools: Vec<String> = match w.node_pools.is_empty() {
        false => w.node_pools.clone(),
        true => org.nodepools.iter().filter(|p| str_of(p, "clusterId") == w.cluster_id).map(|p| str_of(p, "name").to_owned()).collect(),
    };
    let mut over_quota = None;
    for pool in &pools {
        if !w.preemptible {
            let quota = project_quota(org, &w.project_id, pool);
            let held = usage.in_quota.get(&(w.project_id.clone(), pool.clone())).copied().unwrap_or(0.0);
            if held + w.gpu_demand() > quota + 1e-9 {
                over_quota = Some(format!("The project's GPU quota in node pool {pool} ({quota}) is in use; a non-preemptible workload cannot go over it."));
                continue;
            }
        }
        if let Some(nodes) = fit(org, usage, w, pool) {
            return Ok((pool.clone(), nodes));
        }
    }
    match over_quota {
        Some(message) => Err((Some("NonPreemptibleOverQuota"), message)),
        None => Err((None, format!("Not enough free GPUs: no node in {} has {} free for each of {} pods.", pools.join(", "), w.gpus, w.pods))),
    }
}

/// A Ready node of `pool` for each pod, with the pod's GPUs free, filling the fullest first.
fn fit(org: &Org, usage: &Usage, w: &Workload, pool: &str) -> Option<Vec<String>> {
    let mut free: Vec<(String, f64)> = org
        .nodes
        .iter()
        .filter(|n| str_of(n, "clusterUuid") == w.cluster_id && str_of(n, "nodePool") == pool && str_of(n, "status") == "Ready")
        .map(|n| {
            let name = str_of(n, "name").to_owned();
            let total = n.pointer("/gpuInfo/gpuCount").and_then(Value::as_f64).unwrap_or(0.0);
            let used = usage.by_node.get(&name).copied().unwrap_or(0.0);
            (name, total - used)
        })
        .collect();
    let mut chosen = Vec::new();
    for _ in 0..w.pods {
        free.sort_by(|a, b| a.1.partial_cmp(&b.1).unwrap().then_with(|| a.0.cmp(&b.0)));
        let slot = free.iter_mut().find(|(_, f)| *f + 1e-9 >= w.gpus)?;
        slot.1 -= w.gpus;
        chosen.push(slot.0.clone());
    }
    Some(chosen)
}

/// A project's GPU quota (`deserved`) in the node pool named `pool`.
pub fn project_quota(org: &Org, project_id: &str, pool: &str) -> f64 {
    let project = org.projects.iter().find(|p| str_of(p, "id") == project_id);
    let resources = project.and_then(|p| p["resources"].as_array());
    resources
        .into_iter()
        .flatten()
        .find(|r| r["nodePool"]["name"] == pool)
        .and_then(|r| r.pointer("/gpu/deserved").and_then(Value::as_f64))
        .unwrap_or(0.0)
        .max(0.0)
}
