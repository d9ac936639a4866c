//! Workloads in the API's shapes: `Workload` (list and detail), the typed submission answer
//! (`Workspace1` and its siblings), `Pod1`, `Event2`, `HistoryRecord1` and metrics.

use super::{Phase, Workload};
use crate::records::TENANT_ID;
use crate::time::rfc3339;
use serde_json::{json, Value};

fn quantity(gpus: f64) -> Value {
    json!(gpus)
}

/// `Workload`, as lists and the detail answer it.
pub fn workload(w: &Workload, now: i64) -> Value {
    let holds = w.phase.holds_gpus();
    let running = if w.phase == Phase::Running { w.pods } else { 0 };
    let allocated = if holds { w.gpu_demand() } else { 0.0 };
    let so_far = |phase: Phase, total: i64| total + if w.phase == phase { now - w.phase_since } else { 0 };
    let urls: Vec<String> = match w.serving_port.filter(|_| w.phase == Phase::Running) {
        Some(_) => vec![format!("https://{}-{}.inference.example.com", w.name, w.project_name)],
        None => vec![],
    };
    let connections: Vec<Value> = match w.kind {
        super::Type::Workspace if w.phase == Phase::Running => vec![json!({
            "name": "jupyter", "toolType": "jupyter-notebook", "connectionType": "ExternalUrl",
            "url": format!("https://{}.workspaces.example.com/{}/{}/", w.cluster_id.get(..8).unwrap_or(""), w.project_name, w.name),
            "authorizationType": "authenticatedUsers", "containerPort": 8888,
        })],
        _ => vec![],
    };
    let base = json!({
        "tenantId": TENANT_ID, "id": w.id, "name": w.name, "type": w.kind.name(), "category": w.kind.category(),
        "clusterId": w.cluster_id, "projectId": w.project_id, "projectName": w.project_name,
        "departmentId": w.department_id, "departmentName": w.department_name, "namespace": w.namespace(),
        "submittedBy": w.submitted_by, "source": w.source, "createdAt": rfc3339(w.created_at),
        "updatedAt": rfc3339(w.phase_since), "deletedAt": null,
        "phase": w.phase.name(), "phaseMessage": w.phase_message, "phaseReason": w.phase_reason,
        "phaseUpdatedAt": rfc3339(w.phase_since), "k8sPhase": w.phase.k8s(), "k8sPhaseUpdatedAt": rfc3339(w.phase_since),
    });
    let more = json!({
        "conditions": [{ "type": "Ready", "status": if w.phase == Phase::Running { "True" } else { "False" }, "message": w.phase_message,
                         "reason": w.phase.name(), "lastTransitionTime": rfc3339(w.phase_since) }],
        "priority": if w.preemptible { 50 } else { 125 },
        "priorityClassName": if w.preemptible { "train" } else { "build" },
        "preemptible": w.preemptible,
        "runningPods": running,
        "requestedPods": { "number": w.pods },
        "workloadRequestedResources": requested(w),
        "podsRequestedResources": requested(w),
        "allocatedResources": { "gpu": allocated, "cpu": if holds { w.cpu * f64::from(w.pods) } else { 0.0 } },
        "requestedNodePools": w.node_pools,
        "currentNodePools": w.pool.iter().collect::<Vec<_>>(),
        "completedAt": w.completed_at.map(rfc3339),
        "images": [w.image],
        "command": w.command, "arguments": w.args,
        "environmentVariables": w.environment.iter().map(|(k, v)| (k.clone(), json!(v))).collect::<serde_json::Map<String, Value>>(),
        "urls": urls,
        "externalConnections": connections,
        "actionsSupport": { "delete": w.phase != Phase::Deleting, "suspend": w.kind.suspendable() },
        "idleAllocatedGpus": 0.0,
        "totalPendingTimeSeconds": so_far(Phase::Pending, w.pending_secs),
        "totalRunningTimeSeconds": so_far(Phase::Running, w.running_secs),
        "distributedFramework": if w.kind == super::Type::Distributed { "PyTorch" } else { "" },
    });
    let mut v = base;
    v.as_object_mut().unwrap().extend(more.as_object().unwrap().clone());
    v
}

fn requested(w: &Workload) -> Value {
    json!({
        "gpuRequestType": "portion",
        "gpu": { "request": quantity(w.gpus), "limit": null },
        "cpu": { "request": w.cpu, "limit": null },
        "cpuMemory": { "request": w.memory, "limit": null },
    })
}

