//! Requests are as contract-checked as answers: for every resource type the console can write,
//! the body its form sends (to create, and to save an edit) is checked strictly against the
//! operation's `requestBody` in the vendored OpenAPI document: declared properties only,
//! required ones present, types, formats and bounds right. Fields are filled the way an
//! operator would, generically from the form's own declaration.

#![cfg(not(target_arch = "wasm32"))]

use runai_emulator::contract;
use runai_console::api::clusters::Cluster;
use runai_console::api::departments::Department;
use runai_console::api::iam::{AccessKey, AccessRule, App, ServiceAccount, User};
use runai_console::api::nodepools::NodePool;
use runai_console::api::projects::Project;
use runai_console::api::workloads::Workload;
use runai_console::api::ApiResource;
use runai_console::components::form_model::{FieldKind, TextRule, Value, Values};
use runai_console::components::quota_editor::QuotaRow;
use runai_console::components::resource::Resource;
use serde_json::json;

const CLUSTER: &str = "3f8a1c52-7d4e-4b2a-9c61-0e5d2b8f4a17";
const DEPARTMENT: &str = "8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
const PROJECT: &str = "4c6d8e7f-9a0b-4c1d-8e3f-4a5b6c7d8e9f";
const POOL: &str = "5d6e7f80-1a2b-4c3d-9e4f-5a6b7c8d9e0f";

/// What an operator would type or pick in each field the form declares.
fn filled<R: Resource>(mut values: Values, creating: bool) -> Values {
    let form = R::form().expect("a writable type");
    for field in (form.fields)().iter().filter(|f| creating || !f.create_only) {
        let value = match &field.kind {
            FieldKind::Text { rule: TextRule::Name, .. } => Value::Text("team-a".into()),
            FieldKind::Text { rule: TextRule::LabelKey, .. } => Value::Text("run.ai/type".into()),
            FieldKind::Text { rule: TextRule::LabelValue, .. } => Value::Text("a100".into()),
            FieldKind::Text { rule: TextRule::Cores, .. } => Value::Text("0.5".into()),
            FieldKind::Text { rule: TextRule::Fraction, .. } => Value::Text("0.5".into()),
            FieldKind::Text { rule: TextRule::Memory, .. } => Value::Text("2Gi".into()),
            FieldKind::Text { .. } if field.key == "name" => Value::Text("team-a".into()),
            FieldKind::Text { .. } if field.key == "email" => Value::Text("ada@example.com".into()),
            FieldKind::Text { .. } if field.key == "subject" => Value::Text("ada@example.com".into()),
            FieldKind::Text { .. } => Value::Text("run.ai/pool".into()),
            FieldKind::LongText { rule: TextRule::Environment } => Value::Text("HF_HOME=/data/hf\nMODE=dev".into()),
            FieldKind::LongText { .. } => Value::Text("For the vision team.".into()),
            FieldKind::Whole { min, max } => Value::Text(3600.clamp(*min, *max).to_string()),
            FieldKind::Choice(options) => Value::Text(options[0].0.into()),
            FieldKind::Flag => Value::Flag(true),
            FieldKind::List => Value::Text("a100, h100".into()),
            FieldKind::Reference { .. } => Value::Text(
                match field.key {
                    "cluster" => CLUSTER.into(),
                    "department" => DEPARTMENT.into(),
                    "role" => "3".into(),
                    "scope" => format!("department:{DEPARTMENT}"),
                    "project" => PROJECT.into(),
                    other => panic!("no fixture for the reference field {other}"),
                },
            ),
            FieldKind::Custom { .. } => Value::Quotas(vec![
                QuotaRow { pool_id: POOL.into(), pool_name: "a100".into(), gpu: "2".into(), gpu_limit: "4".into(), gpu_weight: "1".into(), ..QuotaRow::default() },
                QuotaRow { pool_id: POOL.into(), pool_name: "cpu".into(), gpu: "0".into(), cpu: "2000".into(), memory: "64".into(), memory_units: "GB".into(), ..QuotaRow::default() },
            ]),
        };
        values.set(field.key, value);
    }
    values
}

