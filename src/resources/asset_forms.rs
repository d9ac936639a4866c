//! Creating and editing assets: the scope every asset has (tenant, cluster, department or
//! project, the anchor shown only for the scope chosen) and each family's own fields. Data
//! sources and credentials choose their kind first; the fields of other kinds stay hidden.
//! Credentials are created only (the API never returns their secret to edit) and show what
//! was typed once, after the API has taken it.

use super::org::{clusters, departments_in, projects};
use crate::api::assets::{Asset, DATA_SOURCES};
use crate::api::json::{object, Json, ToJson};
use crate::api::{Api, Pending};
use crate::components::form::Submit;
use crate::components::form_model::{Field, FieldKind, Key, TextRule, Value, Values};
use crate::components::resource::{Form, Record};
use crate::components::secret::Secrets;
use super::workload_assets::{ticked, STORAGE, TEMPLATE_SOURCES};
use std::rc::Rc;

pub const NAME: Key<String> = Key::new("name");
const DESCRIPTION: Key<String> = Key::new("description");
pub const SCOPE: Key<String> = Key::new("scope");
pub const CLUSTER: Key<String> = Key::new("clusterId");
pub const DEPARTMENT: Key<String> = Key::new("departmentId");
pub const PROJECT: Key<String> = Key::new("projectId");
const KIND: Key<String> = Key::new("kind");

pub const SCOPES: &[(&str, &str)] = &[("tenant", "The whole tenant"), ("cluster", "A cluster"), ("department", "A department"), ("project", "A project")];

const SCOPE_FIELDS: &[Field] = &[
    Field::kubernetes_name(NAME, "Name").required().help("Lowercase letters, digits and '-'; unique among its kind in the scope."),
    Field::text(DESCRIPTION, "Description", 250),
    Field::choice(SCOPE, "Scope", SCOPES).required().create_only().help("Who may use it: every project, or those of one cluster, department or project."),
    Field::reference(CLUSTER, "Cluster", clusters).required().create_only().shown_for(SCOPE, &["cluster", "department", "project"]),
    Field::reference(DEPARTMENT, "Department", departments_in).depends_on(CLUSTER).required().create_only().shown_for(SCOPE, &["department"]),
    Field::reference(PROJECT, "Project", projects).depends_on(CLUSTER).required().create_only().shown_for(SCOPE, &["project"]),
];

/// The form of family `F` (see `assets::FAMILIES`).
pub fn form<const F: usize>() -> Option<Form> {
    Some(Form {
        fields: all_fields::<F>,
        initial: Rc::new(|record: Option<&dyn Record>| initial(record.and_then(|r| r.as_any().downcast_ref::<Asset>()))),
        payload: body::<F>,
        secrets: Rc::new(|_| Vec::new()),
        editable: F != 3,
        submit: (F == 2 || F == 3).then_some(submit_kind as Submit),
    })
}

const OWN_FIELDS: [&[Field]; 5] = [ENVIRONMENT_FIELDS, COMPUTE_FIELDS, DATA_SOURCE_FIELDS, CREDENTIAL_FIELDS, TEMPLATE_FIELDS];

fn all_fields<const F: usize>() -> Vec<Field> {
    [SCOPE_FIELDS, OWN_FIELDS[F]].concat()
}

/// `{meta, spec}` of family `F`: the meta of a creation (name, scope and its anchor) or of an
/// update, and the spec its shown fields make.
fn body<const F: usize>(v: &Values, creating: bool) -> String {
    body_of(F, v, creating)
}

fn body_of(family: usize, v: &Values, creating: bool) -> String {
    let text = |k: Key<String>| v.some(k);
    let scope = v.get(SCOPE);
    let at = |level: &[&str]| level.contains(&scope.as_str());
    let project = text(PROJECT).filter(|_| at(&["project"])).and_then(|p| p.parse::<i64>().ok());
    let types = (family == 0).then(|| object(&[("workspace", &v.get(WORKSPACE)), ("training", &v.get(TRAINING)), ("inference", &v.get(INFERENCE))]));
    let meta = if creating {
        object(&[
            ("name", &v.get(NAME)),
            ("description", &text(DESCRIPTION)),
            ("scope", &scope),
            ("clusterId", &text(CLUSTER).filter(|_| at(&["cluster", "department", "project"]))),
            ("departmentId", &text(DEPARTMENT).filter(|_| at(&["department"]))),
            ("projectId", &project),
            ("workloadSupportedTypes", &types),
        ])
    } else {
        object(&[("name", &v.get(NAME)), ("description", &text(DESCRIPTION))])
    };
    let spec = if family == 4 { template_spec(v) } else { spec(family, v) };
    object(&[("meta", &meta), ("spec", &spec)]).0
}

