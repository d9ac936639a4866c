//! Metrics of clusters, node pools, departments and projects, consistent with what runs: a
//! cluster's allocated GPUs are its node pools', a department's its projects', sample by
//! sample, and every answer is within the contract.

mod support;

use runai_emulator::Options;
use serde_json::Value;
use support::Client;

const PROD: &str = "3f8a1c52-7d4e-4b2a-9c61-0e5d2b8f4a17";

/// The last six hours (the seeded workloads' lifetimes), in 72 samples.
fn window() -> String {
    use runai_emulator::time::{now_secs, rfc3339};
    let now = now_secs();
    format!("start={}&end={}&numberOfSamples=72", rfc3339(now - 6 * 3_600), rfc3339(now))
}

/// The values of the first series of an answer.
fn values(answer: &Value) -> Vec<f64> {
    series(answer, 0)
}

/// The values of series `i` of an answer.
fn series(answer: &Value, i: usize) -> Vec<f64> {
    let values = answer["measurements"][i]["values"].as_array().expect("a series");
    values.iter().map(|v| v["value"].as_str().unwrap().parse().unwrap()).collect()
}

fn add(a: &mut Vec<f64>, b: &[f64]) {
    if a.is_empty() {
        a.resize(b.len(), 0.0);
    }
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

fn close(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 0.05)
}

/// A frozen clock, so that every request sees the same moment.
async fn frozen() -> Client {
    Client::signed_in_with(Options { speed: 0.0, ..Options::default() }).await
}

#[tokio::test]
async fn a_cluster_allocates_what_its_node_pools_do() {
    let c = frozen().await;
    let w = &window();
    let cluster = c.get(&format!("/api/v1/clusters/{PROD}/metrics?metricType=ALLOCATED_GPU,TOTAL_GPU,GPU_UTILIZATION&{}", w)).await.body;
    let total = values(&cluster);
    assert!(total.iter().any(|g| *g > 0.0), "something runs in the seeded tenant: {total:?}");
    let capacity = series(&cluster, 1);
    assert!(capacity.iter().all(|g| *g > 0.0 && total.iter().all(|t| t <= g)), "allocation within capacity");
    let pools = c.get(&format!("/api/v1/node-pools?filterBy=clusterId=={PROD}")).await.body;
    let mut summed = Vec::new();
    for pool in pools["nodepools"].as_array().unwrap() {
        let name = pool["name"].as_str().unwrap();
        let answer = c.get(&format!("/api/v1/clusters/{PROD}/nodepools/{name}/metrics?metricType=ALLOCATED_GPU&{}", w)).await.body;
        add(&mut summed, &values(&answer));
    }
    assert!(close(&summed, &total), "node pools {summed:?} against the cluster {total:?}");
    assert_eq!(c.get(&format!("/api/v1/clusters/{PROD}/nodepools/no-such-pool/metrics?metricType=ALLOCATED_GPU&{}", w)).await.status, 404);
}

#[tokio::test]
async fn a_department_allocates_what_its_projects_do() {
    let c = frozen().await;
    let w = &window();
    let departments = c.get("/api/v1/org-unit/departments?filterBy=name==ml-research").await.body;
    let department = &departments["departments"][0];
    let id = department["id"].as_str().unwrap();
    let own = values(&c.get(&format!("/api/v1/org-unit/departments/{id}/metrics?metricType=GPU_ALLOCATION&{}", w)).await.body);
    let projects = c.get(&format!("/api/v1/org-unit/projects?filterBy=parentId=={id}&limit=500&verbosity=verbose")).await.body;
    let mut summed = Vec::new();
    for project in projects["projects"].as_array().unwrap() {
        let pid = project["id"].as_str().unwrap();
        let answer = c.get(&format!("/api/v1/org-unit/projects/{pid}/metrics?metricType=GPU_ALLOCATION,GPU_QUOTA&{}", w)).await.body;
        add(&mut summed, &values(&answer));
        let quota: f64 = answer["measurements"][1]["values"][0]["value"].as_str().unwrap().parse().unwrap();
        assert_eq!(quota, project["totalResources"]["gpuQuota"].as_f64().unwrap_or(0.0), "the quota series is the project's quota");
    }
    assert!(close(&summed, &own), "projects {summed:?} against the department {own:?}");
    assert!(own.iter().any(|g| *g > 0.0), "the department runs something: {own:?}");
}

