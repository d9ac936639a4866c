//! Workload assets: environments, compute resources, data sources and credentials, each kind
//! at its own path with the same contract (`{meta, spec}` records, `{"entries": [...]}` lists
//! without paging, 202 on writes). A record sits in a scope (tenant, cluster, department or
//! project) and the access rules of its kind's resource type apply there. Credentials keep
//! no secret: the values sent are dropped, as a control plane that hands them to the cluster
//! would, and never returned.

pub mod seed;
pub mod templates;

use crate::authz::Place;
use serde_json::{json, Map, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Environment,
    Compute,
    DataSource,
    Credential,
    Template,
}

/// One kind of asset as the API serves it.
#[derive(Debug)]
pub struct AssetKind {
    /// The path under `/api/v1/asset/`.
    pub path: &'static str,
    /// `AssetMeta.kind`.
    pub kind: &'static str,
    /// The `ResourceType` whose permissions govern it.
    pub resource_type: &'static str,
    pub noun: &'static str,
    pub family: Family,
    /// Its member in the spec of the family's combined list (`{"nfs": {...}}`).
    pub union_key: &'static str,
    /// Spec fields that carry secret material: accepted, never kept.
    pub secrets: &'static [&'static str],
    /// Whether a delete answers 204 rather than 202 with a body.
    pub delete_no_content: bool,
}

const fn kind(path: &'static str, kind: &'static str, resource_type: &'static str, noun: &'static str, family: Family, union_key: &'static str) -> AssetKind {
    AssetKind { path, kind, resource_type, noun, family, union_key, secrets: &[], delete_no_content: false }
}

const fn credential(path: &'static str, kind: &'static str, noun: &'static str, secrets: &'static [&'static str], delete_no_content: bool) -> AssetKind {
    AssetKind { path, kind, resource_type: "credentials", noun, family: Family::Credential, union_key: kind, secrets, delete_no_content }
}

pub static KINDS: &[AssetKind] = &[
    kind("environment", "environment", "environments", "Environment", Family::Environment, ""),
    kind("compute", "compute", "compute-resources", "Compute resource", Family::Compute, ""),
    kind("datasource/nfs", "nfs", "nfs-assets", "NFS data source", Family::DataSource, "nfs"),
    kind("datasource/pvc", "pvc", "pvc-assets", "PVC data source", Family::DataSource, "pvc"),
    kind("datasource/s3", "s3", "s3-assets", "S3 data source", Family::DataSource, "s3"),
    kind("datasource/git", "git", "git-assets", "Git data source", Family::DataSource, "git"),
    kind("datasource/host-path", "hostPath", "host-path-assets", "Host path data source", Family::DataSource, "hostPath"),
    kind("datasource/config-map", "config-map", "cm-volume-assets", "ConfigMap data source", Family::DataSource, "config_map"),
    kind("datasource/secrets", "secret-volume", "secret-volume-assets", "Secret data source", Family::DataSource, "secret"),
    credential("credentials/access-key", "accessKey", "Access key", &["secretAccessKey"], false),
    credential("credentials/password", "password", "Password", &["password"], false),
    credential("credentials/docker-registry", "dockerRegistry", "Docker registry credential", &["password"], false),
    credential("credentials/generic-secret", "genericSecret", "Generic secret", &["keyValuePairs"], true),
    credential("credentials/ngc-api-key", "ngcApiKey", "NGC API key", &["ngc_api_key"], true),
    kind("workload-template", "workload-template", "templates", "Template", Family::Template, ""),
];

pub fn kind_named(meta_kind: &str) -> Option<&'static AssetKind> {
    KINDS.iter().find(|k| k.kind == meta_kind)
}

/// The annotation a console puts on a workload it submitted from assets: their ids, joined by
/// commas. The workloads API takes no asset references, so this is how usage is known.
pub const ASSETS_ANNOTATION: &str = "runai-console/assets";

#[derive(Clone, Debug)]
pub struct Asset {
    pub kind: &'static AssetKind,
    /// `AssetMeta`, complete.
    pub meta: Value,
    pub spec: Value,
    pub place: Place,
}

impl Asset {
    pub fn id(&self) -> &str {
        self.meta["id"].as_str().unwrap_or_default()
    }
    pub fn name(&self) -> &str {
        self.meta["name"].as_str().unwrap_or_default()
    }
    pub fn scope(&self) -> &str {
        self.meta["scope"].as_str().unwrap_or_default()
    }
    /// The record as a list or read answers it; `union` wraps the spec in its kind's member,
    /// as the combined data source and credential lists do.
    pub fn json(&self, union: bool, used_by: Option<Value>, status: bool) -> Value {
        let spec = if union { json!({ self.kind.union_key: self.spec }) } else { self.spec.clone() };
        let mut record = json!({ "meta": self.meta, "spec": spec });
        if let Some(used_by) = used_by {
            record["usedBy"] = used_by;
        }
        // Compute resources, NFS and host paths have no cluster status in the contract.
        if status && !matches!(self.kind.kind, "compute" | "nfs" | "hostPath" | "workload-template") {
            record["status"] = json!({ "status": if self.kind.family == Family::Environment { "No status" } else { "No issues found" } });
        }
        record
    }
}

