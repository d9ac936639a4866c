//! Which operations of the contract the emulator serves. The list is data, not read from the
//! router, so that tools outside (schemathesis) can be pointed at exactly these; a test
//! (`tests/served.rs`) proves it exact: each of these is routed, every other operation of the
//! document answers the JSON 404 of an unserved path.

use serde_json::{Map, Value};

pub const SERVED: &[(&str, &str)] = &[
    ("GET", "/api/v1/access-keys"),
    ("POST", "/api/v1/access-keys"),
    ("DELETE", "/api/v1/access-keys/{accessKeyId}"),
    ("GET", "/api/v1/access-keys/{accessKeyId}"),
    ("POST", "/api/v1/access-keys/{accessKeyId}/secret"),
    ("GET", "/api/v1/administration/access-keys"),
    ("DELETE", "/api/v1/administration/access-keys/{accessKeyId}"),
    ("GET", "/api/v1/apps"),
    ("POST", "/api/v1/apps"),
    ("DELETE", "/api/v1/apps/{appId}"),
    ("GET", "/api/v1/apps/{appId}"),
    ("PATCH", "/api/v1/apps/{appId}"),
    ("POST", "/api/v1/apps/{appId}/secret"),
    ("GET", "/api/v1/authorization/access-rules"),
    ("POST", "/api/v1/authorization/access-rules"),
    ("GET", "/api/v1/authorization/access-rules/count"),
    ("DELETE", "/api/v1/authorization/access-rules/{accessRuleId}"),
    ("GET", "/api/v1/authorization/access-rules/{accessRuleId}"),
    ("GET", "/api/v1/authorization/me/access-rules"),
    ("GET", "/api/v1/authorization/me/access-rules/count"),
    ("GET", "/api/v1/authorization/permissions"),
    ("POST", "/api/v1/authorization/permitted-scopes"),
    ("GET", "/api/v1/authorization/roles"),
    ("GET", "/api/v1/authorization/roles/{roleIdPath}"),
    ("GET", "/api/v1/clusters"),
    ("GET", "/api/v1/clusters/{clusterUuid}"),
    ("GET", "/api/v1/clusters/{clusterUuid}/nodes"),
    ("GET", "/api/v1/clusters/{clusterUuid}/nodes/count"),
    ("GET", "/api/v1/node-pools"),
    ("POST", "/api/v1/node-pools"),
    ("GET", "/api/v1/node-pools/count"),
    ("DELETE", "/api/v1/node-pools/{nodepoolId}"),
    ("GET", "/api/v1/node-pools/{nodepoolId}"),
    ("PATCH", "/api/v1/node-pools/{nodepoolId}"),
    ("PUT", "/api/v1/node-pools/{nodepoolId}"),
    ("GET", "/api/v1/nodes"),
    ("GET", "/api/v1/nodes/count"),
    ("GET", "/api/v1/org-unit/departments"),
    ("POST", "/api/v1/org-unit/departments"),
    ("GET", "/api/v1/org-unit/departments/count"),
    ("DELETE", "/api/v1/org-unit/departments/{departmentId}"),
    ("GET", "/api/v1/org-unit/departments/{departmentId}"),
    ("PUT", "/api/v1/org-unit/departments/{departmentId}"),
    ("GET", "/api/v1/org-unit/projects"),
    ("POST", "/api/v1/org-unit/projects"),
    ("GET", "/api/v1/org-unit/projects/count"),
    ("DELETE", "/api/v1/org-unit/projects/{projectId}"),
    ("GET", "/api/v1/org-unit/projects/{projectId}"),
    ("PUT", "/api/v1/org-unit/projects/{projectId}"),
    ("GET", "/api/v1/service-accounts"),
    ("POST", "/api/v1/service-accounts"),
    ("DELETE", "/api/v1/service-accounts/{serviceAccountId}"),
    ("GET", "/api/v1/service-accounts/{serviceAccountId}"),
    ("PATCH", "/api/v1/service-accounts/{serviceAccountId}"),
    ("POST", "/api/v1/service-accounts/{serviceAccountId}/secret"),
    ("POST", "/api/v1/token"),
    ("GET", "/api/v1/users"),
    ("POST", "/api/v1/users"),
    ("GET", "/api/v1/users/count"),
    ("DELETE", "/api/v1/users/{userId}"),
    ("GET", "/api/v1/users/{userId}"),
    ("POST", "/api/v1/users/{userId}/logout"),
    ("POST", "/api/v1/users/{userId}/password"),
    ("POST", "/api/v2/token"),
    ("GET", "/api/v1/workloads"),
    ("GET", "/api/v1/workloads/count"),
    ("POST", "/api/v1/workloads/batch"),
    ("GET", "/api/v1/workloads/telemetry"),
    ("GET", "/api/v1/workloads/{workloadId}"),
    ("GET", "/api/v1/workloads/{workloadId}/events"),
    ("GET", "/api/v1/workloads/{workloadId}/history"),
    ("GET", "/api/v1/workloads/{workloadId}/pods"),
    ("GET", "/api/v1/workloads/pods"),
    ("GET", "/api/v1/workloads/pods/count"),
    ("GET", "/api/v1/workloads/{workloadId}/metrics"),
    ("GET", "/api/v1/workloads/{workloadId}/pods/{podId}/metrics"),
    ("POST", "/api/v1/workloads/workspaces"),
    ("GET", "/api/v1/workloads/workspaces/{workloadId}"),
    ("DELETE", "/api/v1/workloads/workspaces/{workloadId}"),
    ("POST", "/api/v1/workloads/workspaces/{workloadId}/suspend"),
    ("POST", "/api/v1/workloads/workspaces/{workloadId}/resume"),
    ("POST", "/api/v1/workloads/trainings"),
    ("GET", "/api/v1/workloads/trainings/{workloadId}"),
    ("DELETE", "/api/v1/workloads/trainings/{workloadId}"),
    ("POST", "/api/v1/workloads/trainings/{workloadId}/suspend"),
    ("POST", "/api/v1/workloads/trainings/{workloadId}/resume"),
    ("POST", "/api/v1/workloads/distributed"),
    ("GET", "/api/v1/workloads/distributed/{workloadId}"),
    ("DELETE", "/api/v1/workloads/distributed/{workloadId}"),
    ("POST", "/api/v1/workloads/distributed/{workloadId}/suspend"),
    ("POST", "/api/v1/workloads/distributed/{workloadId}/resume"),
    ("POST", "/api/v1/workloads/inferences"),
    ("GET", "/api/v1/workloads/inferences/{workloadId}"),
    ("DELETE", "/api/v1/workloads/inferences/{workloadId}"),
];

/// The honoured document (see `contract::UNDECLARED_400`) with only the served operations.
pub fn served_document() -> Value {
    let mut doc = crate::contract::contract().document().clone();
    let mut paths = Map::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        let mut kept = Map::new();
        for (key, value) in item.as_object().expect("a path item") {
            let served = SERVED.iter().any(|(m, p)| p == path && m.eq_ignore_ascii_case(key));
            if served || key == "parameters" {
                kept.insert(key.clone(), value.clone());
            }
        }
        if kept.keys().any(|k| k != "parameters") {
            paths.insert(path.clone(), Value::Object(kept));
        }
    }
    doc["paths"] = Value::Object(paths);
    doc
}
