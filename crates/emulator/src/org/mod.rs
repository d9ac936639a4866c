//! The organization of the tenant: node pools, nodes, departments and projects, kept as the
//! JSON records the API answers with, and the rules that keep them consistent.

pub mod quota;
pub mod seed;

use crate::time::{now_secs, rfc3339};
use quota::PoolRef;
use serde_json::{json, Value};

#[derive(Debug, Default)]
pub struct Org {
    pub nodepools: Vec<Value>,
    pub nodes: Vec<Value>,
    pub departments: Vec<Value>,
    pub projects: Vec<Value>,
    /// Last id given to a node pool.
    pub last_id: u64,
    /// Last id given to a department or project.
    pub last_unit_id: u64,
}

/// Kubernetes-style names (DNS-1123 labels): lowercase alphanumerics and '-', at most 63.
pub fn check_k8s_name(name: &str, what: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 63
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(format!("{what} name must be 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit"))
    }
}

/// A node's CPU cores, memory and memory per GPU (bytes), by its GPU type, since node records
/// carry no capacity: a table of plausible machines (CPU-only nodes have no GPU memory).
#[derive(Debug, Default, Clone, Copy)]
pub struct Capacity {
    pub cores: f64,
    pub memory: f64,
    pub memory_per_gpu: f64,
}

const GIB: f64 = 1024.0 * 1024.0 * 1024.0;

pub fn capacity(gpu_type: &str) -> Capacity {
    let (cores, memory_gib, gpu_gb) = match gpu_type {
        t if t.contains("H100") => (224.0, 2048.0, 80.0),
        t if t.contains("A100") && t.contains("80GB") => (256.0, 2048.0, 80.0),
        t if t.contains("A100") => (128.0, 1024.0, 40.0),
        t if t.contains("L40S") => (64.0, 512.0, 48.0),
        t if t.contains("V100") => (48.0, 384.0, 32.0),
        "" => (64.0, 256.0, 0.0),
        _ => (96.0, 768.0, 24.0),
    };
    Capacity { cores, memory: memory_gib * GIB, memory_per_gpu: gpu_gb * 1e9 }
}

pub fn str_of<'a>(record: &'a Value, field: &str) -> &'a str {
    record.get(field).and_then(Value::as_str).unwrap_or_default()
}

/// Where org records sit, for scope checks.
pub mod place {
    use super::str_of;
    use crate::authz::Place;
    use serde_json::Value;

    fn some(v: &str) -> Option<String> {
        Some(v.to_owned()).filter(|v| !v.is_empty())
    }
    pub fn department(d: &Value) -> Place {
        Place { cluster: some(str_of(d, "clusterId")), department: some(str_of(d, "id")), project: None }
    }
    pub fn project(p: &Value) -> Place {
        Place { cluster: some(str_of(p, "clusterId")), department: some(str_of(p, "parentId")), project: some(str_of(p, "id")) }
    }
    pub fn nodepool(p: &Value) -> Place {
        Place::cluster(str_of(p, "clusterId"))
    }
    pub fn node(n: &Value) -> Place {
        Place::cluster(str_of(n, "clusterUuid"))
    }
    /// The place a scope names (`tenant`, or a cluster, department or project by id), if its
    /// unit exists (a cluster is taken at its word).
    pub fn of_scope(org: &super::Org, scope_type: &str, id: &str) -> Option<Place> {
        match scope_type {
            "system" | "tenant" => Some(Place::default()),
            "cluster" => Some(Place::cluster(id)),
            "department" => super::Org::find(&org.departments, id).map(department),
            "project" => super::Org::find(&org.projects, id).map(project),
            _ => None,
        }
    }
}

impl Org {
    /// A new node pool id, UUID-shaped (deterministic, version 4 form).
    pub fn new_id(&mut self) -> String {
        self.last_id += 1;
        format!("0e9a1d00-{:04x}-4000-8000-{:012x}", self.last_id >> 48, self.last_id & 0xffff_ffff_ffff)
    }

    /// A new department or project id: a number, as the control plane gives them (the asset
    /// API names a project by an int32 `projectId`), written as a string as the contract says.
    pub fn new_unit_id(&mut self) -> String {
        self.last_unit_id += 1;
        (4_500_000 + self.last_unit_id).to_string()
    }

