//! `/api/v1/clusters` as the contract declares it.

mod support;

use support::Client;

#[tokio::test]
async fn lists_the_seeded_clusters_as_a_bare_array() {
    let client = Client::signed_in().await;
    let answer = client.get("/api/v1/clusters").await;
    assert_eq!(answer.status, 200);
    let names: Vec<_> = answer.body.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["prod-dgx", "research-ocp"]);
    assert_eq!(answer.body[0]["status"]["state"], "Connected");
    assert_eq!(answer.body[1]["status"]["platform"]["type"], "openshift");
}

#[tokio::test]
async fn metadata_verbosity_leaves_out_status() {
    let client = Client::signed_in().await;
    let answer = client.get("/api/v1/clusters?verbosity=metadata").await;
    assert!(answer.body[0].get("status").is_none());
    assert!(answer.body[0]["uuid"].is_string());
}

#[tokio::test]
async fn gets_one_cluster_and_404s_an_unknown_one() {
    let client = Client::signed_in().await;
    let list = client.get("/api/v1/clusters").await.body;
    let uuid = list[1]["uuid"].as_str().unwrap();
    let answer = client.get(&format!("/api/v1/clusters/{uuid}")).await;
    assert_eq!((answer.status, answer.body["name"].as_str()), (200, Some("research-ocp")));

    let answer = client.get("/api/v1/clusters/00000000-0000-4000-8000-000000000000").await;
    assert_eq!((answer.status, answer.body["code"].as_i64()), (404, Some(404)));
}

#[tokio::test]
async fn the_seed_is_deterministic() {
    let (a, b) = (Client::signed_in().await, Client::signed_in().await);
    let strip = |mut v: serde_json::Value| {
        for c in v.as_array_mut().unwrap() {
            c.as_object_mut().unwrap().retain(|k, _| k != "lastLiveness" && k != "status");
        }
        v
    };
    assert_eq!(strip(a.get("/api/v1/clusters").await.body), strip(b.get("/api/v1/clusters").await.body));
}
