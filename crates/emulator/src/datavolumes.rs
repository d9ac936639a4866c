//! Data volumes (`/api/v1/datavolumes`): a copy of a project's PVC that other scopes may mount.
//! A volume originates in one project (the namespace of its PVC) and is shared with clusters,
//! departments or projects; it is usable in its own project and in every project a shared
//! scope contains. Its copy takes a few seconds: the phase is `Creating`, then `Ready`.

use crate::authz::Place;
use crate::org::{str_of, Org};
use crate::time::rfc3339;
use serde_json::{json, Value};

/// Seconds a new volume's copy takes.
const COPY_SECS: i64 = 3;

#[derive(Clone, Debug)]
pub struct DataVolume {
    /// The API's `Datavolume`, `sharedScopes` included, phase as last settled.
    pub record: Value,
    pub ready_at: i64,
}

impl DataVolume {
    pub fn new(id: String, body: &Value, project: &Value, by: &str, now: i64) -> Self {
        let name = body["name"].as_str().unwrap_or_default();
        let pv = format!("pvc-{}", id.get(..8).unwrap_or(&id));
        let mut record = json!({
            "id": id, "name": name, "originPvcName": body["originPvcName"],
            "projectId": project["id"], "projectName": project["name"], "departmentId": project["parentId"], "clusterId": project["clusterId"],
            "shouldDeleteOriginalVolume": false, "useOriginalVolume": body["useOriginalVolume"].as_bool().unwrap_or(true),
            "createdAt": rfc3339(now), "createdBy": by, "updatedAt": rfc3339(now), "updatedBy": by,
            "status": { "phase": "Creating", "datavolumePvcName": format!("dv-{name}"), "datavolumePvName": pv },
            "sharedScopes": [],
        });
        if let Some(description) = body["description"].as_str() {
            record["description"] = json!(description);
        }
        DataVolume { record, ready_at: now + COPY_SECS }
    }

    pub fn id(&self) -> &str {
        str_of(&self.record, "id")
    }

    /// The origin project's place: where the volume's permissions are checked.
    pub fn place(&self) -> Place {
        let r = &self.record;
        let some = |k: &str| Some(str_of(r, k).to_owned());
        Place { cluster: some("clusterId"), department: some("departmentId"), project: some("projectId") }
    }

    /// The record as of `now`, without its shared scopes when `shared` is false (lists and
    /// updates answer `DatavolumeNoSharedScopes`).
    pub fn view(&self, now: i64, shared: bool) -> Value {
        let mut v = self.record.clone();
        if now >= self.ready_at {
            v["status"]["phase"] = json!("Ready");
        }
        if !shared {
            v.as_object_mut().expect("an object").remove("sharedScopes");
        }
        v
    }

    /// Whether a workload in `project` may mount it: it is the origin, or a shared scope holds it.
    pub fn usable_in(&self, project: &Value) -> bool {
        if str_of(&self.record, "projectId") == str_of(project, "id") {
            return true;
        }
        let scopes = self.record["sharedScopes"].as_array().into_iter().flatten();
        scopes.into_iter().any(|s| {
            let id = str_of(s, "scopeId");
            match str_of(s, "scopeType") {
                "cluster" => str_of(project, "clusterId") == id,
                "department" => str_of(project, "parentId") == id,
                _ => str_of(project, "id") == id,
            }
        })
    }
}

/// Each data volume a workload spec mounts (`storage.dataVolume`) must be one usable in its
/// project.
pub fn check_mounts(volumes: &[DataVolume], project: &Value, spec: &Value) -> Result<(), String> {
    for mount in spec["storage"]["dataVolume"].as_array().into_iter().flatten() {
        let id = mount["id"].as_str().unwrap_or_default();
        if !volumes.iter().any(|v| v.id() == id && v.usable_in(project)) {
            return Err(format!("Data volume {id} is not usable in project {}.", str_of(project, "name")));
        }
    }
    Ok(())
}

/// A list field as `filterBy`/`sortBy` name it.
pub fn read(v: &DataVolume, field: &str) -> Option<Value> {
    if field == "phase" {
        return v.record.pointer("/status/phase").cloned();
    }
    v.record.get(field).cloned()
}

/// The name of a scope a volume may be shared with, if it exists.
pub fn scope_name(org: &Org, clusters: &[crate::records::Cluster], scope_type: &str, id: &str) -> Option<String> {
    match scope_type {
        "cluster" => clusters.iter().find(|c| c.uuid == id).map(|c| c.name.clone()),
        "department" => Org::find(&org.departments, id).map(|d| str_of(d, "name").to_owned()),
        "project" => Org::find(&org.projects, id).map(|p| str_of(p, "name").to_owned()),
        _ => None,
    }
}

/// Two volumes: ImageNet copied out of vision and shared with all of ml-research, and
/// production's chat evaluation sets, copied out of chat-assist and shared with llm-eval.
pub fn seed(org: &Org, epoch: i64) -> Vec<DataVolume> {
    let project = |name: &str| org.projects.iter().find(|p| str_of(p, "name") == name).cloned().unwrap_or_default();
    let department = |name: &str| org.departments.iter().find(|d| str_of(d, "name") == name).cloned().unwrap_or_default();
    let share = |scope_type: &str, unit: &Value, at: i64| {
        json!({ "scopeType": scope_type, "scopeId": unit["id"], "scopeName": unit["name"], "createdAt": rfc3339(at), "createdBy": "admin@example.com" })
    };
    let mut volumes = Vec::new();
    for (i, (name, pvc, origin, description, shared)) in [
        ("imagenet-2012", "imagenet-raw", "vision", "ImageNet 2012, train and validation", share("department", &department("ml-research"), epoch + 86_400)),
        ("eval-sets", "chat-eval-data", "chat-assist", "Held-out evaluation sets for chat models", share("project", &project("llm-eval"), epoch + 2 * 86_400)),
    ]
    .into_iter()
    .enumerate()
    {
        let at = epoch + i as i64 * 3_600;
        let id = format!("da7a0000-0000-4000-8000-{:012x}", i + 1);
        let body = json!({ "name": name, "originPvcName": pvc, "description": description });
        let mut volume = DataVolume::new(id, &body, &project(origin), "admin@example.com", at);
        volume.record["sharedScopes"] = json!([shared]);
        volumes.push(volume);
    }
    volumes
}