    pub fn pools_of(&self, cluster: &str) -> Vec<PoolRef<'_>> {
        self.nodepools
            .iter()
            .filter(|p| str_of(p, "clusterId") == cluster)
            .map(|p| PoolRef { id: str_of(p, "id"), name: str_of(p, "name") })
            .collect()
    }

    pub fn find<'a>(records: &'a [Value], id: &str) -> Option<&'a Value> {
        records.iter().find(|r| str_of(r, "id") == id)
    }

    /// A department record from a validated `DepartmentCreationRequest`.
    pub fn department(&self, id: String, body: &Value, resources: Value, at: i64) -> Value {
        let mut d = json!({
            "id": id, "name": body["name"], "clusterId": body["clusterId"],
            "description": body.get("description").cloned().unwrap_or(json!("")),
            "createdAt": rfc3339(at), "updatedAt": rfc3339(at), "createdBy": "demo-admin", "updatedBy": "demo-admin",
            "children": [], "overtimeData": overtime(0.0),
        });
        set_policies(&mut d, body);
        set_resources(&mut d, resources);
        d
    }

    /// A project record from a validated `ProjectCreationRequest` under department `parent`.
    pub fn project(&self, id: String, body: &Value, parent: &Value, resources: Value, at: i64) -> Value {
        let name = body["name"].as_str().unwrap_or_default();
        let namespace = body.get("requestedNamespace").and_then(Value::as_str).map_or(format!("runai-{name}"), str::to_owned);
        let mut p = json!({
            "id": id, "name": name, "clusterId": body["clusterId"], "parentId": parent["id"],
            "parent": { "id": parent["id"], "name": parent["name"], "parent": null },
            "requestedNamespace": body.get("requestedNamespace").cloned().unwrap_or(Value::Null),
            "enforceRunaiScheduler": body.get("enforceRunaiScheduler").and_then(Value::as_bool).unwrap_or(true),
            "description": body.get("description").cloned().unwrap_or(json!("")),
            "createdAt": rfc3339(at), "updatedAt": rfc3339(at), "createdBy": "demo-admin", "updatedBy": "demo-admin",
            "status": { "phase": "Ready", "namespace": namespace, "phaseMessage": null, "lastUpdatedTime": rfc3339(at) },
            "overtimeData": overtime(0.0),
        });
        set_policies(&mut p, body);
        set_resources(&mut p, resources);
        p
    }

    /// Allocation is what runs: each project's GPUs per node pool, from `held` (keyed by
    /// project id and pool name), and each department's, the sum of its projects'. What is
    /// requested adds the GPUs of the workloads `waiting` to be scheduled.
    pub fn set_allocation(&mut self, held: &Holdings, waiting: &Holdings) {
        let mut by_department: [Holdings; 2] = Default::default();
        for p in &mut self.projects {
            let (id, parent) = (str_of(p, "id").to_owned(), str_of(p, "parentId").to_owned());
            let [mine, wanted] = [held, waiting].map(|h| of_unit(h, &id));
            for (sum, units) in by_department.iter_mut().zip([&mine, &wanted]) {
                for (pool, amounts) in units {
                    let into: &mut [f64; 3] = sum.entry((parent.clone(), pool.clone())).or_default();
                    into.iter_mut().zip(amounts).for_each(|(s, a)| *s += a);
                }
            }
            write_allocation(p, &mine, &wanted);
        }
        for d in &mut self.departments {
            let id = str_of(d, "id").to_owned();
            let [mine, wanted] = [&by_department[0], &by_department[1]].map(|h| of_unit(h, &id));
            write_allocation(d, &mine, &wanted);
        }
    }

    /// Keeps each department's `children` (its projects) in step with the projects.
    pub fn relink_children(&mut self) {
        for d in &mut self.departments {
            let id = str_of(d, "id").to_owned();
            let children: Vec<Value> = self
                .projects
                .iter()
                .filter(|p| str_of(p, "parentId") == id)
                .map(|p| json!({ "id": p["id"], "name": p["name"], "children": [] }))
                .collect();
            d["children"] = Value::Array(children);
        }
    }
}

/// Scheduling rules, default node pools and node types, as given. A project also reports
/// them as `effective` (with no department-level policies here, they are its own).
pub fn set_policies(record: &mut Value, body: &Value) {
    for field in ["schedulingRules", "defaultNodePools"] {
        record[field] = body.get(field).cloned().unwrap_or(Value::Null);
    }
    record["nodeTypes"] = body.get("nodeTypes").cloned().filter(Value::is_object).unwrap_or(json!({ "training": [], "workspace": [] }));
    if record.get("parentId").is_some() {
        record["effective"] = json!({
            "schedulingRules": record["schedulingRules"], "defaultNodePools": record["defaultNodePools"],
            "nodeTypes": record["nodeTypes"],
        });
    }
}