#[tokio::test]
async fn unknown_scopes_and_bad_windows_are_refused() {
    let c = frozen().await;
    let w = &window();
    let unknown = "00000000-0000-4000-8000-000000000000";
    assert_eq!(c.get(&format!("/api/v1/clusters/{unknown}/metrics?metricType=TOTAL_GPU&{}", w)).await.status, 404);
    assert_eq!(c.get(&format!("/api/v1/org-unit/projects/999/metrics?metricType=GPU_QUOTA&{}", w)).await.status, 404);
    assert_eq!(c.get(&format!("/api/v1/clusters/{PROD}/metrics?metricType=TOTAL_GPU&start=yesterday&end=today")).await.status, 400);
}

#[tokio::test]
async fn a_nodes_gpus_carry_what_runs_on_it() {
    let c = frozen().await;
    // What each node holds now: the GPUs of the running pods placed on it.
    let mut held: std::collections::HashMap<String, f64> = Default::default();
    for w in c.get("/api/v1/workloads?filterBy=phase==Running&limit=500").await.body["workloads"].as_array().unwrap() {
        let pods = c.get(&format!("/api/v1/workloads/{}/pods", w["id"].as_str().unwrap())).await.body;
        for pod in pods["pods"].as_array().unwrap() {
            if let Some(node) = pod["nodeName"].as_str() {
                *held.entry(node.to_owned()).or_default() += pod["allocatedResources"]["gpu"].as_f64().unwrap_or(0.0);
            }
        }
    }
    let (node_name, on_node) = held.iter().max_by(|a, b| a.1.total_cmp(b.1)).map(|(n, g)| (n.clone(), *g)).expect("something runs on a node");
    assert!(on_node > 0.0);
    let nodes = c.get(&format!("/api/v1/nodes?filterBy=name=={node_name}")).await.body;
    let node = &nodes["nodes"][0];
    let (id, gpus) = (node["id"].as_str().unwrap(), node["gpuInfo"]["gpuCount"].as_u64().unwrap() as usize);

    let types = "GPU_ALLOCATION_PER_GPU,GPU_UTILIZATION,CPU_USAGE_CORES,GPU_SM_ACTIVITY_PER_GPU";
    let answer = c.get(&format!("/api/v1/nodes/{id}/metrics?metricType={types}&{}", window())).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let measurements = answer.body["measurements"].as_array().unwrap();
    let per_gpu: Vec<&Value> = measurements.iter().filter(|m| m["type"] == "GPU_ALLOCATION_PER_GPU").collect();
    assert_eq!(per_gpu.len(), gpus, "one series per GPU");
    assert_eq!(per_gpu[0]["labels"]["gpu"], "0");
    let now_allocated: f64 = per_gpu.iter().map(|m| m["values"].as_array().unwrap().last().unwrap()["value"].as_str().unwrap().parse::<f64>().unwrap()).sum();
    assert!((now_allocated - on_node).abs() < 0.05, "the node's GPUs hold what runs on it: {now_allocated} vs {on_node}");
    assert!(measurements.iter().filter(|m| m["type"] == "GPU_SM_ACTIVITY_PER_GPU").all(|m| m["values"].as_array().unwrap().is_empty()), "not derived: empty");
    assert_eq!(c.get(&format!("/api/v1/nodes/00000000-0000-4000-8000-000000000000/metrics?metricType=GPU_UTILIZATION&{}", window())).await.status, 404);
}

