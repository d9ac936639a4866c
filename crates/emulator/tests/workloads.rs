//! Workloads that live: the seeded ones in every phase, a submission going through the
//! scheduler to Running and back through stop, run and delete, quota keeping a
//! non-preemptible workload waiting, batch actions, and the answers of events, pods and
//! metrics. Every answer is checked against the contract by the client.

mod support;

use serde_json::{json, Value};
use support::Client;

const PROD: &str = "3f8a1c52-7d4e-4b2a-9c61-0e5d2b8f4a17";

async fn project(c: &Client, name: &str) -> String {
    let found = c.get(&format!("/api/v1/org-unit/projects?filterBy=name=={name}")).await.body;
    found["projects"][0]["id"].as_str().unwrap().to_owned()
}

async fn workload(c: &Client, id: &str) -> Value {
    let answer = c.get(&format!("/api/v1/workloads/{id}")).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.body
}

async fn phase(c: &Client, id: &str) -> String {
    workload(c, id).await["phase"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_seeded_workloads_are_in_every_phase() {
    let c = Client::signed_in().await;
    let list = c.get("/api/v1/workloads?limit=500").await.body;
    let items = list["workloads"].as_array().unwrap();
    assert_eq!(items.len(), 60);
    let phases: Vec<&str> = items.iter().map(|w| w["phase"].as_str().unwrap()).collect();
    for expected in ["Running", "Completed", "Failed", "Pending", "Stopped"] {
        assert!(phases.contains(&expected), "no {expected} workload among {phases:?}");
    }
    for kind in ["workspace", "training", "distributed", "inference"] {
        assert!(items.iter().any(|w| w["type"] == kind), "no {kind}");
    }
    let running = c.get("/api/v1/workloads/count?filterBy=phase==Running").await.body["count"].as_u64().unwrap();
    assert_eq!(running as usize, phases.iter().filter(|p| **p == "Running").count());
    // Sorting reads fields from the records; the answers must agree with it.
    for (field, pointer) in [("allocatedGPU", "/allocatedResources/gpu"), ("totalRunningTimeSeconds", "/totalRunningTimeSeconds"),
                             ("createdAt", "/createdAt"), ("projectName", "/projectName"), ("phase", "/phase"), ("submittedBy", "/submittedBy")] {
        let sorted = c.get(&format!("/api/v1/workloads?sortBy={field}&sortOrder=desc&limit=500")).await.body;
        let values: Vec<Value> = sorted["workloads"].as_array().unwrap().iter().map(|w| w.pointer(pointer).cloned().unwrap()).collect();
        let ordered = values.windows(2).all(|p| match (p[0].as_f64(), p[1].as_f64()) {
            (Some(a), Some(b)) => a >= b,
            _ => p[0].as_str().unwrap_or_default() >= p[1].as_str().unwrap_or_default(),
        });
        assert!(ordered, "sortBy={field} desc: {values:?}");
    }
    // What a failed one went through is in its events.
    let failed = items.iter().find(|w| w["phase"] == "Failed").unwrap();
    let events = c.get(&format!("/api/v1/workloads/{}/events", failed["id"].as_str().unwrap())).await.body;
    assert!(events["events"].as_array().unwrap().iter().any(|e| e["type"] == "Warning"), "{events}");
}

#[tokio::test]
async fn a_workspace_runs_stops_runs_again_and_is_deleted() {
    let c = Client::signed_in().await;
    let project = project(&c, "vision").await;
    let request = json!({ "name": "notebook-1", "projectId": project, "clusterId": PROD,
                          "spec": { "image": "jupyter/base-notebook", "compute": { "gpuDevicesRequest": 1 } } });
    let answer = c.post_json("/api/v1/workloads/workspaces", request.clone()).await;
    assert_eq!(answer.status, 202, "{}", answer.body);
    assert_eq!(answer.body["actualPhase"], "Creating");
    let id = answer.body["workloadId"].as_str().unwrap().to_owned();
    assert_eq!(c.post_json("/api/v1/workloads/workspaces", request).await.status, 400, "names are unique in a project (400: no 409 is declared)");
    c.emulator.state.fast_forward(10);
    assert_eq!(phase(&c, &id).await, "Running");
    let detail = workload(&c, &id).await;
    assert_eq!(detail["allocatedResources"]["gpu"], 1.0);
    assert_eq!(detail["images"][0], "jupyter/base-notebook");
    let pods = c.get(&format!("/api/v1/workloads/{id}/pods")).await.body;
    assert!(pods["pods"][0]["nodeName"].as_str().is_some_and(|n| n.starts_with("prod-dgx")), "{pods}");
    let events = c.get(&format!("/api/v1/workloads/{id}/events?sortOrder=asc")).await.body;
    let reasons: Vec<&str> = events["events"].as_array().unwrap().iter().map(|e| e["reason"].as_str().unwrap()).collect();
    assert_eq!(reasons, ["Scheduled", "Started"]);
    let history = c.get(&format!("/api/v1/workloads/{id}/history")).await.body;
    assert!(history["records"].as_array().unwrap().len() >= 5, "{history}");

    // Metrics while it runs are not zero; before it ran they are.
    c.emulator.state.fast_forward(600);
    let now = workload(&c, &id).await["updatedAt"].as_str().unwrap().to_owned();
    let created = workload(&c, &id).await["createdAt"].as_str().unwrap().to_owned();
    let metrics = c.get(&format!("/api/v1/workloads/{id}/metrics?metricType=GPU_UTILIZATION,GPU_ALLOCATION&start={created}&end=2100-01-01T00:00:00Z&numberOfSamples=50")).await;
    assert_eq!(metrics.status, 200, "{}", metrics.body);
    let utilization = &metrics.body["measurements"][0]["values"];
    let values: Vec<f64> = utilization.as_array().unwrap().iter().map(|v| v["value"].as_str().unwrap().parse().unwrap()).collect();
    assert!(values.first() == Some(&0.0) && values.iter().any(|v| *v > 10.0), "{values:?} (running since {now})");
    let pod = pods["pods"][0]["id"].as_str().unwrap();
    let per_gpu = c.get(&format!("/api/v1/workloads/{id}/pods/{pod}/metrics?metricType=GPU_UTILIZATION_PER_GPU&start={created}&end=2100-01-01T00:00:00Z")).await;
    assert_eq!(per_gpu.status, 200, "{}", per_gpu.body);
    assert_eq!(per_gpu.body["measurements"][0]["labels"]["gpu"], "0");

    assert_eq!(c.post_json(&format!("/api/v1/workloads/workspaces/{id}/suspend"), json!({})).await.status, 202);
    assert_eq!(phase(&c, &id).await, "Stopping");
    c.emulator.state.fast_forward(5);
    assert_eq!(phase(&c, &id).await, "Stopped");
    assert_eq!(workload(&c, &id).await["allocatedResources"]["gpu"], 0.0);
    assert_eq!(c.post_json(&format!("/api/v1/workloads/workspaces/{id}/resume"), json!({})).await.status, 202);
    c.emulator.state.fast_forward(10);
    assert_eq!(phase(&c, &id).await, "Running");
    assert_eq!(c.get(&format!("/api/v1/workloads/trainings/{id}")).await.status, 404, "a workspace is not a training");
    assert_eq!(c.delete(&format!("/api/v1/workloads/workspaces/{id}")).await.status, 202);
    c.emulator.state.fast_forward(5);
    assert_eq!(c.get(&format!("/api/v1/workloads/{id}")).await.status, 404);
}

#[tokio::test]
async fn a_non_preemptible_workload_over_quota_waits_and_says_why() {
    let c = Client::signed_in().await;
    let project = project(&c, "vision").await;
    let requested = |v: &Value| v.pointer("/status/quotaStatus/requested/gpu").and_then(Value::as_f64).unwrap();
    let c = &c;
    let unit = |path: String| async move { c.get(&path).await.body };
    let before = unit(format!("/api/v1/org-unit/projects/{project}")).await;
    let department = format!("/api/v1/org-unit/departments/{}", before["parentId"].as_str().unwrap());
    let department_before = requested(&unit(department.clone()).await);
    let request = json!({ "name": "too-big", "projectId": project, "clusterId": PROD,
                          "spec": { "compute": { "gpuDevicesRequest": 8 }, "preemptibility": "non-preemptible" } });
    // A training: ml-research's policy caps its workspaces at 2 GPUs.
    let id = c.post_json("/api/v1/workloads/trainings", request).await.body["workloadId"].as_str().unwrap().to_owned();
    c.emulator.state.fast_forward(30);
    let w = workload(&c, &id).await;
    assert_eq!(w["phase"], "Pending");
    assert_eq!(w["phaseReason"], "NonPreemptibleOverQuota", "{w}");
    assert!(w["pendingSchedulingMessages"][0]["userMessage"].as_str().unwrap().contains("quota"), "{w}");
    // What waits is demand: requested, not allocated, in the project and its department.
    let after = unit(format!("/api/v1/org-unit/projects/{project}")).await;
    assert_eq!(requested(&after), requested(&before) + 8.0, "{after}");
    assert_eq!(after["status"]["quotaStatus"]["allocated"], before["status"]["quotaStatus"]["allocated"]);
    assert_eq!(requested(&unit(department).await), department_before + 8.0);
}

#[tokio::test]
async fn batch_stops_several_and_says_which_failed() {
    let c = Client::signed_in().await;
    let running = c.get("/api/v1/workloads?filterBy=phase==Running,type==training&limit=2").await.body;
    let mut ids: Vec<Value> = running["workloads"].as_array().unwrap().iter().map(|w| w["id"].clone()).collect();
    assert_eq!(ids.len(), 2);
    ids.push(json!("00000000-0000-4000-8000-000000000000"));
    let answer = c.post_json("/api/v1/workloads/batch", json!({ "ids": ids, "action": "suspend" })).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["succeeded"].as_array().unwrap().len(), 2);
    assert_eq!(answer.body["failed"][0]["code"], 404);
}

#[tokio::test]
async fn the_viewer_sees_only_its_department_and_cannot_submit() {
    let mut c = Client::start(Default::default()).await;
    c.sign_in(runai_emulator::VIEWER_CLIENT_ID, runai_emulator::VIEWER_CLIENT_SECRET).await;
    let list = c.get("/api/v1/workloads?limit=500").await.body;
    let departments: Vec<&str> = list["workloads"].as_array().unwrap().iter().map(|w| w["departmentName"].as_str().unwrap()).collect();
    assert!(departments.iter().all(|d| *d == "ml-research"), "{departments:?}");
    let request = json!({ "name": "nope", "projectId": "x", "clusterId": PROD });
    assert_eq!(c.post_json("/api/v1/workloads/workspaces", request).await.status, 403);
}

#[tokio::test]
async fn what_runs_is_what_projects_and_departments_hold() {
    let c = Client::signed_in().await;
    let project = project(&c, "vision").await;
    let allocated = |v: &Value| v.pointer("/status/quotaStatus/allocated/gpu").and_then(Value::as_f64).unwrap();
    let before = c.get(&format!("/api/v1/org-unit/projects/{project}")).await.body;
    let department = before["parentId"].as_str().unwrap().to_owned();
    let department_before = allocated(&c.get(&format!("/api/v1/org-unit/departments/{department}")).await.body);
    let request = json!({ "name": "holder", "projectId": project, "clusterId": PROD,
                          "spec": { "compute": { "gpuDevicesRequest": 1 }, "preemptibility": "preemptible" } });
    let id = c.post_json("/api/v1/workloads/workspaces", request).await.body["workloadId"].as_str().unwrap().to_owned();
    c.emulator.state.fast_forward(10);
    let w = workload(&c, &id).await;
    assert_eq!(w["phase"], "Running", "{w}");
    let running: f64 = c.get("/api/v1/workloads?filterBy=projectName==vision&limit=500").await.body["workloads"]
        .as_array().unwrap().iter().map(|w| w["allocatedResources"]["gpu"].as_f64().unwrap()).sum();
    let after = c.get(&format!("/api/v1/org-unit/projects/{project}")).await.body;
    assert_eq!(allocated(&after), running, "the project holds what its workloads hold");
    assert_eq!(allocated(&after), allocated(&before) + 1.0);
    let department_after = allocated(&c.get(&format!("/api/v1/org-unit/departments/{department}")).await.body);
    assert_eq!(department_after, department_before + 1.0);

    // Its CPU and memory too, as the project's metrics count them now (millicores and MB).
    let now = c.emulator.state.tenant.lock().unwrap().workloads.now();
    // (Samples start at `start`: the last of two over the last two seconds is after it began.)
    let window = format!("start={}&end={}&numberOfSamples=2", runai_emulator::time::rfc3339(now - 2), runai_emulator::time::rfc3339(now));
    let metrics = c.get(&format!("/api/v1/org-unit/projects/{project}/metrics?metricType=CPU_ALLOCATION_MILLICORES,CPU_MEMORY_ALLOCATION_MB&{window}")).await.body;
    let last = |kind: &str| {
        let m = metrics["measurements"].as_array().unwrap().iter().find(|m| m["type"] == kind).unwrap();
        m["values"].as_array().unwrap().last().unwrap()["value"].as_str().unwrap().parse::<f64>().unwrap()
    };
    let held = |kind: &str| after.pointer(&format!("/status/quotaStatus/allocated/{kind}")).and_then(Value::as_f64).unwrap();
    assert!(held("cpu") > 0.0 && held("memory") > 0.0, "{after}");
    assert!((held("cpu") - last("CPU_ALLOCATION_MILLICORES")).abs() < 1e-6, "{after}\n{metrics}");
    assert!((held("memory") - last("CPU_MEMORY_ALLOCATION_MB")).abs() < 1e-6, "{after}\n{metrics}");
}

#[tokio::test]
async fn telemetry_counts_and_sums_what_runs() {
    let c = Client::signed_in().await;
    let list = c.get("/api/v1/workloads?limit=500").await.body;
    let items = list["workloads"].as_array().unwrap();
    let sum = |v: &Value| v["values"].as_array().unwrap().iter().map(|x| x["value"].as_str().unwrap().parse::<f64>().unwrap()).sum::<f64>();
    let by_phase = c.get("/api/v1/workloads/telemetry?telemetryType=WORKLOADS_COUNT&groupBy=Phase").await;
    assert_eq!(by_phase.status, 200, "{}", by_phase.body);
    assert_eq!(sum(&by_phase.body), items.len() as f64);
    assert!(by_phase.body["values"].as_array().unwrap().iter().all(|v| v["groups"][0]["key"] == "Phase"));
    let gpus = c.get("/api/v1/workloads/telemetry?telemetryType=GPU_ALLOCATION&groupBy=ProjectId,Type").await.body;
    let allocated: f64 = items.iter().map(|w| w["allocatedResources"]["gpu"].as_f64().unwrap()).sum();
    assert_eq!(sum(&gpus), allocated);
    let running = c.get("/api/v1/workloads/telemetry?telemetryType=WORKLOADS_COUNT&filterByPhases=Running").await.body;
    assert_eq!(sum(&running), items.iter().filter(|w| w["phase"] == "Running").count() as f64);
    let waiting = c.get("/api/v1/workloads/telemetry?telemetryType=PENDING_TIME_DISTRIBUTION").await.body;
    assert_eq!(sum(&waiting), items.iter().filter(|w| w["phase"] == "Pending").count() as f64);
    assert_eq!(c.get("/api/v1/workloads/telemetry?telemetryType=NOPE").await.status, 400);
}

#[tokio::test]
async fn a_node_lists_the_pods_that_run_on_it_with_their_workloads() {
    let c = Client::signed_in().await;
    let all = c.get("/api/v1/workloads/pods?limit=500").await;
    assert_eq!(all.status, 200, "{}", all.body);
    let pods = all.body["pods"].as_array().unwrap();
    let node = pods.iter().find_map(|p| p["nodeName"].as_str()).expect("a pod on a node").to_owned();
    let on_node = c.get(&format!("/api/v1/workloads/pods?filterBy=nodeName=={node}&verbosity=full")).await;
    assert_eq!(on_node.status, 200, "{}", on_node.body);
    let listed = on_node.body["pods"].as_array().unwrap();
    assert!(!listed.is_empty() && listed.iter().all(|p| p["nodeName"] == node.as_str() && p["workloadName"].is_string()), "{listed:?}");
    let expected = pods.iter().filter(|p| p["nodeName"] == node.as_str()).count();
    assert_eq!(listed.len(), expected);
    let count = c.get(&format!("/api/v1/workloads/pods/count?filterBy=nodeName=={node}")).await;
    assert_eq!(count.body["count"], expected, "{}", count.body);
    assert_eq!(c.get("/api/v1/workloads/pods?filterBy=podName==x").await.status, 400, "only the declared fields filter");
}
