//! Workload assets as the contract declares them: every kind's list, read, create, update and
//! delete, scopes and who sees what, secrets never returned, and usage by workloads.

mod support;

use runai_emulator::{VIEWER_CLIENT_ID, VIEWER_CLIENT_SECRET};
use serde_json::{json, Value};
use support::Client;

const PROD: &str = "3f8a1c52-7d4e-4b2a-9c61-0e5d2b8f4a17";

fn names(list: &Value) -> Vec<&str> {
    let mut names: Vec<&str> = list["entries"].as_array().unwrap().iter().map(|e| e["meta"]["name"].as_str().unwrap()).collect();
    names.sort();
    names
}

async fn project(c: &Client, name: &str) -> (String, i64) {
    let p = c.get(&format!("/api/v1/org-unit/projects?filterBy=name=={name}")).await.body;
    let id = p["projects"][0]["id"].as_str().unwrap().to_owned();
    let n = id.parse().unwrap();
    (id, n)
}

#[tokio::test]
async fn every_kind_lists_within_the_contract() {
    let c = Client::signed_in().await;
    for path in [
        "environment", "compute", "datasource", "datasource/nfs", "datasource/pvc", "datasource/s3", "datasource/git",
        "datasource/host-path", "datasource/config-map", "datasource/secrets", "credentials", "credentials/access-key",
        "credentials/password", "credentials/docker-registry", "credentials/generic-secret", "credentials/ngc-api-key",
    ] {
        let list = c.get(&format!("/api/v1/asset/{path}?usageInfo=true&statusInfo=true")).await;
        assert_eq!(list.status, 200, "{path}");
        assert!(!list.body["entries"].as_array().unwrap().is_empty(), "{path} has seeded entries");
    }
    assert_eq!(c.get("/api/v1/asset/environment").await.body["entries"].as_array().unwrap().len(), 12);
    let sources = c.get("/api/v1/asset/datasource").await.body;
    assert_eq!(sources["entries"].as_array().unwrap().len(), 7);
    let nfs = sources["entries"].as_array().unwrap().iter().find(|e| e["meta"]["kind"] == "nfs").unwrap();
    assert_eq!(nfs["spec"]["nfs"]["server"], "nfs.storage.example.com", "the combined list wraps each spec in its kind");
    let serving = c.get("/api/v1/asset/environment?isInference=true").await.body;
    assert_eq!(names(&serving), ["chatbot-ui", "triton", "vllm"]);
}

#[tokio::test]
async fn a_project_sees_what_its_scopes_share() {
    let c = Client::signed_in().await;
    let (_, vision) = project(&c, "vision").await;
    let envs = c.get(&format!("/api/v1/asset/environment?projectId={vision}")).await.body;
    let names = names(&envs);
    assert!(names.contains(&"jupyter-lab") && names.contains(&"rstudio") && names.contains(&"nemo") && names.contains(&"vision-notebook"));
    assert!(!names.contains(&"chatbot-ui"), "another department's environment is not offered: {names:?}");
    let scoped = c.get("/api/v1/asset/environment?scope=project").await.body;
    assert_eq!(scoped["entries"].as_array().unwrap().len(), 1);
    assert_eq!(scoped["entries"][0]["meta"]["projectId"], vision);
    assert_eq!(scoped["entries"][0]["meta"]["projectName"], "vision");
}

#[tokio::test]
async fn create_read_update_delete_an_environment() {
    let c = Client::signed_in().await;
    let (_, vision) = project(&c, "vision").await;
    let body = json!({
        "meta": { "name": "my-lab", "scope": "project", "projectId": vision, "workloadSupportedTypes": { "workspace": true } },
        "spec": { "image": "jupyter/base-notebook", "connections": [{ "name": "jupyter", "internalToolInfo": { "toolType": "jupyter-notebook", "connectionType": "ExternalUrl", "containerPort": 8888 } }] },
    });
    let created = c.post_json("/api/v1/asset/environment", body.clone()).await;
    assert_eq!(created.status, 202);
    let id = created.body["meta"]["id"].as_str().unwrap().to_owned();
    assert_eq!(created.body["meta"]["createdBy"], "demo-admin");
    assert_eq!(c.post_json("/api/v1/asset/environment", body).await.status, 409, "a taken name in the scope");
    let read = c.get(&format!("/api/v1/asset/environment/{id}")).await.body;
    assert_eq!(read["spec"]["connections"][0]["internalToolInfo"]["containerPort"], 8888);
    let changed = c.put_json(&format!("/api/v1/asset/environment/{id}"), json!({ "meta": { "name": "my-lab", "description": "Mine" }, "spec": { "image": "jupyter/scipy-notebook" } })).await;
    assert_eq!(changed.status, 202);
    assert_eq!(changed.body["spec"]["image"], "jupyter/scipy-notebook");
    assert_eq!(changed.body["meta"]["updateCount"], 1);
    assert_eq!(c.delete(&format!("/api/v1/asset/environment/{id}")).await.status, 202);
    assert_eq!(c.get(&format!("/api/v1/asset/environment/{id}")).await.status, 404);
    let no_image = json!({ "meta": { "name": "bare", "scope": "tenant" }, "spec": {} });
    let refused = c.post_json("/api/v1/asset/environment", no_image).await;
    assert_eq!(refused.status, 400);
    assert!(refused.body["message"].as_str().unwrap().contains("image"));
}