/// `WorkloadDetailed`: the workload with why it waits.
pub fn detailed(w: &Workload, now: i64) -> Value {
    let mut v = workload(w, now);
    // The contract's messages carry a reason code; waiting for free GPUs has none.
    let messages: Vec<Value> = match (w.phase, w.phase_reason) {
        (Phase::Pending, Some(reason)) => {
            let pool = w.node_pools.first().cloned().unwrap_or_else(|| "default".into());
            vec![json!({ "nodePool": pool, "phaseReason": reason, "reason": "Non-preemptible over quota", "userMessage": w.phase_message })]
        }
        _ => vec![],
    };
    v["pendingSchedulingMessages"] = json!(messages);
    v
}

/// The typed submission answer (`Workspace1`, `Training1`, `Inference1`, `DistributedWorkload`).
pub fn submission(w: &Workload) -> Value {
    let desired = match w.desired {
        super::Desired::Running => "Running",
        super::Desired::Stopped => "Stopped",
        super::Desired::Deleted => "Deleted",
    };
    json!({
        "name": w.name, "requestedName": w.name, "workloadId": w.id, "projectId": w.project_id,
        "departmentId": w.department_id, "clusterId": w.cluster_id, "createdBy": w.submitted_by,
        "createdAt": rfc3339(w.created_at), "deletedAt": null, "desiredPhase": desired,
        "actualPhase": w.phase.name(), "spec": w.spec,
    })
}

/// `Pod1` for each of its pods.
pub fn pods(w: &Workload) -> Vec<Value> {
    (0..w.pods)
        .map(|i| {
            let node = w.nodes.get(i as usize);
            json!({
                "id": format!("{}{:04x}", &w.id[..w.id.len() - 4], i), "name": format!("{}-0-{i}", w.name),
                "workloadId": w.id, "clusterId": w.cluster_id, "projectId": w.project_id, "projectName": w.project_name,
                "workloadName": w.name, "tenantId": TENANT_ID, "priorityClassName": if w.preemptible { "train" } else { "build" },
                "nodeName": node, "currentNodePool": w.pool, "requestedNodePools": w.node_pools,
                "createdAt": rfc3339(w.created_at), "completedAt": w.completed_at.map(rfc3339), "deletedAt": null,
                "k8sPhase": w.phase.k8s(), "k8sPhaseUpdatedAt": rfc3339(w.phase_since), "updatedAt": rfc3339(w.phase_since),
                "containers": [{ "name": "main", "image": w.image, "startedAt": w.running_since.map(rfc3339) }],
                "requestedResources": requested(w),
                "allocatedResources": { "gpu": if node.is_some() { w.gpus } else { 0.0 } },
                "ip": node.map(|_| format!("10.42.{}.{}", i / 200, 10 + i % 200)),
            })
        })
        .collect()
}

/// `Event2`, newest first unless asked otherwise.
pub fn events(w: &Workload, ascending: bool) -> Vec<Value> {
    let mut events: Vec<Value> = w
        .events
        .iter()
        .filter(|e| e.phase.is_none())
        .map(|e| {
            json!({
                "id": e.id, "createdAt": rfc3339(e.at), "type": e.kind, "reason": e.reason, "message": e.message,
                "clusterId": w.cluster_id, "source": "runai-scheduler",
                "involvedObject": { "uid": w.id, "kind": "Workload", "name": w.name, "namespace": w.namespace() },
            })
        })
        .collect();
    if !ascending {
        events.reverse();
    }
    events
}

/// `HistoryRecord1`: phase updates and events, oldest first.
pub fn history(w: &Workload) -> Vec<Value> {
    w.events
        .iter()
        .map(|e| match e.phase {
            Some(phase) => json!({ "meta": { "creationTimestamp": rfc3339(e.at), "type": "PhaseUpdate" },
                                   "spec": { "phaseUpdate": { "phase": phase.name(), "phaseMessage": e.message }, "event": null } }),
            None => json!({ "meta": { "creationTimestamp": rfc3339(e.at), "type": "Event" },
                            "spec": { "event": { "createdAt": rfc3339(e.at), "id": e.id, "type": e.kind, "clusterId": w.cluster_id,
                                                 "message": e.message, "reason": e.reason }, "phaseUpdate": null } }),
        })
        .collect()
}
