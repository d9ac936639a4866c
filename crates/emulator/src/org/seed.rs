//! The demo organization: the same every time, grown by `--scale N` for benchmarks.

use super::{str_of, Org};
use crate::records::{Cluster, TENANT_ID};
use crate::time::rfc3339;
use serde_json::{json, Value};

/// 2025-03-12T09:14:00Z, as in the cluster seed.
const EPOCH: i64 = 1_741_770_840;
const DAY: i64 = 86_400;

/// (cluster index, name, label value, GPU type, GPUs per node, nodes)
const POOLS: &[(usize, &str, &str, &str, u32, u32)] = &[
    (0, "default", "default", "", 0, 1),
    (0, "dgx-h100", "h100", "NVIDIA-H100-80GB-HBM3", 8, 4),
    (0, "a100-train", "a100", "NVIDIA-A100-SXM4-80GB", 8, 6),
    (0, "l40s-inference", "l40s", "NVIDIA-L40S", 4, 3),
    (1, "default", "default", "", 0, 0),
    (1, "v100-legacy", "v100", "Tesla-V100-SXM2-32GB", 4, 3),
    (1, "a100-research", "a100", "NVIDIA-A100-SXM4-40GB", 8, 3),
];

/// (cluster index, department, its projects)
const DEPARTMENTS: &[(usize, &str, &[&str])] = &[
    (0, "default", &["sandbox", "onboarding", "benchmarks", "ci-runners"]),
    (0, "ml-research", &["vision", "nlp", "speech", "rl-agents", "multimodal", "diffusion", "graph-nets", "recsys", "llm-pretrain", "llm-eval"]),
    (0, "production", &["search-ranking", "fraud-detect", "ads-ctr", "chat-assist", "translation", "ocr", "forecasting", "moderation"]),
    (1, "default", &["scratch", "students", "workshops", "demo"]),
    (1, "research", &["protein-fold", "climate", "genomics", "materials", "astro", "quantum-sim", "robotics", "neuro", "econ-models", "med-imaging", "drug-discovery", "particle-physics", "ocean", "seismic"]),
];

pub fn seed(clusters: &[Cluster], scale: usize) -> Org {
    let mut org = Org::default();
    for (i, (c, name, label, _, _, _)) in POOLS.iter().enumerate() {
        let id = org.new_id();
        org.nodepools.push(nodepool(&id, name, label, &clusters[*c], EPOCH + i as i64 * 3_600));
    }
    seed_nodes(&mut org, clusters, scale);
    let mut project_count = 0;
    for (d, (c, name, projects)) in DEPARTMENTS.iter().enumerate() {
        let cluster = &clusters[*c].uuid;
        let id = org.new_unit_id();
        let body = json!({ "name": name, "clusterId": cluster, "description": format!("The {name} department") });
        let resources = quotas(&org, cluster, 8.0 * (d as f64 + 1.0));
        let dept = org.department(id, &body, resources, EPOCH + d as i64 * DAY);
        org.departments.push(dept);
        for project in projects.iter() {
            add_project(&mut org, project, d, project_count);
            project_count += 1;
        }
    }
    for n in project_count..scale {
        add_project(&mut org, &format!("proj-{n:05}"), n % DEPARTMENTS.len(), n);
    }
    org.relink_children();
    org
}

fn add_project(org: &mut Org, name: &str, department: usize, n: usize) {
    let parent = org.departments[department].clone();
    let cluster = str_of(&parent, "clusterId").to_owned();
    let body = json!({ "name": name, "clusterId": cluster, "description": "" });
    let resources = quotas(org, &cluster, (n % 5) as f64 + 1.0);
    let id = org.new_unit_id();
    let mut project = org.project(id, &body, &parent, resources, EPOCH + (n as i64 + 10) * DAY / 4);
    if n % 13 == 7 {
        project["status"]["phase"] = json!("NotReady");
        project["status"]["phaseMessage"] = json!("Namespace quota is being reconciled");
    }
    org.projects.push(project);
}