#[tokio::test]
async fn credentials_never_return_their_secrets() {
    let c = Client::signed_in().await;
    let body = json!({ "meta": { "name": "robot", "scope": "cluster", "clusterId": PROD }, "spec": { "user": "robot", "password": "hunter2-secret" } });
    let created = c.post_json("/api/v1/asset/credentials/password", body).await;
    assert_eq!(created.status, 202);
    let id = created.body["meta"]["id"].as_str().unwrap().to_owned();
    for answer in [created.body.clone(), c.get(&format!("/api/v1/asset/credentials/password/{id}")).await.body, c.get("/api/v1/asset/credentials").await.body] {
        assert!(!answer.to_string().contains("hunter2-secret"), "the secret came back: {answer}");
        assert!(!answer.to_string().contains("never-returned"), "a seeded secret came back");
    }
    let missing = c.post_json("/api/v1/asset/credentials/password", json!({ "meta": { "name": "half", "scope": "tenant" }, "spec": { "user": "x" } })).await;
    assert_eq!(missing.status, 400);
    assert_eq!(c.delete(&format!("/api/v1/asset/credentials/password/{id}")).await.status, 202);
    let ngc = c.get("/api/v1/asset/credentials/ngc-api-key").await.body;
    let ngc = ngc["entries"][0]["meta"]["id"].as_str().unwrap().to_owned();
    assert_eq!(c.delete(&format!("/api/v1/asset/credentials/ngc-api-key/{ngc}")).await.status, 204);
}

#[tokio::test]
async fn a_department_viewer_reads_its_share_and_writes_nothing() {
    let mut c = Client::signed_in().await;
    let (_, vision) = project(&c, "vision").await;
    let chatbot = c.get("/api/v1/asset/environment?name=chatbot-ui").await.body["entries"][0]["meta"]["id"].as_str().unwrap().to_owned();
    c.sign_in(VIEWER_CLIENT_ID, VIEWER_CLIENT_SECRET).await;
    let envs = c.get("/api/v1/asset/environment").await.body;
    let seen = names(&envs);
    assert!(seen.contains(&"nemo") && seen.contains(&"vision-notebook") && seen.contains(&"jupyter-lab"), "{seen:?}");
    assert!(!seen.contains(&"chatbot-ui"), "the production department's environment: {seen:?}");
    assert_eq!(c.get(&format!("/api/v1/asset/environment/{chatbot}")).await.status, 403);
    let body = json!({ "meta": { "name": "nope", "scope": "project", "projectId": vision }, "spec": { "image": "busybox" } });
    assert_eq!(c.post_json("/api/v1/asset/environment", body).await.status, 403);
}

#[tokio::test]
async fn usage_follows_the_workloads_that_name_an_asset() {
    let c = Client::signed_in().await;
    let (project, _) = project(&c, "vision").await;
    let env = c.get("/api/v1/asset/environment?name=jupyter-lab").await.body["entries"][0]["meta"]["id"].as_str().unwrap().to_owned();
    let submission = json!({
        "name": "from-assets", "projectId": project, "clusterId": PROD,
        "spec": { "image": "jupyter/scipy-notebook:2024-05-27", "annotations": [{ "name": "runai-console/assets", "value": env }] },
    });
    assert_eq!(c.post_json("/api/v1/workloads/workspaces", submission).await.status, 202);
    let used = c.get(&format!("/api/v1/asset/environment/{env}?usageInfo=true")).await.body;
    assert_eq!(used["usedBy"]["workspaces"][0]["name"], "from-assets");
}