/// The violations of the create body and, for editable types, of the edit body of `record`.
fn violations<R: Resource>(record: serde_json::Value) -> Vec<String> {
    let form = R::form().expect("a writable type");
    let contract = contract::contract();
    let create = (form.payload)(&filled::<R>((form.initial)(None), true), true);
    let mut found = contract.request_violations("POST", R::COLLECTION, &create);
    // What is unset is left out rather than sent as null (which some inner schemas refuse).
    found.extend(create.contains(":null").then(|| format!("the create body holds a null: {create}")));
    if form.editable {
        let record = R::from_json(&record);
        let edit = (form.payload)(&filled::<R>((form.initial)(Some(&record)), false), false);
        let path = format!("{}/{}", R::COLLECTION, record.id());
        found.extend(contract.request_violations(if R::PATCH { "PATCH" } else { "PUT" }, &path, &edit));
    }
    found
}

/// The violations of a submission of each type the workload form offers, sent to that type's API.
fn workload_violations() -> Vec<String> {
    let form = Workload::form().expect("workloads are submitted");
    let contract = contract::contract();
    let mut found = Vec::new();
    for (kind, segment) in [("workspace", "workspaces"), ("training", "trainings"), ("inference", "inferences")] {
        let mut values = filled::<Workload>((form.initial)(None), true);
        values.set("type", Value::Text(kind.into()));
        let body = (form.payload)(&values, true);
        let path = format!("{}/{segment}", Workload::COLLECTION);
        found.extend(contract.request_violations("POST", &path, &body).into_iter().map(|v| format!("{kind}: {v}")));
        found.extend(body.contains(":null").then(|| format!("the {kind} body holds a null: {body}")));
        found.extend((!body.contains("\"environmentVariables\":[{\"name\":\"HF_HOME\"")).then(|| format!("the {kind} body lost its variables: {body}")));
    }
    found
}

fn quotas() -> serde_json::Value {
    json!([{ "nodePool": { "id": POOL, "name": "a100" }, "gpu": { "deserved": 2, "limit": -1, "overQuotaWeight": 2 },
             "memory": { "deserved": 1000, "units": "MB" } }])
}

#[test]
fn every_form_sends_what_the_contract_declares() {
    let cases: Vec<(&str, Vec<String>)> = vec![
        ("node pools", violations::<NodePool>(json!({ "id": "1", "name": "a100", "clusterId": CLUSTER, "labelKey": "run.ai/type", "labelValue": "a100",
            "overProvisioningRatio": 2, "placementStrategy": { "gpu": "spread", "cpu": "binpack" } }))),
        ("departments", violations::<Department>(json!({ "id": DEPARTMENT, "name": "ml", "clusterId": CLUSTER, "resources": quotas(),
            "schedulingRules": { "trainingJobTimeLimitSeconds": 7200 }, "defaultNodePools": ["a100"] }))),
        ("projects", violations::<Project>(json!({ "id": "4c6d8e7f-9a0b-4c1d-8e3f-4a5b6c7d8e9f", "name": "vision", "clusterId": CLUSTER,
            "parentId": DEPARTMENT, "resources": quotas(), "nodeTypes": { "training": ["dgx"], "workspace": [] } }))),
        ("users", violations::<User>(json!({}))),
        ("service accounts", violations::<ServiceAccount>(json!({}))),
        ("applications", violations::<App>(json!({}))),
        ("access rules", violations::<AccessRule>(json!({}))),
        ("access keys", violations::<AccessKey>(json!({}))),
        ("workloads", workload_violations()),
    ];
    let broken: Vec<String> = cases.into_iter().filter(|(_, v)| !v.is_empty()).map(|(what, v)| format!("{what}:\n  {}", v.join("\n  "))).collect();
    assert!(broken.is_empty(), "request bodies outside the contract:\n{}", broken.join("\n"));
    // Read-only types have no form to check.
    assert!(Cluster::form().is_none());
}

#[test]
fn the_checker_refuses_what_the_contract_forbids() {
    let contract = contract::contract();
    let missing = contract.request_violations("POST", "/api/v1/access-keys", "{}");
    assert!(missing.iter().any(|v| v.contains("name is required")), "{missing:?}");
    let extra = contract.request_violations("POST", "/api/v1/access-keys", r#"{"name":"k","colour":"red"}"#);
    assert!(extra.iter().any(|v| v.contains("colour is not declared")), "{extra:?}");
    let range = contract.request_violations("POST", "/api/v1/node-pools",
        &json!({ "name": "p", "clusterId": CLUSTER, "labelKey": "k", "labelValue": "v", "overProvisioningRatio": 9 }).to_string());
    assert!(range.iter().any(|v| v.contains("overProvisioningRatio = 9 is out of range")), "{range:?}");
}