/// The spec as kept: secret material dropped, and credentials given their key id.
pub fn kept_spec(kind: &AssetKind, spec: &Value, key_id: i64) -> Value {
    let mut spec: Map<String, Value> = spec.as_object().cloned().unwrap_or_default();
    for secret in kind.secrets {
        spec.remove(*secret);
    }
    if kind.family == Family::Credential {
        spec.insert("keyId".into(), json!(key_id));
    }
    spec.retain(|_, v| !v.is_null());
    Value::Object(spec)
}

/// `AssetUsageInfo`: the workloads that name `id` in their assets annotation.
pub fn usage(id: &str, workloads: &[crate::workloads::Workload]) -> Value {
    let mut used = json!({ "workspaces": [], "trainings": [], "distributed": [], "inferences": [] });
    for w in workloads.iter().filter(|w| uses(w, id)) {
        let list = match w.kind {
            crate::workloads::Type::Workspace => "workspaces",
            crate::workloads::Type::Training => "trainings",
            crate::workloads::Type::Distributed => "distributed",
            crate::workloads::Type::Inference => "inferences",
        };
        used[list].as_array_mut().expect("an array").push(json!({ "id": w.id, "name": w.name, "status": w.phase.name() }));
    }
    used
}

fn uses(w: &crate::workloads::Workload, id: &str) -> bool {
    w.spec["annotations"].as_array().into_iter().flatten().any(|a| {
        a["name"] == ASSETS_ANNOTATION && a["value"].as_str().is_some_and(|ids| ids.split(',').any(|i| i.trim() == id))
    })
}

/// Where a new asset sits, resolved from its `meta` against the organization; `Err` says what
/// is wrong with the scope.
pub fn anchor(meta: &Value, org: &crate::org::Org, clusters: &[crate::records::Cluster]) -> Result<(Place, Option<String>), String> {
    use crate::org::{str_of, Org};
    let text = |k: &str| meta[k].as_str().unwrap_or_default().to_owned();
    match meta["scope"].as_str().unwrap_or_default() {
        "tenant" => Ok((Place::default(), None)),
        "cluster" => {
            let cluster = text("clusterId");
            clusters.iter().any(|c| c.uuid == cluster).then(|| (Place::cluster(&cluster), None)).ok_or(format!("clusterId {cluster:?} is not a cluster of this tenant"))
        }
        "department" => {
            let id = text("departmentId");
            let d = Org::find(&org.departments, &id).ok_or(format!("departmentId {id:?} is not a department"))?;
            Ok((crate::org::place::department(d), None))
        }
        "project" => {
            let id = meta["projectId"].as_i64().map(|n| n.to_string()).unwrap_or_default();
            let p = Org::find(&org.projects, &id).ok_or(format!("projectId {id:?} is not a project"))?;
            Ok((crate::org::place::project(p), Some(str_of(p, "name").to_owned())))
        }
        other => Err(format!("Assets cannot be created in the {other:?} scope; choose tenant, cluster, department or project.")),
    }
}

/// A new asset of `kind` from a creation request's `meta` and `spec`, at `place`.
pub fn new_asset(kind: &'static AssetKind, id: String, request: &Value, spec: &Value, (place, project_name): (Place, Option<String>), by: &str, at: i64, key_id: i64) -> Asset {
    let time = crate::time::rfc3339(at);
    let mut meta = json!({
        "id": id, "kind": kind.kind, "tenantId": crate::records::TENANT_ID, "name": request["name"], "scope": request["scope"],
        "createdBy": by, "createdAt": time, "updatedBy": by, "updatedAt": time, "updateCount": 0,
        "autoDelete": request["autoDelete"].as_bool().unwrap_or(false), "private": request["private"].as_bool().unwrap_or(false),
    });
    for optional in ["description", "workloadSupportedTypes"] {
        if !request[optional].is_null() {
            meta[optional] = request[optional].clone();
        }
    }
    if let Some(cluster) = &place.cluster {
        meta["clusterId"] = json!(cluster);
    }
    if let Some(department) = &place.department {
        meta["departmentId"] = json!(department);
    }
    if let Some(project) = place.project.as_deref().and_then(|p| p.parse::<i64>().ok()) {
        meta["projectId"] = json!(project);
        meta["projectName"] = json!(project_name);
    }
    Asset { kind, meta, spec: kept_spec(kind, spec, key_id), place }
}