#[tokio::test]
async fn compute_resources_and_data_sources_are_checked() {
    let c = Client::signed_in().await;
    let compute = |spec: Value| json!({ "meta": { "name": "c", "scope": "tenant" }, "spec": spec });
    assert_eq!(c.post_json("/api/v1/asset/compute", compute(json!({ "gpuDevicesRequest": 2, "gpuRequestType": "memory", "gpuMemoryRequest": "10G" }))).await.status, 400);
    assert_eq!(c.post_json("/api/v1/asset/compute", compute(json!({ "gpuDevicesRequest": 1, "gpuRequestType": "portion", "gpuPortionRequest": 0.5, "cpuMemoryRequest": "8G" }))).await.status, 202);
    let secret = json!({ "meta": { "name": "s", "scope": "tenant" }, "spec": { "credentialAssetId": "a55e7000-0000-4000-8000-000000000000", "mountPath": "/s" } });
    assert_eq!(c.post_json("/api/v1/asset/datasource/secrets", secret).await.status, 400, "not a generic secret");
    let nfs = json!({ "meta": { "name": "n", "scope": "cluster", "clusterId": PROD }, "spec": { "server": "nfs", "path": "/x", "mountPath": "/y" } });
    let created = c.post_json("/api/v1/asset/datasource/nfs", nfs).await;
    assert_eq!(created.status, 202);
    assert_eq!(created.body["meta"]["kind"], "nfs");
}

#[tokio::test]
async fn a_template_names_its_assets_and_a_submission_from_it_gets_what_it_leaves_out() {
    let c = Client::signed_in().await;
    let listed = c.get("/api/v1/asset/workload-template").await.body;
    assert_eq!(names(&listed), ["jupyter-half-gpu", "pytorch-4-gpus", "vllm-serving"]);
    let jupyter = listed["entries"].as_array().unwrap().iter().find(|e| e["meta"]["name"] == "jupyter-half-gpu").unwrap();
    assert_eq!(jupyter["spec"]["assets"]["environment"]["name"], "jupyter-lab", "ids are answered with names");

    let id_of = |list: &Value, name: &str| list["entries"].as_array().unwrap().iter().find(|e| e["meta"]["name"] == name).unwrap()["meta"]["id"].as_str().unwrap().to_owned();
    let envs = c.get("/api/v1/asset/environment").await.body;
    let computes = c.get("/api/v1/asset/compute").await.body;
    let sources = c.get("/api/v1/asset/datasource").await.body;
    let (env, cpu, nfs) = (id_of(&envs, "vscode"), id_of(&computes, "cpu-only"), id_of(&sources, "datasets-nfs"));
    let (_, vision) = project(&c, "vision").await;
    let template = |environment: &str| json!({ "meta": { "name": "vscode-cpu", "scope": "project", "projectId": vision },
        "spec": { "assets": { "environment": environment, "compute": cpu, "datasources": [{ "id": nfs, "kind": "nfs" }] }, "specificEnv": { "args": "--auth none" } } });
    assert_eq!(c.post_json("/api/v1/asset/workload-template", template(&cpu)).await.status, 400, "a compute resource is no environment");
    let made = c.post_json("/api/v1/asset/workload-template", template(&env)).await;
    assert_eq!(made.status, 202, "{}", made.body);
    let template_id = made.body["meta"]["id"].as_str().unwrap().to_owned();

    let (vision_id, _) = project(&c, "vision").await;
    let request = json!({ "name": "from-template", "projectId": vision_id, "clusterId": PROD, "templateId": template_id, "spec": { "args": "--auth password" } });
    let submitted = c.post_json("/api/v1/workloads/workspaces", request).await;
    assert_eq!(submitted.status, 202, "{}", submitted.body);
    let id = submitted.body["workloadId"].as_str().unwrap();
    let w = c.get(&format!("/api/v1/workloads/workspaces/{id}")).await.body;
    assert_eq!(w["spec"]["image"], "codercom/code-server:4.89.1", "the environment's image: {w}");
    assert_eq!(w["spec"]["args"], "--auth password", "the request's own value wins");
    assert_eq!(w["spec"]["compute"]["cpuCoreRequest"], 2.0);
    assert_eq!(w["spec"]["storage"]["nfs"][0]["server"], "nfs.storage.example.com");
    let used = c.get(&format!("/api/v1/asset/environment/{env}?usageInfo=true")).await.body;
    assert_eq!(used["usedBy"]["workspaces"][0]["name"], "from-template");
    let missing = json!({ "name": "no-template", "projectId": vision_id, "clusterId": PROD, "templateId": "a55e7000-0000-4000-8000-00000000ffff" });
    assert_eq!(c.post_json("/api/v1/workloads/workspaces", missing).await.status, 400);
}
