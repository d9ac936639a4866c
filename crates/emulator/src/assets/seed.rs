//! The demo tenant's assets: the environments, compute resources, data sources and
//! credentials a GPU cluster's operators keep, at every scope level.

use super::{kind_named, new_asset, Asset};
use crate::org::{str_of, Org};
use crate::records::Cluster;
use serde_json::{json, Value};

const EPOCH: i64 = 1_742_000_000;

fn tool(name: &str, tool: &str, port: u16, connection: &str) -> Value {
    json!({ "name": name, "isExternal": false, "internalToolInfo": { "toolType": tool, "connectionType": connection, "containerPort": port } })
}

fn types(workspace: bool, training: bool, inference: bool) -> Value {
    json!({ "workspace": workspace, "training": training, "inference": inference, "distributed": training && !workspace })
}

pub fn seed(org: &Org, clusters: &[Cluster]) -> Vec<Asset> {
    let dept = |name: &str| org.departments.iter().find(|d| str_of(d, "name") == name).map(|d| str_of(d, "id").to_owned());
    let project = |name: &str| org.projects.iter().find(|p| str_of(p, "name") == name).and_then(|p| str_of(p, "id").parse::<i64>().ok());
    let tenant = json!({ "scope": "tenant" });
    let cluster = json!({ "scope": "cluster", "clusterId": clusters[0].uuid });
    let research = json!({ "scope": "department", "departmentId": dept("ml-research") });
    let vision = json!({ "scope": "project", "projectId": project("vision") });
    let nlp = json!({ "scope": "project", "projectId": project("nlp") });
    let production = json!({ "scope": "department", "departmentId": dept("production") });
    let environment = |image: &str, tools: Vec<Value>, supported: Value| json!({ "image": image, "imagePullPolicy": "IfNotPresent", "connections": tools, "_types": supported });
    let compute = |gpus: i64, portion: Option<f64>, memory: Option<&str>, cpu: f64, ram: &str| {
        let mut spec = json!({ "gpuDevicesRequest": gpus, "cpuCoreRequest": cpu, "cpuMemoryRequest": ram });
        if let Some(portion) = portion {
            spec["gpuRequestType"] = json!("portion");
            spec["gpuPortionRequest"] = json!(portion);
        }
        if let Some(memory) = memory {
            spec["gpuRequestType"] = json!("memory");
            spec["gpuMemoryRequest"] = json!(memory);
        }
        spec
    };
    let (ws, train, serve) = (types(true, false, false), types(false, true, false), types(false, false, true));
    let items: Vec<(&str, &str, &Value, Value)> = vec![
        ("environment", "jupyter-lab", &tenant, environment("jupyter/scipy-notebook:2024-05-27", vec![tool("jupyter", "jupyter-notebook", 8888, "ExternalUrl")], ws.clone())),
        ("environment", "vscode", &tenant, environment("codercom/code-server:4.89.1", vec![tool("vscode", "visual-studio-code", 8080, "ExternalUrl")], ws.clone())),
        ("environment", "pytorch", &tenant, environment("nvcr.io/nvidia/pytorch:24.05-py3", vec![], train.clone())),
        ("environment", "tensorflow", &tenant, environment("nvcr.io/nvidia/tensorflow:24.05-tf2-py3", vec![tool("tensorboard", "tensorboard", 6006, "ExternalUrl")], train.clone())),
        ("environment", "vllm", &tenant, environment("vllm/vllm-openai:v0.6.3", vec![tool("openai-api", "custom", 8000, "ServingPort")], serve.clone())),
        ("environment", "triton", &tenant, environment("nvcr.io/nvidia/tritonserver:24.05-py3", vec![tool("http", "custom", 8000, "ServingPort")], serve.clone())),
        ("environment", "rstudio", &cluster, environment("rocker/rstudio:4.4.0", vec![tool("rstudio", "rstudio", 8787, "ExternalUrl")], ws.clone())),
        ("environment", "mlflow", &cluster, environment("ghcr.io/mlflow/mlflow:v2.13.0", vec![tool("mlflow", "mlflow", 5000, "ExternalUrl")], ws.clone())),
        ("environment", "chatbot-ui", &production, environment("ghcr.io/mckaywrigley/chatbot-ui:main", vec![tool("chat", "chatbot-ui", 3000, "ExternalUrl")], serve.clone())),
        ("environment", "matlab", &research, environment("mathworks/matlab:r2024a", vec![tool("matlab", "matlab", 8888, "ExternalUrl")], ws.clone())),
        ("environment", "nemo", &research, environment("nvcr.io/nvidia/nemo:24.05", vec![tool("tensorboard", "tensorboard", 6006, "ExternalUrl")], train.clone())),
        ("environment", "vision-notebook", &vision, environment("nvcr.io/nvidia/pytorch:24.05-py3", vec![tool("jupyter", "jupyter-notebook", 8888, "ExternalUrl")], ws.clone())),
        ("compute", "cpu-only", &tenant, compute(0, None, None, 2.0, "4G")),
        ("compute", "quarter-gpu", &tenant, compute(1, Some(0.25), None, 2.0, "8G")),
        ("compute", "half-gpu", &tenant, compute(1, Some(0.5), None, 4.0, "16G")),
        ("compute", "gpu-memory-20g", &tenant, compute(1, None, Some("20G"), 4.0, "16G")),
        ("compute", "one-gpu", &tenant, compute(1, None, None, 8.0, "32G")),
        ("compute", "two-gpus", &tenant, compute(2, None, None, 16.0, "64G")),
        ("compute", "four-gpus", &research, compute(4, None, None, 32.0, "128G")),
        ("compute", "eight-gpus", &cluster, compute(8, None, None, 64.0, "512G")),
        ("nfs", "datasets-nfs", &tenant, json!({ "server": "nfs.storage.example.com", "path": "/exports/datasets", "mountPath": "/data", "readOnly": true })),
        ("pvc", "shared-checkpoints", &research, json!({ "existingPvc": false, "claimName": "shared-checkpoints", "path": "/checkpoints", "readOnly": false, "claimInfo": { "size": "500G", "storageClass": "ceph-rbd", "accessModes": { "readWriteOnce": false, "readWriteMany": true }, "volumeMode": "Filesystem" } })),
        ("s3", "imagenet-s3", &vision, json!({ "bucket": "imagenet", "url": "https://s3.storage.example.com", "path": "/data/imagenet" })),
        ("git", "training-scripts", &research, json!({ "repository": "https://git.example.com/ml/training-scripts.git", "branch": "main", "path": "/code" })),
        ("hostPath", "local-scratch", &cluster, json!({ "path": "/mnt/nvme/scratch", "mountPath": "/scratch", "readOnly": false, "mountPropagation": "None" })),
        ("config-map", "tokenizer-config", &nlp, json!({ "configMap": "tokenizer-config", "mountPath": "/etc/tokenizer" })),
        ("accessKey", "s3-reader", &vision, json!({ "accessKeyId": "AKIAEXAMPLE7Q2R", "secretAccessKey": "never-returned" })),
        ("password", "git-bot", &research, json!({ "user": "ci-bot", "password": "never-returned" })),
        ("dockerRegistry", "ngc-registry", &tenant, json!({ "url": "nvcr.io", "user": "$oauthtoken", "password": "never-returned" })),
        ("genericSecret", "tls-bundle", &production, json!({ "keyValuePairs": [{ "key": "tls.crt", "value": "never-returned" }] })),
        ("ngcApiKey", "ngc-key", &tenant, json!({ "ngc_api_key": "never-returned" })),
    ];
    let mut assets: Vec<Asset> = Vec::new();
    for (n, (kind, name, scope, mut spec)) in items.into_iter().enumerate() {
        let kind = kind_named(kind).expect("a seeded kind");
        let mut meta = scope.clone();
        meta["name"] = json!(name);
        if let Some(types) = spec.as_object_mut().and_then(|s| s.remove("_types")) {
            meta["workloadSupportedTypes"] = types;
        }
        let place = super::anchor(&meta, org, clusters).expect("a seeded scope");
        let id = format!("a55e7000-{:04x}-4000-8000-{:012x}", n, n * 7919);
        assets.push(new_asset(kind, id, &meta, &spec, place, "admin@example.com", EPOCH + n as i64 * 5_400, n as i64 + 1));
    }
    // A secret volume mounts the generic secret.
    let secret = assets.iter().find(|a| a.name() == "tls-bundle").map(|a| a.id().to_owned());
    let meta = json!({ "scope": "department", "departmentId": dept("production"), "name": "tls-certs" });
    let place = super::anchor(&meta, org, clusters).expect("a seeded scope");
    let spec = json!({ "credentialAssetId": secret, "mountPath": "/etc/tls", "defaultMode": "0440" });
    let n = assets.len();
    assets.push(new_asset(kind_named("secret-volume").unwrap(), format!("a55e7000-{n:04x}-4000-8000-{:012x}", n * 7919), &meta, &spec, place, "admin@example.com", EPOCH + n as i64 * 5_400, 0));
    // Templates: an environment, a compute resource and data sources, with run parameters.
    let id_of = |assets: &[Asset], name: &str| assets.iter().find(|a| a.name() == name).map(|a| (a.id().to_owned(), a.kind.kind)).expect("a seeded asset");
    let templates = [
        ("jupyter-half-gpu", &tenant, "jupyter-lab", "half-gpu", vec!["datasets-nfs"], json!({ "args": "--NotebookApp.base_url=/${RUNAI_PROJECT}/${RUNAI_JOB_NAME}" })),
        ("pytorch-4-gpus", &research, "pytorch", "four-gpus", vec!["shared-checkpoints", "training-scripts"], json!({ "command": "torchrun", "args": "--nproc_per_node=4 train.py" })),
        ("vllm-serving", &production, "vllm", "one-gpu", vec![], json!({ "args": "--model meta-llama/Llama-3.1-8B-Instruct" })),
    ];
    for (name, scope, environment, compute, sources, specific) in templates {
        let mut meta = scope.clone();
        meta["name"] = json!(name);
        let place = super::anchor(&meta, org, clusters).expect("a seeded scope");
        let sources: Vec<Value> = sources.iter().map(|s| { let (id, kind) = id_of(&assets, s); json!({ "id": id, "kind": kind }) }).collect();
        let spec = json!({ "assets": { "environment": id_of(&assets, environment).0, "compute": id_of(&assets, compute).0, "datasources": sources }, "specificEnv": specific });
        let spec = super::templates::refs(&assets, &spec);
        let n = assets.len();
        assets.push(new_asset(kind_named("workload-template").unwrap(), format!("a55e7000-{n:04x}-4000-8000-{:012x}", n * 7919), &meta, &spec, place, "admin@example.com", EPOCH + n as i64 * 5_400, 0));
    }
    assets
}
