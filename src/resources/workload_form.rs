//! Submitting a workspace, a training or an inference: one form, sent to the API of the type
//! chosen (`POST /api/v1/workloads/<workspaces|trainings|inferences>`).

use super::org::{clusters, projects};
use crate::api::json::{object, Json};
use crate::api::workloads::Workload;
use crate::api::{Api, Pending};
use crate::components::form::FormSpec;
use crate::components::secret::Secrets;
use super::workload_assets as assets;
use crate::components::form_model::{Field, Key, Value, Values};
use crate::components::text_rules::TextRule;

const TYPE: Key<String> = Key::new("type");
const NAME: Key<String> = Key::new("name");
const CLUSTER: Key<String> = Key::new("cluster");
const PROJECT: Key<String> = Key::new("project");
pub(crate) const IMAGE: Key<String> = Key::new("image");
pub(crate) const PULL: Key<String> = Key::new("imagePullPolicy");
pub(crate) const COMMAND: Key<String> = Key::new("command");
pub(crate) const ARGS: Key<String> = Key::new("args");
pub(crate) const ENVIRONMENT: Key<String> = Key::new("environmentVariables");
pub(crate) const GPUS: Key<String> = Key::new("gpuDevicesRequest");
pub(crate) const GPU_SHARE: Key<String> = Key::new("gpuPortionRequest");
pub(crate) const GPU_MEMORY: Key<String> = Key::new("gpuMemoryRequest");
pub(crate) const CPU: Key<String> = Key::new("cpuCoreRequest");
pub(crate) const CPU_LIMIT: Key<String> = Key::new("cpuCoreLimit");
pub(crate) const MEMORY: Key<String> = Key::new("cpuMemoryRequest");
pub(crate) const MEMORY_LIMIT: Key<String> = Key::new("cpuMemoryLimit");
const POOLS: Key<String> = Key::new("nodePools");
const PREEMPTIBILITY: Key<String> = Key::new("preemptibility");
const PRIORITY: Key<String> = Key::new("priorityClass");
const PORT: Key<String> = Key::new("servingPort");
const REPLICAS: Key<String> = Key::new("minReplicas");
const MAX_REPLICAS: Key<String> = Key::new("maxReplicas");

const TYPES: &[(&str, &str)] = &[("workspace", "Workspace"), ("training", "Training"), ("inference", "Inference")];
pub(crate) const PULL_POLICIES: &[(&str, &str)] = &[("", "The default for the image's tag"), ("IfNotPresent", "If not present"), ("Always", "Always"), ("Never", "Never")];
const PREEMPTIBILITIES: &[(&str, &str)] = &[("", "The default for the type"), ("preemptible", "Preemptible"), ("non-preemptible", "Non-preemptible")];
const PRIORITIES: &[(&str, &str)] = &[
    ("", "The default for the type"),
    ("very-low", "Very low"),
    ("low", "Low"),
    ("medium-low", "Medium low"),
    ("medium", "Medium"),
    ("medium-high", "Medium high"),
    ("high", "High"),
    ("very-high", "Very high"),
];

pub fn form() -> FormSpec<Workload> {
    FormSpec::new(fields, initial, payload).create_only().submitted_by(submit)
}

pub(crate) const FIELDS: &[Field] = &[
    Field::choice(TYPE, "Workload type", TYPES).required(),
    // Before the project: the API's "name taken in this project" refusal lands here.
    Field::kubernetes_name(NAME, "Name").required().help("Lowercase letters, digits and '-'; unique in the project."),
    Field::reference(CLUSTER, "Cluster", clusters).required(),
    Field::reference(PROJECT, "Project", projects).depends_on(CLUSTER).required(),
    Field::custom(assets::POLICY, "The project's policy", assets::policy, no_problem).depends_on(PROJECT),
    Field::custom(assets::TEMPLATE, "Template", assets::picker, no_problem).depends_on(PROJECT).help("The project's templates: an environment, a compute resource, data sources and settings in one."),
    Field::custom(assets::ENVIRONMENT, "Environment", assets::picker, no_problem).depends_on(PROJECT).help("The project's environments: its image, command and variables fill the fields below."),
    Field::text(IMAGE, "Image", 512).required().help("Such as jupyter/scipy-notebook or nvcr.io/nvidia/pytorch:24.05-py3."),
    Field::choice(PULL, "Image pull policy", PULL_POLICIES),
    Field::text(COMMAND, "Command", 1024),
    Field::text(ARGS, "Arguments", 4096),
    Field::environment(ENVIRONMENT, "Environment variables").help("One per line: NAME=value."),
    Field::custom(assets::COMPUTE, "Compute resource", assets::picker, no_problem).depends_on(PROJECT).help("The project's compute resources: its GPUs, CPU and memory fill the fields below."),
    Field::whole(GPUS, "GPU devices", 0, 64).help("Whole GPUs per pod; with a share or memory below, the GPUs to split (usually 1)."),
    Field::ruled(GPU_SHARE, "GPU share", 8, TextRule::Fraction).help("A share of each GPU, such as 0.5; or leave empty."),
    Field::ruled(GPU_MEMORY, "GPU memory", 16, TextRule::Memory).help("GPU memory per GPU instead of a share, such as 20G."),
    Field::ruled(CPU, "CPU cores (request)", 16, TextRule::Cores),
    Field::ruled(CPU_LIMIT, "CPU cores (limit)", 16, TextRule::Cores),
    Field::ruled(MEMORY, "Memory (request)", 16, TextRule::Memory),
    Field::ruled(MEMORY_LIMIT, "Memory (limit)", 16, TextRule::Memory),
    Field::custom(assets::DATA, "Data sources", assets::picker, no_problem).depends_on(PROJECT).help("Mounted in the workload's containers where each says."),
    Field::list(POOLS, "Node pools").help("In order of preference, separated by commas; empty for the project's defaults."),
    Field::choice(PREEMPTIBILITY, "Preemptibility", PREEMPTIBILITIES),
    Field::choice(PRIORITY, "Priority", PRIORITIES),
    Field::whole(PORT, "Serving port (inference)", 1, 65_535),
    Field::whole(REPLICAS, "Replicas, at least (inference)", 0, 100),
    Field::whole(MAX_REPLICAS, "Replicas, at most (inference)", 1, 100),
];

