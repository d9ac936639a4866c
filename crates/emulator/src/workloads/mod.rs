//! Workloads: typed records of what runs in the tenant (workspaces, trainings, distributed
//! trainings, inferences), the scheduler that moves them through their phases in simulated
//! real time (`scheduler`), their seed, and how they read in the API's shapes (`json`).

pub mod json;
pub mod aggregate;
pub mod metrics;
pub mod scheduler;
pub mod seed;
pub mod telemetry;

use crate::authz::Place;
use serde_json::Value;

/// The submission types the console and the contract know, with their API spellings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    Workspace,
    Training,
    Distributed,
    Inference,
}

impl Type {
    pub const ALL: [Type; 4] = [Type::Workspace, Type::Training, Type::Distributed, Type::Inference];
    /// `Workload.type`.
    pub fn name(self) -> &'static str {
        match self {
            Type::Workspace => "workspace",
            Type::Training => "training",
            Type::Distributed => "distributed",
            Type::Inference => "inference",
        }
    }
    /// The path segment of its submission API (`/api/v1/workloads/<segment>`).
    pub fn segment(self) -> &'static str {
        match self {
            Type::Workspace => "workspaces",
            Type::Training => "trainings",
            Type::Distributed => "distributed",
            Type::Inference => "inferences",
        }
    }
    /// The `ResourceType` that governs submitting it.
    pub fn resource_type(self) -> &'static str {
        match self {
            Type::Workspace => "workspaces",
            Type::Inference => "inferences",
            Type::Training | Type::Distributed => "trainings",
        }
    }
    pub fn category(self) -> &'static str {
        match self {
            Type::Workspace => "Build",
            Type::Training | Type::Distributed => "Train",
            Type::Inference => "Deploy",
        }
    }
    /// Whether it can be stopped and run again (inferences are deleted instead).
    pub fn suspendable(self) -> bool {
        self != Type::Inference
    }
}

/// `Workload.phase`, the ones the scheduler uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Creating,
    Pending,
    Initializing,
    Running,
    Completed,
    Failed,
    Stopping,
    Stopped,
    Resuming,
    Deleting,
}

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::Creating => "Creating",
            Phase::Pending => "Pending",
            Phase::Initializing => "Initializing",
            Phase::Running => "Running",
            Phase::Completed => "Completed",
            Phase::Failed => "Failed",
            Phase::Stopping => "Stopping",
            Phase::Stopped => "Stopped",
            Phase::Resuming => "Resuming",
            Phase::Deleting => "Deleting",
        }
    }
    /// Whether GPUs are held in this phase.
    pub fn holds_gpus(self) -> bool {
        matches!(self, Phase::Initializing | Phase::Running | Phase::Stopping)
    }
    /// The Kubernetes pod phase that goes with it.
    pub fn k8s(self) -> &'static str {
        match self {
            Phase::Running | Phase::Stopping => "Running",
            Phase::Completed => "Succeeded",
            Phase::Failed => "Failed",
            _ => "Pending",
        }
    }
}

/// What the operator asked for last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Desired {
    Running,
    Stopped,
    Deleted,
}

/// A phase change or a Kubernetes event, at a simulated time.
#[derive(Clone, Debug)]
pub struct Event {
    pub at: i64,
    pub id: String,
    /// `Normal` or `Warning`.
    pub kind: &'static str,
    pub reason: String,
    pub message: String,
    /// The phase entered, for phase updates.
    pub phase: Option<Phase>,
}

/// The memory each pod of a workload requests (the emulator does not size it by workload).
pub const MEMORY_PER_POD_BYTES: f64 = 16e9;