/// The spec: each shown field's value under its member's name (a number for numeric rules,
/// `true` or `false` for flags, `NAME=value` lines as pairs), and what no field says alone.
fn spec(family: usize, v: &Values) -> Json {
    // With an existing Kubernetes secret, a credential sends nothing secret.
    let existing = family == 3 && v.some(EXISTING).is_some();
    let mut members: Vec<(&'static str, Json)> = OWN_FIELDS[family]
        .iter()
        .filter(|f| f.shown(v) && !OUT_OF_SPEC.contains(&f.key) && !(existing && TYPED_SECRET.contains(&f.key)))
        .filter_map(|f| member(f, v))
        .collect();
    let tool = v.some(TOOL).filter(|_| family == 0);
    if let Some(tool) = tool {
        let connection = if v.get(INFERENCE) { "ServingPort" } else { "ExternalUrl" };
        let info = object(&[("toolType", &tool), ("connectionType", &connection), ("containerPort", &v.whole(PORT))]);
        members.push(("connections", Json(vec![object(&[("name", &tool), ("isExternal", &false), ("internalToolInfo", &info)])].to_json())));
    }
    if family == 1 {
        let request = if v.some(GPU_SHARE).is_some() { "portion" } else if v.some(GPU_MEMORY).is_some() { "memory" } else { "" };
        members.extend((!request.is_empty()).then(|| ("gpuRequestType", Json(request.to_json()))));
    }
    if v.get(KIND) == "pvc" {
        members.push(("existingPvc", Json("false".into())));
        members.push(("claimInfo", object(&[("storageClass", &v.some(STORAGE_CLASS)), ("size", &v.some(SIZE))])));
    }
    let members: Vec<(&str, &dyn ToJson)> = members.iter().map(|(k, j)| (*k, j as &dyn ToJson)).collect();
    object(&members)
}

/// Fields that are not members of the spec as they stand.
const OUT_OF_SPEC: &[&str] = &["kind", "tool", "port", "workspace", "training", "inference", "storageClass", "size"];
/// A credential's secret material, not sent when it names an existing secret.
const TYPED_SECRET: &[&str] = &["accessKeyId", "secretAccessKey", "user", "password", "keyValuePairs"];

/// The spec member a field's key names, where the two differ.
fn member_name(key: &'static str) -> &'static str {
    match key {
        "sourcePath" => "path",
        other => other,
    }
}

fn member(f: &Field, v: &Values) -> Option<(&'static str, Json)> {
    let text = v.raw(f.key);
    let text = text.trim();
    let json = match f.kind {
        FieldKind::Flag => Json(v.raw_flag(f.key).to_string()),
        _ if text.is_empty() => return None,
        FieldKind::Whole { .. } | FieldKind::Text { rule: TextRule::Fraction | TextRule::Cores, .. } => Json(crate::util::decimal(crate::util::number(text)?)),
        FieldKind::Text { rule: TextRule::Environment, .. } | FieldKind::LongText { rule: TextRule::Environment } => {
            let name = if f.key == "keyValuePairs" { "key" } else { "name" };
            Json(pairs(text, name)?.to_json())
        }
        _ => Json(text.to_json()),
    };
    Some((member_name(f.key), json))
}

/// Values from a record being edited; defaults for a new one.
fn initial(asset: Option<&Asset>) -> Values {
    let mut v = Values::default();
    let Some(a) = asset else {
        v.put(SCOPE, "project".into());
        v.put(WORKSPACE, true);
        return v;
    };
    v.put(NAME, a.name());
    v.put_text(DESCRIPTION, a.meta("description"));
    v.put_text(SCOPE, a.meta("scope"));
    v.put_text(CLUSTER, a.meta("clusterId"));
    v.put_text(DEPARTMENT, a.meta("departmentId"));
    v.put_text(PROJECT, a.0["meta"]["projectId"].as_i64());
    let s = a.spec();
    let types = &a.0["meta"]["workloadSupportedTypes"];
    for (key, member) in [(WORKSPACE, "workspace"), (TRAINING, "training"), (INFERENCE, "inference")] {
        v.put(key, types[member] == true);
    }
    let kind = crate::api::assets::kind_of(a.kind()).map_or(a.kind(), |k| k.path);
    v.put(KIND, kind.to_owned());
    if kind == "workload-template" {
        v.put_text(TEMPLATE_ENVIRONMENT, s["assets"]["environment"]["id"].as_str());
        v.put_text(TEMPLATE_COMPUTE, s["assets"]["compute"]["id"].as_str());
        v.put_text(COMMAND, s["specificEnv"]["command"].as_str());
        v.put_text(ARGS, s["specificEnv"]["args"].as_str());
        // Its data sources as the picker keeps them: ids, and each as an asset's meta.
        let sources = s["assets"]["datasources"].as_array().cloned().unwrap_or_default();
        let ids: Vec<String> = sources.iter().filter_map(|d| d["id"].as_str().map(str::to_owned)).collect();
        v.put(TEMPLATE_SOURCES, ids.join(","));
        // (Built by hand: `json!` with a value in it would bring serde's serializer along.)
        let as_asset = |d: serde_json::Value| {
            let mut asset = serde_json::Map::new();
            asset.insert("meta".to_owned(), d);
            serde_json::Value::Object(asset)
        };
        v.set(STORAGE.name, Value::Json(serde_json::Value::Array(sources.into_iter().map(as_asset).collect())));
        return v;
    }
    let shown: Vec<Field> = OWN_FIELDS.iter().flat_map(|fields| fields.iter()).filter(|f| f.shown(&v)).copied().collect();
    for f in shown {
        let member = &s[member_name(f.key)];
        let value = match member {
            serde_json::Value::Bool(b) => Value::Flag(*b),
            serde_json::Value::Number(n) => Value::Text(crate::util::decimal(n.as_f64().unwrap_or_default())),
            serde_json::Value::String(t) => Value::Text(t.clone()),
            serde_json::Value::Array(items) => {
                let name = if f.key == "keyValuePairs" { "key" } else { "name" };
                let line = |e: &serde_json::Value| format!("{}={}", e[name].as_str().unwrap_or_default(), e["value"].as_str().unwrap_or_default());
                Value::Text(items.iter().map(line).collect::<Vec<_>>().join("\n"))
            }
            _ => continue,
        };
        v.set(f.key, value);
    }
    v.put_text(STORAGE_CLASS, s["claimInfo"]["storageClass"].as_str());
    v.put_text(SIZE, s["claimInfo"]["size"].as_str());
    if let Some(tool) = s["connections"][0]["internalToolInfo"].as_object() {
        v.put_text(TOOL, tool.get("toolType").and_then(|t| t.as_str()));
        v.put_text(PORT, tool.get("containerPort").and_then(|p| p.as_i64()));
    }
    v
}

// Environments: the same members as a submission's container.
use super::workload_form::{ARGS, COMMAND, IMAGE, PULL, PULL_POLICIES};
use super::workload_form::ENVIRONMENT as ENV;
const TOOL: Key<String> = Key::new("tool");
const PORT: Key<String> = Key::new("port");
const WORKSPACE: Key<bool> = Key::new("workspace");
const TRAINING: Key<bool> = Key::new("training");
const INFERENCE: Key<bool> = Key::new("inference");

const TOOLS: &[(&str, &str)] = &[
    ("", "None"),
    ("jupyter-notebook", "Jupyter"),
    ("visual-studio-code", "Visual Studio Code"),
    ("pycharm", "PyCharm"),
    ("rstudio", "RStudio"),
    ("tensorboard", "TensorBoard"),
    ("mlflow", "MLflow"),
    ("matlab", "MATLAB"),
    ("chatbot-ui", "Chatbot UI"),
    ("custom", "Custom"),
];

const ENVIRONMENT_FIELDS: &[Field] = &[
    Field::text(IMAGE, "Image", 512).required().help("Such as jupyter/scipy-notebook or nvcr.io/nvidia/pytorch:24.05-py3."),
    Field::choice(PULL, "Image pull policy", PULL_POLICIES),
    Field::choice(TOOL, "Tool", TOOLS).help("The tool workloads of this environment connect to."),
    Field::whole(PORT, "Tool's container port", 1, 65_535),
    Field::text(COMMAND, "Command", 1024),
    Field::text(ARGS, "Arguments", 4096),
    Field::environment(ENV, "Environment variables").help("One per line: NAME=value."),
    Field::flag(WORKSPACE, "For workspaces"),
    Field::flag(TRAINING, "For trainings"),
    Field::flag(INFERENCE, "For inferences"),
];


/// `NAME=value` lines as `[{<name>: NAME, "value": value}]`; `None` when there are none.
fn pairs(lines: &str, name: &str) -> Option<Vec<Json>> {
    let pairs: Vec<Json> = lines.lines().filter_map(|l| l.split_once('=')).map(|(n, value)| object(&[(name, &n.trim()), ("value", &value.trim())])).collect();
    (!pairs.is_empty()).then_some(pairs)
}

// Compute resources: the same members as a submission's compute.
use super::workload_form::{CPU, CPU_LIMIT, GPUS, GPU_MEMORY, GPU_SHARE, MEMORY, MEMORY_LIMIT};

const COMPUTE_FIELDS: &[Field] = &[
    Field::whole(GPUS, "GPU devices", 0, 64).help("Whole GPUs per pod; with a share or memory, the GPUs to split (1)."),
    Field::ruled(GPU_SHARE, "GPU share", 8, TextRule::Fraction).help("A share of each GPU, such as 0.5."),
    Field::ruled(GPU_MEMORY, "GPU memory", 16, TextRule::Memory).help("GPU memory of one GPU instead of a share, such as 20G."),
    Field::ruled(CPU, "CPU cores (request)", 16, TextRule::Cores),
    Field::ruled(CPU_LIMIT, "CPU cores (limit)", 16, TextRule::Cores),
    Field::ruled(MEMORY, "CPU memory (request)", 16, TextRule::Memory),
    Field::ruled(MEMORY_LIMIT, "CPU memory (limit)", 16, TextRule::Memory),
];


// Data sources.
const SERVER: Key<String> = Key::new("server");
const SOURCE: Key<String> = Key::new("sourcePath");
const CONTAINER: Key<String> = Key::new("path");
const MOUNT: Key<String> = Key::new("mountPath");
const READ_ONLY: Key<bool> = Key::new("readOnly");
const CLAIM: Key<String> = Key::new("claimName");
const STORAGE_CLASS: Key<String> = Key::new("storageClass");
const SIZE: Key<String> = Key::new("size");
const BUCKET: Key<String> = Key::new("bucket");
const URL: Key<String> = Key::new("url");
const REPOSITORY: Key<String> = Key::new("repository");
const BRANCH: Key<String> = Key::new("branch");
const CONFIG_MAP: Key<String> = Key::new("configMap");
const SECRET: Key<String> = Key::new("credentialAssetId");

const DATA_SOURCE_KINDS: &[(&str, &str)] = &[
    ("nfs", "NFS"),
    ("pvc", "PVC"),
    ("s3", "S3 bucket"),
    ("git", "Git"),
    ("host-path", "Host path"),
    ("config-map", "ConfigMap"),
    ("secrets", "Secret"),
];

const DATA_SOURCE_FIELDS: &[Field] = &[
    Field::choice(KIND, "Type", DATA_SOURCE_KINDS).required().create_only(),
    Field::text(SERVER, "NFS server", 253).required().shown_for(KIND, &["nfs"]),
    Field::text(SOURCE, "Path on the server or host", 1024).required().shown_for(KIND, &["nfs", "host-path"]),
    Field::text(CLAIM, "Claim name", 63).required().shown_for(KIND, &["pvc"]),
    Field::text(STORAGE_CLASS, "Storage class", 253).shown_for(KIND, &["pvc"]),
    Field::ruled(SIZE, "Size", 16, TextRule::Memory).shown_for(KIND, &["pvc"]).help("Such as 100G, for a new claim."),
    Field::text(BUCKET, "Bucket", 253).required().shown_for(KIND, &["s3"]),
    Field::text(URL, "S3 service URL", 1024).shown_for(KIND, &["s3"]),
    Field::text(REPOSITORY, "Repository URL", 1024).required().shown_for(KIND, &["git"]),
    Field::text(BRANCH, "Branch", 255).shown_for(KIND, &["git"]),
    Field::text(CONFIG_MAP, "ConfigMap", 253).required().shown_for(KIND, &["config-map"]),
    Field::reference(SECRET, "Secret credential", generic_secrets).required().shown_for(KIND, &["secrets"]),
    Field::text(CONTAINER, "Container path", 1024).required().shown_for(KIND, &["pvc", "s3", "git"]).help("Where workloads see the data, such as /data."),
    Field::text(MOUNT, "Container path", 1024).required().shown_for(KIND, &["nfs", "host-path", "config-map", "secrets"]).help("Where workloads see the data, such as /data."),
    Field::flag(READ_ONLY, "Read-only").shown_for(KIND, &["nfs", "pvc", "host-path"]),
];

fn generic_secrets(api: Api, _: String, _: String) -> Pending<crate::components::form_model::Options> {
    api.asset_choices("credentials/generic-secret")
}

fn environments(api: Api, _: String, _: String) -> Pending<crate::components::form_model::Options> {
    api.asset_choices("environment")
}

fn computes(api: Api, _: String, _: String) -> Pending<crate::components::form_model::Options> {
    api.asset_choices("compute")
}


// Templates.
const TEMPLATE_ENVIRONMENT: Key<String> = Key::new("templateEnvironment");
const TEMPLATE_COMPUTE: Key<String> = Key::new("templateCompute");

const TEMPLATE_FIELDS: &[Field] = &[
    Field::reference(TEMPLATE_ENVIRONMENT, "Environment", environments).required(),
    Field::reference(TEMPLATE_COMPUTE, "Compute resource", computes),
    Field::custom(TEMPLATE_SOURCES, "Data sources", super::workload_assets::picker, |_| None).depends_on(PROJECT),
    Field::text(COMMAND, "Command", 1024),
    Field::text(ARGS, "Arguments", 4096),
];

/// A template's spec: its assets by id, and its own run parameters.
fn template_spec(v: &Values) -> Json {
    let sources: Vec<Json> = ticked(v).iter().map(|a| object(&[("id", &a.uuid()), ("kind", &a.kind())])).collect();
    let assets = object(&[("environment", &v.get(TEMPLATE_ENVIRONMENT)), ("compute", &v.some(TEMPLATE_COMPUTE)), ("datasources", &sources)]);
    object(&[("assets", &assets), ("specificEnv", &object(&[("command", &v.some(COMMAND)), ("args", &v.some(ARGS))]))])
}


// Credentials.
const EXISTING: Key<String> = Key::new("existingSecretName");
const KEY_ID: Key<String> = Key::new("accessKeyId");
const SECRET_KEY: Key<String> = Key::new("secretAccessKey");
const USER: Key<String> = Key::new("user");
const PASSWORD: Key<String> = Key::new("password");
const REGISTRY: Key<String> = Key::new("url");
const PAIRS: Key<String> = Key::new("keyValuePairs");
const NGC_KEY: Key<String> = Key::new("ngc_api_key");

const CREDENTIAL_KINDS: &[(&str, &str)] = &[
    ("access-key", "Access key"),
    ("password", "Username and password"),
    ("docker-registry", "Docker registry"),
    ("generic-secret", "Generic secret"),
    ("ngc-api-key", "NGC API key"),
];

const WITH_SECRET: &[&str] = &["access-key", "password", "docker-registry", "generic-secret"];
const CREDENTIAL_FIELDS: &[Field] = &[
    Field::choice(KIND, "Type", CREDENTIAL_KINDS).required().create_only(),
    Field::text(EXISTING, "Existing Kubernetes secret", 253).shown_for(KIND, WITH_SECRET).help("Its name, to use a secret the cluster already has; or leave empty and type the secret below."),
    Field::text(KEY_ID, "Access key ID", 256).shown_for(KIND, &["access-key"]),
    Field::text(SECRET_KEY, "Secret access key", 256).masked().shown_for(KIND, &["access-key"]),
    Field::text(REGISTRY, "Registry URL", 1024).required().shown_for(KIND, &["docker-registry"]),
    Field::text(USER, "Username", 256).shown_for(KIND, &["password", "docker-registry"]),
    Field::text(PASSWORD, "Password", 256).masked().shown_for(KIND, &["password", "docker-registry"]),
    Field::ruled(PAIRS, "Keys and values", 8192, TextRule::Environment).shown_for(KIND, &["generic-secret"]).help("One per line: KEY=value."),
    Field::text(NGC_KEY, "NGC API key", 256).masked().required().shown_for(KIND, &["ngc-api-key"]),
];


/// What a new credential's operator typed that cannot be read back: shown once.
fn typed_secrets(v: &Values) -> Secrets {
    let shown = [("Secret access key", SECRET_KEY), ("Password", PASSWORD), ("Keys and values", PAIRS), ("NGC API key", NGC_KEY)];
    if v.some(EXISTING).is_some() {
        return Vec::new();
    }
    shown.into_iter().filter_map(|(label, key)| v.some(key).filter(|_| kind_shows(v, key)).map(|s| (label, s))).collect()
}

fn kind_shows(v: &Values, key: Key<String>) -> bool {
    CREDENTIAL_FIELDS.iter().any(|f| f.key == key.name && f.shown(v))
}

/// Data sources and credentials are created at their kind's own path.
fn submit_kind(api: Api, v: &Values, body: String) -> Pending<(String, String, Secrets)> {
    let kind = v.get(KIND);
    let family = if DATA_SOURCES.iter().any(|k| k.path == kind) { "datasource" } else { "credentials" };
    let secrets = if family == "credentials" { typed_secrets(v) } else { Vec::new() };
    Box::pin(async move {
        let asset = api.create_asset(family, &kind, body).await?;
        Ok((asset.id(), asset.name(), secrets))
    })
}