#[tokio::test]
async fn a_clusters_metrics_grouped_add_up_to_the_cluster() {
    let c = frozen().await;
    let w = &window();
    let whole = values(&c.get(&format!("/api/v1/clusters/{PROD}/metrics?metricType=ALLOCATED_GPU&{w}")).await.body);
    for (by, label) in [("Nodepool", "nodepool"), ("Department", "department"), ("Project", "project"), ("Category", "category")] {
        let answer = c.get(&format!("/api/v1/clusters/{PROD}/metrics?metricType=ALLOCATED_GPU,GPU_QUOTA&groupBy={by}&{w}")).await;
        assert_eq!(answer.status, 200, "{by}: {}", answer.body);
        let measurements = answer.body["measurements"].as_array().unwrap();
        let mut summed = Vec::new();
        for (i, m) in measurements.iter().enumerate().filter(|(_, m)| m["type"] == "ALLOCATED_GPU") {
            assert!(m["labels"][label].is_string(), "{by}: {m}");
            add(&mut summed, &series(&answer.body, i));
        }
        assert!(close(&summed, &whole), "{by}: the groups add up to the cluster: {summed:?} vs {whole:?}");
    }
}

/// Node telemetry says what runs now: the GPUs allocated on each node pool's nodes are those
/// its running workloads hold, and free plus allocated is the ready total.
#[tokio::test]
async fn node_telemetry_counts_what_runs_now() {
    let c = frozen().await;
    let by_pool = |kind: &'static str| {
        let c = &c;
        async move {
            let answer = c.get(&format!("/api/v1/nodes/telemetry?telemetryType={kind}&clusterId={PROD}&groupBy=Nodepool")).await;
            assert_eq!(answer.status, 200, "{kind}: {}", answer.body);
            let values = answer.body["values"].as_array().unwrap().clone();
            values.iter().map(|v| (v["groups"][0]["value"].as_str().unwrap().to_owned(), v["value"].as_str().unwrap().parse::<f64>().unwrap())).collect::<std::collections::BTreeMap<_, _>>()
        }
    };
    let (allocated, free, ready) = (by_pool("ALLOCATED_GPUS").await, by_pool("FREE_GPUS").await, by_pool("READY_GPUS").await);
    let mut held = std::collections::BTreeMap::<String, f64>::new();
    let mut cores = std::collections::BTreeMap::<String, f64>::new();
    let workloads = c.get(&format!("/api/v1/workloads?limit=500&filterBy=clusterId=={PROD}")).await.body;
    for w in workloads["workloads"].as_array().unwrap() {
        if let Some(pool) = w["currentNodePools"][0].as_str() {
            *held.entry(pool.to_owned()).or_default() += w["allocatedResources"]["gpu"].as_f64().unwrap_or(0.0);
            *cores.entry(pool.to_owned()).or_default() += w["allocatedResources"]["cpu"].as_f64().unwrap_or(0.0);
        }
    }
    assert!(held.values().sum::<f64>() > 0.0, "something runs: {held:?}");
    for (pool, gpus) in &allocated {
        assert!((held.get(pool).copied().unwrap_or(0.0) - gpus).abs() < 0.05, "pool {pool}: telemetry {allocated:?}, workloads {held:?}");
        assert!((free[pool] + gpus - ready[pool]).abs() < 0.05, "{pool}: free {free:?} + allocated {allocated:?} = ready {ready:?}");
    }
    // CPU and memory alike: allocated is what the running workloads request, used is at most
    // that, and the nodes have more.
    let (total_cores, allocated_cores, used_cores) = (by_pool("TOTAL_CPU_CORES").await, by_pool("ALLOCATED_CPU_CORES").await, by_pool("USED_CPU_CORES").await);
    let (total_memory, allocated_memory, used_memory) =
        (by_pool("TOTAL_CPU_MEMORY_BYTES").await, by_pool("ALLOCATED_CPU_MEMORY_BYTES").await, by_pool("USED_CPU_MEMORY_BYTES").await);
    let (gpu_memory, used_gpu_memory) = (by_pool("TOTAL_GPU_MEMORY_BYTES").await, by_pool("USED_GPU_MEMORY_BYTES").await);
    assert!(cores.values().sum::<f64>() > 0.0, "something holds CPU: {cores:?}");
    for (pool, total) in &total_cores {
        let held = cores.get(pool).copied().unwrap_or(0.0);
        assert!((allocated_cores[pool] - held).abs() < 0.05, "pool {pool}: telemetry {allocated_cores:?}, workloads {cores:?}");
        assert!(used_cores[pool] <= allocated_cores[pool] + 1e-9 && allocated_cores[pool] <= *total, "{pool}: {used_cores:?} <= {allocated_cores:?} <= {total_cores:?}");
        assert!(used_memory[pool] <= allocated_memory[pool] && allocated_memory[pool] <= total_memory[pool], "{pool}: memory {used_memory:?} {allocated_memory:?} {total_memory:?}");
        assert!(used_gpu_memory[pool] <= gpu_memory[pool], "{pool}: GPU memory {used_gpu_memory:?} of {gpu_memory:?}");
        assert!(*total > 0.0, "{pool} has cores");
        if held > 0.0 {
            assert!(used_cores[pool] > 0.0 && used_memory[pool] > 0.0, "{pool}: in use");
        }
    }
    assert_eq!(gpu_memory["dgx-h100"], 4.0 * 8.0 * 80e9, "four H100 nodes of eight 80 GB GPUs");
    let idle = c.get("/api/v1/nodes/telemetry?telemetryType=IDLE_ALLOCATED_GPUS").await.body;
    assert_eq!(idle["values"], serde_json::json!([]), "not derived, so no values");
    assert_eq!(c.get("/api/v1/nodes/telemetry?telemetryType=ALLOCATED_GPUS&groupBy=Phase").await.status, 400);
}