#[derive(Clone, Debug)]
pub struct Workload {
    pub id: String,
    pub name: String,
    pub kind: Type,
    pub cluster_id: String,
    pub project_id: String,
    pub project_name: String,
    pub department_id: String,
    pub department_name: String,
    pub submitted_by: String,
    /// `CLI`, `Control-plane` or `Other`.
    pub source: &'static str,
    pub created_at: i64,
    pub image: String,
    pub command: String,
    pub args: String,
    pub environment: Vec<(String, String)>,
    /// GPUs per pod (fractions allowed) and how many pods.
    pub gpus: f64,
    pub pods: u32,
    pub cpu: f64,
    pub memory: String,
    /// Node pools in order of preference; empty means any of the cluster's.
    pub node_pools: Vec<String>,
    pub preemptible: bool,
    pub serving_port: Option<u16>,
    /// The submitted spec as sent, for the typed reads.
    pub spec: Value,
    pub desired: Desired,
    pub phase: Phase,
    pub phase_since: i64,
    pub phase_message: String,
    pub phase_reason: Option<&'static str>,
    /// Where it runs while it holds GPUs.
    pub pool: Option<String>,
    pub nodes: Vec<String>,
    /// The memory of each GPU it was last given (bytes), which its GPU memory metrics count
    /// in; it stays after the GPUs are released, for the metrics of its past.
    pub memory_per_gpu: f64,
    /// A training's work, in seconds of running; `None` runs until stopped.
    pub work_secs: Option<i64>,
    /// It fails while initializing (a bad image).
    pub fails: bool,
    pub running_secs: i64,
    pub pending_secs: i64,
    pub completed_at: Option<i64>,
    /// Started running at, for the current run.
    pub running_since: Option<i64>,
    pub events: Vec<Event>,
    /// The simulated time it was last brought up to (for times that grow while it runs).
    pub observed: i64,
}

impl Workload {
    pub fn place(&self) -> Place {
        Place { cluster: Some(self.cluster_id.clone()), department: Some(self.department_id.clone()), project: Some(self.project_id.clone()) }
    }
    /// GPUs it holds now.
    pub fn held_gpus(&self) -> f64 {
        if self.phase.holds_gpus() { self.gpu_demand() } else { 0.0 }
    }
    /// GPUs the whole workload asks for.
    pub fn gpu_demand(&self) -> f64 {
        self.gpus * f64::from(self.pods)
    }
    /// What the whole workload asks for, as an org unit's quota status counts it: GPUs, CPU
    /// millicores and memory MB (its metrics' CPU and memory requests).
    pub fn demand(&self) -> [f64; 3] {
        let pods = f64::from(self.pods);
        [self.gpu_demand(), 1000.0 * self.cpu * pods, MEMORY_PER_POD_BYTES / 1e6 * pods]
    }
    pub fn namespace(&self) -> String {
        format!("runai-{}", self.project_name)
    }
}

impl crate::AppState {
    /// Moves the workloads' simulated clock `secs` ahead (tests: no waiting for phases).
    pub fn fast_forward(&self, secs: i64) {
        self.tenant.lock().unwrap().workloads.skew += secs;
    }
}

/// The tenant's workloads and the simulated clock they live by.
#[derive(Debug)]
pub struct Workloads {
    pub items: Vec<Workload>,
    /// Simulated time up to which the scheduler has run.
    pub time: i64,
    /// Real time (ms) at which simulated time was `origin`.
    pub origin_ms: i64,
    pub origin: i64,
    /// Simulated seconds per real second.
    pub speed: f64,
    /// Simulated seconds added by tests (`fast_forward`).
    pub skew: i64,
    pub serial: u64,
    /// Bumped whenever what holds GPUs may have changed (for the organization's allocation).
    pub generation: u64,
}

impl Workloads {
    /// Simulated now: real time since the start, at `speed`, plus any fast-forward.
    pub fn now(&self) -> i64 {
        let real = crate::time::now_ms() - self.origin_ms;
        self.origin + (real as f64 * self.speed / 1000.0) as i64 + self.skew
    }

    /// A new UUID-shaped id (deterministic).
    pub fn new_id(&mut self, salt: u64) -> String {
        self.serial += 1;
        let n = self.serial;
        format!("{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}", 0x7a11_0000u32 + (n as u32 & 0xffff), salt & 0xffff, n & 0xfff, (n >> 12) & 0xfff, n.wrapping_mul(0x9e37_79b9) & 0xffff_ffff_ffff)
    }
}