/// Quotas, their totals, and a quota status whose allocation is a stable share of them.
pub fn set_resources(record: &mut Value, resources: Value) {
    record["totalResources"] = quota::totals(&resources);
    let allocated = |r: &Value, kind: &str, share: f64| (r.pointer(&format!("/{kind}/deserved")).and_then(Value::as_f64).unwrap_or(0.0).max(0.0) * share).round();
    let share = 0.5;
    let statuses: Vec<Value> = resources
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            let use_ = json!({ "gpu": allocated(r, "gpu", share), "cpu": allocated(r, "cpu", share), "memory": allocated(r, "memory", share) });
            json!({ "nodePoolId": r["nodePool"]["id"], "nodePoolName": r["nodePool"]["name"],
                    "allocated": use_, "allocatedNonPreemptible": use_, "requested": use_ })
        })
        .collect();
    let sum = |kind: &str| statuses.iter().filter_map(|s| s["allocated"][kind].as_f64()).sum::<f64>();
    let total = json!({ "gpu": sum("gpu"), "cpu": sum("cpu"), "memory": sum("memory") });
    record["resources"] = resources;
    if !record["status"].is_object() {
        record["status"] = json!({});
    }
    record["status"]["nodePoolQuotaStatuses"] = Value::Array(statuses);
    record["status"]["quotaStatus"] = json!({ "allocated": total, "allocatedNonPreemptible": total, "requested": total });
    if let Some(gpu) = total["gpu"].as_f64() {
        record["overtimeData"] = overtime(gpu);
    }
}

/// (GPUs, CPU millicores, memory MB) by (org unit id, node pool name).
pub type Holdings = std::collections::HashMap<(String, String), [f64; 3]>;

/// One unit's share of `h`, as (pool name, GPUs).
fn of_unit(h: &Holdings, unit: &str) -> Vec<(String, [f64; 3])> {
    h.iter().filter(|((u, _), _)| u == unit).map(|((_, pool), amounts)| (pool.clone(), *amounts)).collect()
}

/// Sets the GPUs, CPU millicores and memory MB a unit holds (`held`) and asks for (`held` and
/// `waiting`), per node pool and in total; the total counts pools without a quota too
/// (over-quota work).
fn write_allocation(unit: &mut Value, held: &[(String, [f64; 3])], waiting: &[(String, [f64; 3])]) {
    let sum = |h: &[(String, [f64; 3])], pool: Option<&str>| {
        h.iter().filter(|(p, _)| pool.is_none_or(|pool| p == pool)).fold([0.0; 3], |s, (_, a)| [s[0] + a[0], s[1] + a[1], s[2] + a[2]])
    };
    let in_pool = |h: &[(String, [f64; 3])], pool: &str| sum(h, Some(pool));
    let total = |h: &[(String, [f64; 3])]| sum(h, None);
    let write = |status: &mut Value, has: [f64; 3], wants: [f64; 3]| {
        for (i, kind) in ["gpu", "cpu", "memory"].into_iter().enumerate() {
            status["allocated"][kind] = json!(has[i]);
            status["allocatedNonPreemptible"][kind] = json!(has[i]);
            status["requested"][kind] = json!(has[i] + wants[i]);
        }
    };
    if let Some(statuses) = unit.pointer_mut("/status/nodePoolQuotaStatuses").and_then(Value::as_array_mut) {
        for s in statuses {
            let pool = s["nodePoolName"].as_str().unwrap_or_default().to_owned();
            write(s, in_pool(held, &pool), in_pool(waiting, &pool));
        }
    }
    if let Some(quota) = unit.pointer_mut("/status/quotaStatus") {
        write(quota, total(held), total(waiting));
    }
}

fn overtime(gpu: f64) -> Value {
    let range = |f: f64| json!({ "averageGpuAllocation": gpu * f, "averageGpuUtilization": (gpu * f * 7.0) % 100.0,
                               "averageGpuMemoryUtilization": (gpu * f * 5.0) % 100.0, "updatedAt": rfc3339(now_secs() - 600) });
    json!({ "range24hData": range(1.0), "range7dData": range(0.9), "range30dData": range(0.8) })
}
