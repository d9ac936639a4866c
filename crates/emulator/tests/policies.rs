//! Workload policies as the contract declares them: the list, one scope's policy with its
//! effective policy (rules from above win, defaults from below), writes, and submissions that
//! get the defaults and are refused, with each broken rule named, when they break a rule.

mod support;

use runai_emulator::{VIEWER_CLIENT_ID, VIEWER_CLIENT_SECRET};
use serde_json::{json, Value};
use support::Client;

const PROD: &str = "3f8a1c52-7d4e-4b2a-9c61-0e5d2b8f4a17";

async fn unit(c: &Client, kind: &str, name: &str) -> String {
    let answer = c.get(&format!("/api/v1/org-unit/{kind}?filterBy=name=={name}")).await.body;
    answer[kind][0]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_list_has_a_policy_at_each_scope_level() {
    let c = Client::signed_in().await;
    let all = c.get("/api/v2/policy").await;
    assert_eq!(all.status, 200);
    let scopes: Vec<&str> = all.body["policies"].as_array().unwrap().iter().map(|p| p["meta"]["scope"].as_str().unwrap()).collect();
    assert_eq!(scopes, ["tenant", "cluster", "department", "project"]);
    let trainings = c.get("/api/v2/policy?workloadType=Training").await.body;
    assert!(trainings["policies"].as_array().unwrap().iter().all(|p| p["type"] == "training"));
    assert_eq!(c.get("/api/v2/policy?scope=department").await.body["policies"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_effective_policy_takes_rules_from_above_and_defaults_from_below() {
    let c = Client::signed_in().await;
    let vision = unit(&c, "projects", "vision").await;
    let at = c.get(&format!("/api/v2/policy/workspaces?scope=project&projectId={vision}")).await;
    assert_eq!(at.status, 200);
    assert!(at.body["policy"].is_null(), "vision has no workspace policy of its own");
    let effective = &at.body["effective"];
    assert_eq!(effective["defaults"]["imagePullPolicy"], "IfNotPresent", "the tenant's default");
    assert_eq!(effective["rules"]["compute"]["gpuDevicesRequest"]["max"], 2, "ml-research's cap");
    assert_eq!(effective["rules"]["compute"]["gpuDevicesRequest"]["sourceOfRule"]["scope"], "department");
    assert_eq!(effective["rules"]["compute"]["cpuCoreRequest"]["sourceOfRule"]["scope"], "tenant");

    // A project rule on the same field does not lift the department's cap; its default wins.
    let put = c.put_json("/api/v2/policy/workspaces", json!({
        "meta": { "name": "vision-workspaces", "scope": "project", "projectId": vision.parse::<i64>().unwrap() },
        "policy": { "defaults": { "imagePullPolicy": "Always" }, "rules": { "compute": { "gpuDevicesRequest": { "max": 6 } } } } })).await;
    assert_eq!(put.status, 200, "{}", put.body);
    assert_eq!(put.body["meta"]["scope"], "project");
    assert_eq!(put.body["effective"]["rules"]["compute"]["gpuDevicesRequest"]["max"], 2);
    assert_eq!(put.body["effective"]["defaults"]["imagePullPolicy"], "Always");

    // PATCH merges, `reset` clears a field's rule; DELETE removes the policy.
    let patch = c.send("PATCH", "/api/v2/policy/workspaces", Some(("application/json", json!({
        "meta": { "name": "vision-workspaces", "scope": "project", "projectId": vision.parse::<i64>().unwrap() },
        "policy": { "rules": { "command": { "canEdit": false } } }, "reset": ["compute.gpuDevicesRequest"] }).to_string()))).await;
    assert_eq!(patch.status, 200, "{}", patch.body);
    assert_eq!(patch.body["policy"]["rules"]["command"]["canEdit"], false);
    assert!(patch.body["policy"]["rules"]["compute"]["gpuDevicesRequest"].is_null());
    assert_eq!(patch.body["policy"]["defaults"]["imagePullPolicy"], "Always", "kept");
    let path = format!("/api/v2/policy/workspaces?scope=project&projectId={vision}");
    assert_eq!(c.delete(&path).await.status, 204);
    assert_eq!(c.delete(&path).await.status, 404);

    // Rules that contradict themselves are refused.
    let bad = c.put_json("/api/v2/policy/trainings", json!({ "meta": { "name": "x", "scope": "tenant" },
        "policy": { "rules": { "compute": { "gpuDevicesRequest": { "min": 4, "max": 2 } } } } })).await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
async fn a_submission_gets_the_defaults_and_is_refused_for_each_rule_it_breaks() {
    let c = Client::signed_in().await;
    let vision = unit(&c, "projects", "vision").await;
    let submit = |name: &str, gpus: i64, cpu: f64| json!({ "name": name, "projectId": vision, "clusterId": PROD,
        "spec": { "image": "jupyter/base-notebook", "compute": { "gpuDevicesRequest": gpus, "cpuCoreRequest": cpu } } });
    let refused = c.post_json("/api/v1/workloads/workspaces", submit("too-big", 4, 64.0)).await;
    assert_eq!(refused.status, 400);
    assert_eq!(refused.body["message"], "The workload request does not comply with the policy set by the administrator");
    let issues: Vec<(&str, &str, &str)> = refused.body["complianceIssues"].as_array().unwrap().iter()
        .map(|i| (i["field"].as_str().unwrap(), i["rule"].as_str().unwrap(), i["details"].as_str().unwrap())).collect();
    assert!(issues.contains(&("compute.gpuDevicesRequest", "max", "value must be no greater than 2")), "{issues:?}");
    assert!(issues.contains(&("compute.cpuCoreRequest", "max", "value must be no greater than 32")), "{issues:?}");

    let accepted = c.post_json("/api/v1/workloads/workspaces", submit("fits", 2, 4.0)).await;
    assert_eq!(accepted.status, 202, "{}", accepted.body);
    let id = accepted.body["workloadId"].as_str().unwrap();
    let kept = c.get(&format!("/api/v1/workloads/workspaces/{id}")).await.body;
    assert_eq!(kept["spec"]["imagePullPolicy"], "IfNotPresent", "the tenant's default filled in: {kept}");

    // Another department's project is not under ml-research's cap.
    let other = unit(&c, "projects", "ads-ctr").await;
    let elsewhere = json!({ "name": "wide", "projectId": other, "clusterId": PROD, "spec": { "image": "x", "compute": { "gpuDevicesRequest": 4 } } });
    assert_eq!(c.post_json("/api/v1/workloads/workspaces", elsewhere).await.status, 202);
}

#[tokio::test]
async fn the_viewer_reads_the_policies_above_its_department_and_writes_none() {
    let mut c = Client::signed_in().await;
    c.sign_in(VIEWER_CLIENT_ID, VIEWER_CLIENT_SECRET).await;
    let seen = c.get("/api/v2/policy").await;
    assert_eq!(seen.status, 200);
    let names: Vec<&str> = seen.body["policies"].as_array().unwrap().iter().map(|p| p["meta"]["name"].as_str().unwrap()).collect::<Vec<_>>();
    assert!(names.contains(&"research-workspaces") && names.contains(&"tenant-workspaces") && names.contains(&"nlp-trainings"), "{names:?}");
    let write = c.put_json("/api/v2/policy/workspaces", json!({ "meta": { "name": "x", "scope": "tenant" }, "policy": {} })).await;
    assert_eq!(write.status, 403);
    let _: &Value = &write.body;
}

#[tokio::test]
async fn every_type_answers_within_the_contract_at_every_scope() {
    let c = Client::signed_in().await;
    let research = unit(&c, "departments", "ml-research").await;
    let nlp = unit(&c, "projects", "nlp").await;
    for segment in ["workspaces", "trainings", "distributed", "inferences", "distributed-inferences", "nim-services"] {
        for query in ["scope=tenant".to_owned(), format!("scope=cluster&clusterId={PROD}"), format!("scope=department&departmentId={research}"), format!("scope=project&projectId={nlp}")] {
            let answer = c.get(&format!("/api/v2/policy/{segment}?{query}")).await;
            assert_eq!(answer.status, 200, "{segment} {query}: {}", answer.body);
        }
        assert_eq!(c.get(&format!("/api/v2/policy/{segment}?scope=project")).await.status, 400, "a project scope names its project");
    }
    // A NIM service policy written at a department applies to its projects.
    let put = c.put_json("/api/v2/policy/nim-services", json!({
        "meta": { "name": "research-nims", "scope": "department", "departmentId": research },
        "policy": { "rules": { "compute": { "gpuDevicesRequest": { "max": 1 } } } } })).await;
    assert_eq!(put.status, 200, "{}", put.body);
    let at_nlp = c.get(&format!("/api/v2/policy/nim-services?scope=project&projectId={nlp}")).await;
    assert_eq!(at_nlp.body["effective"]["rules"]["compute"]["gpuDevicesRequest"]["max"], 1);
    let listed = c.get("/api/v2/policy").await.body;
    assert!(listed["policies"].as_array().unwrap().iter().any(|p| p["type"] == "nimService"), "{listed}");
}