/// A workload's GPU memory is that of the GPUs it was given: 48 GB each on an L40S, 80 GB on
/// an H100, so its own charts agree with its nodes' figures.
#[tokio::test]
async fn a_workloads_gpu_memory_is_its_gpus() {
    use runai_emulator::time::{now_secs, rfc3339};
    let c = Client::signed_in().await;
    let vision = c.get("/api/v1/org-unit/projects?filterBy=name==vision").await.body["projects"][0]["id"].clone();
    let request = serde_json::json!({ "name": "on-l40s", "projectId": vision, "clusterId": PROD,
        "spec": { "image": "pytorch/pytorch", "compute": { "gpuDevicesRequest": 1 }, "nodePools": ["l40s-inference"] } });
    // A training, which may use GPUs beyond its project's quota (vision has none there).
    let answer = c.post_json("/api/v1/workloads/trainings", request).await;
    assert_eq!(answer.status, 202, "{}", answer.body);
    c.emulator.state.fast_forward(30);
    let id = answer.body["workloadId"].as_str().unwrap();
    let w = c.get(&format!("/api/v1/workloads/{id}")).await.body;
    assert_eq!(w["phase"], "Running", "{w}");
    let per_gpu = |pool: &str| match pool {
        "dgx-h100" | "a100-train" => 80e9,
        "l40s-inference" => 48e9,
        other => panic!("a pool the seeded workloads do not run on: {other}"),
    };
    // Up to the simulated now, which the fast-forward has moved past the clock's.
    let window = format!("start={}&end={}&numberOfSamples=60", rfc3339(now_secs() - 60), rfc3339(now_secs() + 600));
    let mut sizes = std::collections::BTreeSet::new();
    let running = c.get("/api/v1/workloads?filterBy=phase==Running&limit=500").await.body;
    for w in running["workloads"].as_array().unwrap() {
        let (id, gpus) = (w["id"].as_str().unwrap(), w["allocatedResources"]["gpu"].as_f64().unwrap_or(0.0));
        let pool = w["currentNodePools"][0].as_str().unwrap();
        let answer = c.get(&format!("/api/v1/workloads/{id}/metrics?metricType=GPU_MEMORY_REQUEST_BYTES,GPU_MEMORY_USAGE_BYTES&{window}")).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        let (requested, used) = (*values(&answer.body).last().unwrap(), *series(&answer.body, 1).last().unwrap());
        assert!((requested - gpus * per_gpu(pool)).abs() < 1e6, "{id} on {pool}: {requested} for {gpus} GPUs");
        assert!(used <= requested, "{id}: uses {used} of {requested}");
        sizes.insert(per_gpu(pool) as u64);
    }
    assert!(sizes.contains(&48_000_000_000) && sizes.len() > 1, "workloads run on GPUs of more than one size: {sizes:?}");
}
