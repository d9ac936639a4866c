//! Data volumes as the contract declares them: the volumes that originate where the caller
//! reads, those usable in a project (its own and those shared with a scope holding it), the
//! copy's phases, writes, the name check, shared scopes, and workloads that mount them.

mod support;

use runai_emulator::{VIEWER_CLIENT_ID, VIEWER_CLIENT_SECRET};
use serde_json::{json, Value};
use support::Client;

const PROD: &str = "3f8a1c52-7d4e-4b2a-9c61-0e5d2b8f4a17";

async fn unit(c: &Client, kind: &str, name: &str) -> String {
    let answer = c.get(&format!("/api/v1/org-unit/{kind}?filterBy=name=={name}")).await.body;
    answer[kind][0]["id"].as_str().unwrap().to_owned()
}

fn names(answer: &Value) -> Vec<&str> {
    answer["datavolumes"].as_array().unwrap().iter().map(|v| v["name"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn volumes_are_listed_where_they_originate_and_where_they_are_usable() {
    let c = Client::signed_in().await;
    let all = c.get("/api/v1/datavolumes?requestType=Originated").await;
    assert_eq!(all.status, 200);
    assert_eq!(names(&all.body), ["imagenet-2012", "eval-sets"]);
    assert!(all.body["datavolumes"][0].get("sharedScopes").is_none(), "lists answer DatavolumeNoSharedScopes");
    assert_eq!(all.body["datavolumes"][0]["status"]["phase"], "Ready");
    assert_eq!(c.get("/api/v1/datavolumes/count?requestType=Originated&filterBy=projectName==vision").await.body["count"], 1);
    assert_eq!(c.get("/api/v1/datavolumes?requestType=Originated").await.status, 200);
    assert_eq!(c.get("/api/v1/datavolumes").await.status, 400, "requestType is required");

    // nlp is in ml-research, which imagenet-2012 is shared with; eval-sets is shared with
    // llm-eval (also in ml-research) and originates in chat-assist.
    for (project, usable) in [("nlp", &["imagenet-2012"][..]), ("llm-eval", &["imagenet-2012", "eval-sets"]), ("chat-assist", &["eval-sets"])] {
        let id = unit(&c, "projects", project).await;
        let answer = c.get(&format!("/api/v1/datavolumes?requestType=UsableInProject&usableInProjectId={id}")).await;
        assert_eq!(names(&answer.body), usable, "usable in {project}");
    }
    assert_eq!(c.get("/api/v1/datavolumes?requestType=UsableInProject").await.status, 400);
}

#[tokio::test]
async fn a_volume_is_copied_shared_described_mounted_and_deleted() {
    let c = Client::signed_in().await;
    let vision = unit(&c, "projects", "vision").await;
    let free = c.get(&format!("/api/v1/datavolumes/name-availability?dataName=coco&clusterId={PROD}")).await;
    assert_eq!(free.status, 204);
    let made = c.post_json("/api/v1/datavolumes", json!({ "name": "coco", "projectId": vision, "originPvcName": "coco-raw" })).await;
    assert_eq!(made.status, 201, "{}", made.body);
    assert_eq!(made.body["status"]["phase"], "Creating");
    assert_eq!(made.body["projectName"], "vision");
    let id = made.body["id"].as_str().unwrap().to_owned();
    let taken = c.get(&format!("/api/v1/datavolumes/name-availability?dataName=coco&clusterId={PROD}")).await;
    assert_eq!(taken.status, 409);
    let again = c.post_json("/api/v1/datavolumes", json!({ "name": "coco", "projectId": vision, "originPvcName": "other" })).await;
    assert_eq!(again.status, 400, "names are unique in a cluster");
    tokio::time::sleep(std::time::Duration::from_millis(3_100)).await;
    assert_eq!(c.get(&format!("/api/v1/datavolumes/{id}")).await.body["status"]["phase"], "Ready");

    // Not usable in speech until shared with it (or with ml-research).
    let speech = unit(&c, "projects", "speech").await;
    let mount = |project: &str| json!({ "name": "reader", "projectId": project, "clusterId": PROD,
        "spec": { "image": "python:3.12", "storage": { "dataVolume": [{ "id": id, "mountPath": "/data/coco" }] } } });
    let refused = c.post_json("/api/v1/workloads/trainings", mount(&speech)).await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    let shared = c.send("PATCH", &format!("/api/v1/datavolumes/{id}/sharedScopes"), Some(("application/json", json!({ "add": [{ "scopeType": "project", "scopeId": speech }] }).to_string()))).await;
    assert_eq!(shared.status, 200, "{}", shared.body);
    assert_eq!(shared.body[0]["scopeName"], "speech");
    assert_eq!(c.get(&format!("/api/v1/datavolumes/{id}/sharedScopes")).await.body.as_array().unwrap().len(), 1);
    let ran = c.post_json("/api/v1/workloads/trainings", mount(&speech)).await;
    assert_eq!(ran.status, 202, "{}", ran.body);

    let described = c.send("PATCH", &format!("/api/v1/datavolumes/{id}"), Some(("application/json", json!({ "description": "COCO 2017" }).to_string()))).await;
    assert_eq!(described.status, 200, "{}", described.body);
    assert_eq!(described.body["description"], "COCO 2017");
    let unknown = c.send("PATCH", &format!("/api/v1/datavolumes/{id}/sharedScopes"), Some(("application/json", json!({ "add": [{ "scopeType": "project", "scopeId": "999999" }] }).to_string()))).await;
    assert_eq!(unknown.status, 400);
    assert_eq!(c.delete(&format!("/api/v1/datavolumes/{id}")).await.status, 202);
    assert_eq!(c.get(&format!("/api/v1/datavolumes/{id}")).await.status, 404);
}

#[tokio::test]
async fn the_viewer_reads_its_departments_volumes_and_writes_none() {
    let mut c = Client::signed_in().await;
    let vision = unit(&c, "projects", "vision").await;
    c.sign_in(VIEWER_CLIENT_ID, VIEWER_CLIENT_SECRET).await;
    let seen = c.get("/api/v1/datavolumes?requestType=Originated").await;
    assert_eq!(seen.status, 200);
    assert_eq!(names(&seen.body), ["imagenet-2012"], "eval-sets originates in production");
    let write = c.post_json("/api/v1/datavolumes", json!({ "name": "x", "projectId": vision, "originPvcName": "p" })).await;
    assert_eq!(write.status, 403);
}