fn no_problem(_: &Value) -> Option<String> {
    None
}

fn fields() -> Vec<Field> {
    FIELDS.to_vec()
}

/// A new workload's defaults, or a copy of `from` under a new name.
fn initial(from: Option<&Workload>) -> Values {
    let mut v = Values::default();
    v.put(TYPE, "workspace".to_owned());
    v.put(GPUS, "1".to_owned());
    v.put(PORT, "8000".to_owned());
    v.put(REPLICAS, "1".to_owned());
    v.put(MAX_REPLICAS, "1".to_owned());
    let Some(w) = from else { return v };
    v.put(TYPE, w.kind.clone());
    v.put(NAME, copy_name(&w.name));
    v.put(CLUSTER, w.cluster_id.clone());
    v.put(PROJECT, w.project_id.clone());
    v.put_text(IMAGE, w.images.first());
    v.put_text(COMMAND, w.command.as_ref());
    v.put_text(ARGS, w.arguments.as_ref());
    v.put(ENVIRONMENT, w.environment.0.iter().map(|(name, value)| format!("{name}={value}")).collect::<Vec<_>>().join("\n"));
    let requested = w.requested.clone().unwrap_or_default();
    // Whole GPUs, or a share of one.
    match requested.gpu.and_then(|g| g.request) {
        Some(g) if g >= 1.0 && g.fract() == 0.0 => v.put(GPUS, crate::util::decimal(g)),
        Some(g) if g > 0.0 => v.put(GPU_SHARE, crate::util::decimal(g)),
        _ => v.put(GPUS, "0".to_owned()),
    }
    v.put_text(CPU, requested.cpu.and_then(|c| c.request).map(crate::util::decimal));
    v.put_text(MEMORY, requested.memory.and_then(|m| m.request));
    v.put(POOLS, w.requested_pools.join(", "));
    v.put_text(PREEMPTIBILITY, w.preemptible.map(|p| if p { "preemptible" } else { "non-preemptible" }));
    v
}

/// "jupyter-1-copy": a name for the copy, still a Kubernetes name of at most 63.
fn copy_name(name: &str) -> String {
    let base: String = name.chars().take(63 - "-copy".len()).collect();
    format!("{}-copy", base.trim_end_matches('-'))
}

/// The submission body of the type chosen.
fn payload(v: &Values, _: bool) -> String {
    let text = |key: Key<String>| v.some(key);
    let number = |key: Key<String>| v.some(key).and_then(|t| crate::util::number(&t));
    let share = number(GPU_SHARE);
    let memory = text(GPU_MEMORY).filter(|_| share.is_none());
    let request_type = if share.is_some() { Some("portion") } else { memory.as_ref().map(|_| "memory") };
    let compute = object(&[
        ("gpuDevicesRequest", &v.whole(GPUS)),
        ("gpuRequestType", &request_type),
        ("gpuPortionRequest", &share),
        ("gpuMemoryRequest", &memory),
        ("cpuCoreRequest", &number(CPU)),
        ("cpuCoreLimit", &number(CPU_LIMIT)),
        ("cpuMemoryRequest", &text(MEMORY)),
        ("cpuMemoryLimit", &text(MEMORY_LIMIT)),
    ]);
    let environment: Vec<Json> = v
        .get(ENVIRONMENT)
        .lines()
        .filter_map(|line| line.split_once('='))
        .map(|(name, value)| object(&[("name", &name.trim()), ("value", &value.trim())]))
        .collect();
    let inference = v.get(TYPE) == "inference";
    let serving = inference.then(|| object(&[("container", &v.whole(PORT)), ("protocol", &"http")]));
    let scaling = inference.then(|| object(&[("minReplicas", &v.whole(REPLICAS)), ("maxReplicas", &v.whole(MAX_REPLICAS))]));
    let spec = object(&[
        ("image", &v.get(IMAGE).trim()),
        ("imagePullPolicy", &text(PULL)),
        ("command", &text(COMMAND)),
        ("args", &text(ARGS)),
        ("environmentVariables", &(!environment.is_empty()).then_some(environment)),
        ("compute", &compute),
        ("nodePools", &v.list(POOLS)),
        ("preemptibility", &text(PREEMPTIBILITY)),
        ("priorityClass", &text(PRIORITY)),
        ("servingPort", &serving),
        ("autoscaling", &scaling),
        ("storage", &assets::storage(v)),
        ("annotations", &assets::annotations(v)),
    ]);
    object(&[("name", &v.get(NAME)), ("projectId", &v.get(PROJECT)), ("clusterId", &v.get(CLUSTER)), ("templateId", &v.some(assets::TEMPLATE)), ("spec", &spec)]).0
}

/// Posts the body to the chosen type's API; answers the new workload's id and name.
fn submit(api: Api, v: &Values, body: String) -> Pending<(String, String, Secrets)> {
    let kind = v.get(TYPE);
    Box::pin(async move { api.submit_workload(&kind, body).await.map(|(id, name)| (id, name, Vec::new())) })
}