/// A GPU quota of `gpus` on the cluster's first GPU pool, with CPU and memory to match.
fn quotas(org: &Org, cluster: &str, gpus: f64) -> Value {
    let pools = org.pools_of(cluster);
    let pool = pools.iter().find(|p| p.name != "default").or(pools.first()).expect("every cluster has a pool");
    json!([{
        "nodePool": { "id": pool.id, "name": pool.name },
        "gpu": { "deserved": gpus, "limit": null, "overQuotaWeight": 2.0 },
        "cpu": { "deserved": gpus * 8_000.0, "limit": null, "overQuotaWeight": 2.0 },
        "memory": { "deserved": gpus * 64.0, "limit": null, "overQuotaWeight": 2.0, "units": "GB" },
        "priority": "Normal",
    }])
}

fn nodepool(id: &str, name: &str, label: &str, cluster: &Cluster, at: i64) -> Value {
    json!({
        "id": id, "name": name, "tenantId": TENANT_ID, "clusterId": cluster.uuid, "clusterName": cluster.name,
        "labelKey": "run.ai/type", "labelValue": label, "isDefault": name == "default",
        "overProvisioningRatio": 1,
        "placementStrategy": { "cpu": "binpack", "gpu": "binpack" },
        "gpuNetworkAccelerationLabelKey": "", "gpuNetworkAccelerationDetection": "Auto",
        "gpuResourceOptimization": { "swapEnabled": false, "nodeLevelSchedulerEnabled": false },
        "networkTopologyName": null, "networkTopologyId": null,
        "phase": "Ready", "phaseMessage": "",
        "status": { "gpuNetworkAccelerationDetected": false, "nodes": [], "conditions": [] },
        "createdBy": "demo-admin", "createdAt": rfc3339(at), "updatedBy": "demo-admin", "updatedAt": rfc3339(at),
    })
}

fn seed_nodes(org: &mut Org, clusters: &[Cluster], scale: usize) {
    let mut plan: Vec<(usize, usize)> = Vec::new(); // (pool index, node number in pool)
    for (p, pool) in POOLS.iter().enumerate() {
        plan.extend((0..pool.5 as usize).map(|n| (p, n)));
    }
    let gpu_pools: Vec<usize> = (0..POOLS.len()).filter(|p| POOLS[*p].4 > 0).collect();
    let extra = scale.saturating_sub(plan.len());
    plan.extend((0..extra).map(|n| (gpu_pools[n % gpu_pools.len()], POOLS[gpu_pools[n % gpu_pools.len()]].5 as usize + n / gpu_pools.len())));
    for (i, (p, n)) in plan.into_iter().enumerate() {
        let (c, pool_name, label, gpu_type, gpus, _) = POOLS[p];
        let name = format!("{}-{label}-{:03}", clusters[c].name, n + 1);
        let status = if i % 11 == 5 { "NotReady" } else { "Ready" };
        let gpu_info = (gpus > 0).then(|| json!({ "gpuType": gpu_type, "gpuCount": gpus }));
        let mut conditions = vec![json!({ "type": "Ready", "reason": if status == "Ready" { "KubeletReady" } else { "KubeletNotReady" },
                                          "message": if status == "Ready" { "kubelet is posting ready status" } else { "container runtime is down" } })];
        if status != "Ready" {
            conditions.push(json!({ "type": "MemoryPressure", "reason": "KubeletHasInsufficientMemory", "message": "" }));
        }
        org.nodes.push(json!({
            "id": format!("6e0c{:04x}-5a1b-4c2d-8e3f-{:012x}", c, i), "name": name,
            "clusterUuid": clusters[c].uuid, "nodePool": pool_name, "status": status,
            "conditions": conditions, "taints": if gpus > 0 { json!([{ "key": "nvidia.com/gpu", "value": "present", "effect": "NoSchedule" }]) } else { json!([]) },
            "gpuInfo": gpu_info, "nvLinkDomainUid": null, "nvLinkCliqueId": null,
            "createdAt": rfc3339(EPOCH + i as i64 * 600), "updatedAt": rfc3339(EPOCH + i as i64 * 600 + DAY),
        }));
    }
    for pool in &mut org.nodepools {
        let (cluster, name) = (str_of(pool, "clusterId").to_owned(), str_of(pool, "name").to_owned());
        let names: Vec<Value> = org.nodes.iter().filter(|n| str_of(n, "clusterUuid") == cluster && str_of(n, "nodePool") == name).map(|n| n["name"].clone()).collect();
        pool["status"]["nodes"] = Value::Array(names);
    }
}
