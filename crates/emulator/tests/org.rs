//! Departments, projects, node pools and nodes as the contract declares them.

mod support;

use runai_emulator::Options;
use serde_json::{json, Value};
use support::Client;

const PROD: &str = "3f8a1c52-7d4e-4b2a-9c61-0e5d2b8f4a17";

fn names(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap().to_owned()).collect()
}

async fn pool_id(client: &Client, name: &str) -> String {
    let pools = client.get(&format!("/api/v1/node-pools?filterBy=clusterId=={PROD},name=={name}")).await.body;
    pools["nodepools"][0]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_seeded_organization() {
    let c = Client::signed_in().await;
    assert_eq!(c.get("/api/v1/org-unit/departments/count").await.body["count"], 5);
    assert_eq!(c.get("/api/v1/org-unit/projects/count").await.body["count"], 40);
    assert_eq!(c.get("/api/v1/nodes/count").await.body["count"], 20);
    assert_eq!(c.get("/api/v1/node-pools/count").await.body["count"], 7);
    let nodes = c.get(&format!("/api/v1/clusters/{PROD}/nodes?limit=500")).await.body;
    assert_eq!(nodes["nodes"].as_array().unwrap().len(), 14);
    let h100 = c.get("/api/v1/nodes?filterBy=gpuType=@H100&sortBy=name").await.body;
    assert_eq!(names(&h100["nodes"]).len(), 4);
    assert_eq!(h100["nodes"][0]["gpuInfo"]["gpuCount"], 8);
}

#[tokio::test]
async fn departments_at_each_verbosity() {
    let c = Client::signed_in().await;
    let brief = c.get("/api/v1/org-unit/departments?sortBy=name").await.body;
    assert!(brief["departments"][0].get("status").is_none());
    let verbose = c.get("/api/v1/org-unit/departments?verbosity=verbose").await.body;
    assert!(verbose["departments"][0]["status"]["quotaStatus"].is_object());
    let meta = c.get("/api/v1/org-unit/departments?verbosity=meta").await.body;
    assert!(meta["departments"][0].get("children").is_none());
    assert_eq!(c.get("/api/v1/org-unit/departments?verbosity=loud").await.status, 400);
    let id = brief["departments"][1]["id"].as_str().unwrap();
    let one = c.get(&format!("/api/v1/org-unit/departments/{id}")).await.body;
    assert!(one["projectsAggregatedResources"].is_array());
}

#[tokio::test]
async fn projects_page_sort_filter_and_search() {
    let c = Client::signed_in().await;
    let first = c.get("/api/v1/org-unit/projects?limit=15&sortBy=name").await.body;
    assert_eq!(first["projects"].as_array().unwrap().len(), 15);
    assert_eq!(first["next"], 15);
    let last = c.get("/api/v1/org-unit/projects?limit=15&offset=30&sortBy=name").await.body;
    assert_eq!(last["projects"].as_array().unwrap().len(), 10);
    assert!(last.get("next").is_none(), "no next on the last page");
    let desc = c.get("/api/v1/org-unit/projects?sortBy=totalGpuQuota&sortOrder=desc&limit=1").await.body;
    assert_eq!(desc["projects"][0]["totalResources"]["gpuQuota"], 5.0);
    let search = c.get("/api/v1/org-unit/projects?search=LLM").await.body;
    assert_eq!(names(&search["projects"]), ["llm-pretrain", "llm-eval"]);
    let research = c.get("/api/v1/org-unit/projects?filterBy=parentName==research,name=^m&sortBy=name").await.body;
    assert_eq!(names(&research["projects"]), ["materials", "med-imaging"]);
    let count = c.get("/api/v1/org-unit/projects/count?filterBy=phase==NotReady").await.body;
    assert!(count["count"].as_u64().unwrap() >= 1);
    for bad in ["filterBy=colour==red", "sortBy=colour", "limit=501", "sortOrder=sideways", "filterBy=name", "offset=2147483648", "offset=AAA", "limit=1.5"] {
        let answer = c.get(&format!("/api/v1/org-unit/projects?{bad}")).await;
        assert_eq!((answer.status, answer.body["code"].as_i64()), (400, Some(400)), "{bad}");
    }
}

#[tokio::test]
async fn project_lifecycle_with_its_department() {
    let c = Client::signed_in().await;
    let departments = c.get("/api/v1/org-unit/departments?filterBy=name==production").await.body;
    let department = departments["departments"][0]["id"].as_str().unwrap().to_owned();
    let pool = pool_id(&c, "a100-train").await;
    let request = json!({
        "name": "team-rocket", "clusterId": PROD, "parentId": department, "description": "Blast off",
        "resources": [{ "nodePool": { "id": pool }, "gpu": { "deserved": 2, "limit": 4, "overQuotaWeight": 1 },
                        "cpu": { "deserved": 16000 }, "memory": { "deserved": 128, "units": "GB" } }],
    });
    let answer = c.post_json("/api/v1/org-unit/projects", request.clone()).await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    let id = answer.body["id"].as_str().unwrap().to_owned();
    assert_eq!(answer.body["parent"]["name"], "production");
    assert_eq!(answer.body["totalResources"]["gpuQuota"], 2.0);
    assert_eq!(answer.body["status"]["namespace"], "runai-team-rocket");

    let again = c.post_json("/api/v1/org-unit/projects", request.clone()).await;
    assert_eq!(again.status, 409);
    let children = c.get(&format!("/api/v1/org-unit/departments/{department}")).await.body["children"].clone();
    assert!(names(&children).contains(&"team-rocket".to_owned()));

    let mut bad = request.clone();
    for (field, value) in [("name", json!("Team Rocket")), ("name", json!("x".repeat(64))), ("parentId", json!("999999")), ("clusterId", json!("nope"))] {
        bad[field] = value;
        assert_eq!(c.post_json("/api/v1/org-unit/projects", bad.clone()).await.status, 400, "{field}");
        bad = request.clone();
    }

    let update = json!({ "description": "Prepare for trouble", "resources": [{ "nodePool": { "id": pool }, "gpu": { "deserved": 3 } }] });
    let updated = c.put_json(&format!("/api/v1/org-unit/projects/{id}"), update).await;
    assert_eq!(updated.status, 200);
    assert_eq!((updated.body["description"].as_str(), updated.body["totalResources"]["gpuQuota"].as_f64()), (Some("Prepare for trouble"), Some(3.0)));

    assert_eq!(c.delete(&format!("/api/v1/org-unit/departments/{department}")).await.status, 400, "it has projects");
    assert_eq!(c.delete(&format!("/api/v1/org-unit/projects/{id}")).await.status, 204);
    assert_eq!(c.get(&format!("/api/v1/org-unit/projects/{id}")).await.status, 404);
    assert_eq!(c.delete(&format!("/api/v1/org-unit/projects/{id}")).await.status, 404);
}

#[tokio::test]
async fn department_lifecycle() {
    let c = Client::signed_in().await;
    let pool = pool_id(&c, "dgx-h100").await;
    let request = json!({ "name": "finance", "clusterId": PROD, "resources": [{ "nodePool": { "id": pool }, "gpu": { "deserved": 16 } }] });
    let answer = c.post_json("/api/v1/org-unit/departments", request.clone()).await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    let id = answer.body["id"].as_str().unwrap().to_owned();
    assert_eq!(c.post_json("/api/v1/org-unit/departments", request).await.status, 409);
    let update = json!({ "description": "Money", "resources": [{ "nodePool": { "id": pool }, "gpu": { "deserved": 8, "limit": 4 } }] });
    assert_eq!(c.put_json(&format!("/api/v1/org-unit/departments/{id}"), update).await.status, 400, "limit under deserved");
    let update = json!({ "description": "Money", "resources": [] });
    assert_eq!(c.put_json(&format!("/api/v1/org-unit/departments/{id}"), update).await.status, 200);
    assert_eq!(c.delete(&format!("/api/v1/org-unit/departments/{id}")).await.status, 204);
    assert_eq!(c.get(&format!("/api/v1/org-unit/departments/{id}")).await.status, 404);
}

#[tokio::test]
async fn node_pool_lifecycle() {
    let c = Client::signed_in().await;
    let request = json!({ "name": "gb200", "clusterId": PROD, "labelKey": "run.ai/type", "labelValue": "gb200",
                          "placementStrategy": { "gpu": "spread", "cpu": "binpack" }, "overProvisioningRatio": 2 });
    let answer = c.post_json("/api/v1/node-pools", request.clone()).await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    let id = answer.body["id"].as_str().unwrap().to_owned();
    assert_eq!(answer.body["placementStrategy"]["gpu"], "spread");
    assert_eq!(c.post_json("/api/v1/node-pools", request).await.status, 400, "duplicate name");
    let patched = c.put_json(&format!("/api/v1/node-pools/{id}"), json!({ "overProvisioningRatio": 3, "gpuNetworkAccelerationDetection": "Use" })).await;
    assert_eq!((patched.status, patched.body["overProvisioningRatio"].as_i64()), (200, Some(3)));
    assert_eq!(c.put_json(&format!("/api/v1/node-pools/{id}"), json!({ "overProvisioningRatio": 9 })).await.status, 400);
    let listed = c.get("/api/v1/node-pools?filterBy=name=@gb2&sortBy=createdAt&sortOrder=desc").await.body;
    assert_eq!(names(&listed["nodepools"]), ["gb200"]);
    assert_eq!(c.delete(&format!("/api/v1/node-pools/{id}")).await.status, 204);
    let default = pool_id(&c, "default").await;
    assert_eq!(c.delete(&format!("/api/v1/node-pools/{default}")).await.status, 400);
}

#[tokio::test]
async fn injected_faults_answer_instead() {
    let c = Client::signed_in().await;
    c.emulator.state.inject(axum::http::Method::GET, "/api/v1/org-unit/projects", 503, 1);
    assert_eq!(c.get("/api/v1/org-unit/projects").await.status, 503);
    assert_eq!(c.get("/api/v1/org-unit/projects").await.status, 200, "only once");
}

#[tokio::test]
async fn scales_up_for_benchmarks() {
    let c = Client::signed_in_with(Options { scale: 10_000, ..Options::default() }).await;
    assert_eq!(c.get("/api/v1/org-unit/projects/count").await.body["count"], 10_000);
    assert_eq!(c.get("/api/v1/nodes/count").await.body["count"], 10_000);
    let page = c.get("/api/v1/org-unit/projects?limit=500&offset=9800").await.body;
    assert_eq!(page["projects"].as_array().unwrap().len(), 200);
}
