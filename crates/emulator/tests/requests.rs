//! Every request is held to what its operation declares before a handler sees it: query and
//! path parameters (types, int32 bounds, enums, patterns) and JSON bodies (types, required
//! members, bounds). What the contract forbids is refused with the `Error` body and never
//! stored, so no later answer can break the contract because of it.

mod support;

use serde_json::json;
use support::Client;

const PROD: &str = "3f8a1c52-7d4e-4b2a-9c61-0e5d2b8f4a17";

async fn count(c: &Client, path: &str) -> u64 {
    c.get(&format!("{path}/count")).await.body["count"].as_u64().unwrap()
}

#[tokio::test]
async fn query_and_path_parameters_are_typed() {
    let c = Client::signed_in().await;
    for bad in ["access-rules?includeDeleted=2", "access-rules?limit=0", "access-rules/count?offset=-1x", "access-rules?offset=2147483648"] {
        let answer = c.get(&format!("/api/v1/authorization/{bad}")).await;
        assert_eq!((answer.status, answer.body["code"].as_i64()), (400, Some(400)), "{bad}");
    }
    assert_eq!(c.get("/api/v1/authorization/access-rules?includeDeleted=true").await.status, 200);
    assert_eq!(c.get("/api/v1/org-unit/projects/count?filterBy=colour==red").await.status, 400, "filterBy's pattern");
    // The access-rule read declares no 400: an id that is not an int32 names no rule.
    assert_eq!(c.get("/api/v1/authorization/access-rules/2147483648").await.status, 404);
}

#[tokio::test]
async fn bodies_are_typed_and_nothing_forbidden_is_stored() {
    let c = Client::signed_in().await;
    let departments = c.get("/api/v1/org-unit/departments?filterBy=name==production").await.body;
    let department = departments["departments"][0]["id"].as_str().unwrap().to_owned();
    let projects = count(&c, "/api/v1/org-unit/projects").await;
    let project = json!({ "name": "typed", "clusterId": PROD, "parentId": department, "resources": [],
                          "schedulingRules": { "trainingJobTimeLimitSeconds": "x" } });
    let answer = c.post_json("/api/v1/org-unit/projects", project).await;
    assert_eq!(answer.status, 400, "{}", answer.body);
    assert!(answer.body["message"].as_str().unwrap().contains("trainingJobTimeLimitSeconds"), "{}", answer.body);
    assert_eq!(count(&c, "/api/v1/org-unit/projects").await, projects, "nothing stored");

    let update = json!({ "description": "no resources" });
    assert_eq!(c.put_json(&format!("/api/v1/org-unit/departments/{department}"), update).await.status, 400, "resources is required");

    let users = count(&c, "/api/v1/users").await;
    assert_eq!(c.post_json("/api/v1/users", json!({ "email": "eve@example.com", "resetPassword": -1 })).await.status, 400);
    assert_eq!(c.post_json("/api/v1/users", json!({})).await.status, 400, "email is required");
    assert_eq!(count(&c, "/api/v1/users").await, users, "nothing stored");
}

#[tokio::test]
async fn who_asks_is_checked_before_what_they_ask() {
    let c = Client::start(Default::default()).await;
    assert_eq!(c.get("/api/v1/authorization/access-rules?includeDeleted=2").await.status, 401);
}
