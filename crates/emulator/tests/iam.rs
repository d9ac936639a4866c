//! Users, service accounts, access rules, roles and scope-aware access, as the contract says.

mod support;

use runai_emulator::{Options, VIEWER_CLIENT_ID, VIEWER_CLIENT_SECRET};
use serde_json::{json, Value};
use support::Client;

const PROD: &str = "3f8a1c52-7d4e-4b2a-9c61-0e5d2b8f4a17";

fn field(list: &Value, key: &str) -> Vec<String> {
    list.as_array().unwrap().iter().map(|r| r[key].as_str().unwrap().to_owned()).collect()
}

async fn id_of(c: &Client, path: &str, key: &str, name: &str) -> String {
    let list = c.get(&format!("{path}?filterBy=name=={name}")).await.body;
    list[key][0]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn users_list_filter_create_reset_and_delete() {
    let c = Client::signed_in().await;
    let all = c.get("/api/v1/users?sortBy=username").await.body;
    assert_eq!(field(&all, "username"), ["admin@example.com", "alice@example.com", "bob@example.com", "carol@example.com"]);
    let sso = c.get("/api/v1/users?filterBy=isLocal==false").await.body;
    assert_eq!(field(&sso, "username"), ["alice@example.com", "bob@example.com"]);
    assert_eq!(c.get("/api/v1/users?filterBy=username!=x").await.status, 400, "users allow only == <= >= =@");
    assert_eq!(c.get("/api/v1/users/count?search=example").await.body["count"], 4);
    assert_eq!(c.get("/api/v1/users?limit=2&offset=1").await.body.as_array().unwrap().len(), 2);

    let made = c.post_json("/api/v1/users", json!({ "email": "dave@example.com" })).await;
    assert_eq!(made.status, 201);
    assert!(made.body["tempPassword"].as_str().unwrap().len() >= 8);
    let id = made.body["id"].as_str().unwrap().to_owned();
    assert_eq!(c.post_json("/api/v1/users", json!({ "email": "dave@example.com" })).await.status, 409);
    assert_eq!(c.post_json("/api/v1/users", json!({ "email": "not an email" })).await.status, 400);
    let reset = c.send("POST", &format!("/api/v1/users/{id}/password"), None).await;
    let password = reset.body["tempPassword"].as_str().unwrap().to_owned();
    // A local user signs in with the password grant, and has no access until a rule gives some.
    let form = format!("grant_type=password&username=dave@example.com&password={password}");
    let token = c.post_form("/api/v2/token", &form).await;
    assert_eq!((token.status, token.body["token_type"].as_str()), (200, Some("Bearer")));
    assert_eq!(c.send("POST", &format!("/api/v1/users/{id}/logout"), None).await.status, 200);
    assert_eq!(c.delete(&format!("/api/v1/users/{id}")).await.status, 204);
    assert_eq!(c.get(&format!("/api/v1/users/{id}")).await.status, 404);
}

#[tokio::test]
async fn service_accounts_show_secrets_once_and_sign_in_with_them() {
    let mut c = Client::signed_in().await;
    let made = c.post_json("/api/v1/service-accounts", json!({ "name": "ci-bot" })).await;
    assert_eq!(made.status, 201);
    let (id, secret) = (made.body["id"].as_str().unwrap().to_owned(), made.body["clientSecret"].as_str().unwrap().to_owned());
    assert_eq!(c.post_json("/api/v1/service-accounts", json!({ "name": "ci-bot" })).await.status, 409);
    assert_eq!(c.post_json("/api/v1/service-accounts", json!({ "name": "CI Bot" })).await.status, 400);
    let listed = c.get("/api/v1/service-accounts").await.body;
    assert!(!listed.to_string().contains(&secret), "secrets are never listed");
    let patched = c.send("PATCH", &format!("/api/v1/service-accounts/{id}"), Some(("application/json", r#"{"enabled":false}"#.into()))).await;
    assert_eq!(patched.status, 200);
    assert_eq!(c.get(&format!("/api/v1/service-accounts/{id}")).await.body["enabled"], false);
    c.send("PATCH", &format!("/api/v1/service-accounts/{id}"), Some(("application/json", r#"{"enabled":true}"#.into()))).await;
    // The contract makes this body optional: a PATCH without one changes nothing and succeeds.
    assert_eq!(c.send("PATCH", &format!("/api/v1/service-accounts/{id}"), None).await.status, 200);
    let refused = c.send("PATCH", &format!("/api/v1/service-accounts/{id}"), Some(("application/json", r#"{"enabled":"yes"}"#.into()))).await;
    assert_eq!(refused.status, 400);
    let new_secret = c.send("POST", &format!("/api/v1/service-accounts/{id}/secret"), None).await.body["clientSecret"].as_str().unwrap().to_owned();
    assert_ne!(new_secret, secret);

    // With no access rule it signs in but may do nothing.
    c.sign_in("ci-bot", &new_secret).await;
    assert_eq!(c.get("/api/v1/org-unit/projects").await.status, 403);
    assert_eq!(c.get("/api/v1/authorization/permissions").await.body, json!([]));
}

#[tokio::test]
async fn access_rules_bind_roles_in_scopes() {
    let c = Client::signed_in().await;
    let project = id_of(&c, "/api/v1/org-unit/projects", "projects", "nlp").await;
    let rule = json!({ "subjectId": "carol@example.com", "subjectType": "user", "roleId": 4, "scopeId": project, "scopeType": "project" });
    let made = c.post_json("/api/v1/authorization/access-rules", rule.clone()).await;
    assert_eq!(made.status, 201);
    assert_eq!((made.body["roleName"].as_str(), made.body["scopeName"].as_str()), (Some("L1 researcher"), Some("nlp")));
    let id = made.body["id"].as_i64().unwrap();
    let one = c.get(&format!("/api/v1/authorization/access-rules/{id}")).await.body;
    assert_eq!(one["scopePath"], "runai/prod-dgx/ml-research/nlp");
    let carol = c.get("/api/v1/authorization/access-rules?subjectType=user&subjectIds=carol@example.com").await.body;
    assert_eq!((carol["totalRecords"].as_u64(), carol["displayRecords"].as_u64()), (Some(1), Some(1)));
    let by_role = c.get("/api/v1/authorization/access-rules?filterBy=roleName=@viewer").await.body;
    assert_eq!(field(&by_role["accessRules"], "subjectId"), [VIEWER_CLIENT_ID]);
    let mut bad = rule.clone();
    bad["roleId"] = json!(999);
    assert_eq!(c.post_json("/api/v1/authorization/access-rules", bad).await.status, 400);
    assert_eq!(c.delete(&format!("/api/v1/authorization/access-rules/{id}")).await.status, 204);
    assert_eq!(c.get(&format!("/api/v1/authorization/access-rules/{id}")).await.status, 404);
    assert_eq!(c.get("/api/v1/authorization/access-rules/not-a-number").await.status, 404);

    let roles = c.get("/api/v1/authorization/roles").await.body;
    assert_eq!(roles.as_array().unwrap().len(), 7);
    let viewer = c.get("/api/v1/authorization/roles/7").await.body;
    assert_eq!(viewer["name"], "Viewer");
    assert_eq!(c.get("/api/v1/authorization/roles/99").await.status, 404);
}

#[tokio::test]
async fn the_viewer_sees_its_department_and_changes_nothing() {
    let mut c = Client::start(Options::default()).await;
    c.sign_in(VIEWER_CLIENT_ID, VIEWER_CLIENT_SECRET).await;
    let departments = c.get("/api/v1/org-unit/departments").await.body;
    assert_eq!(field(&departments["departments"], "name"), ["ml-research"]);
    let projects = c.get("/api/v1/org-unit/projects?limit=500").await.body;
    assert_eq!(projects["projects"].as_array().unwrap().len(), 10);
    assert_eq!(c.get("/api/v1/org-unit/projects/count").await.body["count"], 10);
    assert_eq!(field(&c.get("/api/v1/clusters").await.body, "name"), ["prod-dgx"], "only its department's cluster");
    assert_eq!(c.get("/api/v1/nodes/count").await.body["count"], 14);

    let write = json!({ "name": "sneaky", "clusterId": PROD, "resources": [] });
    let refused = c.post_json("/api/v1/org-unit/projects", write).await;
    assert_eq!((refused.status, refused.body["code"].as_i64()), (403, Some(403)));
    let vision = field(&projects["projects"], "id")[0].clone();
    assert_eq!(c.delete(&format!("/api/v1/org-unit/projects/{vision}")).await.status, 403);
    assert_eq!(c.get("/api/v1/users").await.status, 403, "users are tenant-wide");

    let permissions = c.get("/api/v1/authorization/permissions").await.body;
    assert!(permissions.as_array().unwrap().iter().all(|p| p["actions"] == json!(["read"])));
    let mine = c.get("/api/v1/authorization/me/access-rules").await.body;
    assert_eq!(mine["accessRules"]["accessRules"][0]["scopeName"], "ml-research");
    let scopes = c.post_json("/api/v1/authorization/permitted-scopes", json!({ "resourceType": "project" })).await.body;
    assert_eq!(scopes["read"]["departments"].as_array().unwrap().len(), 1);
    assert_eq!(scopes["create"]["departments"], json!([]));
}

#[tokio::test]
async fn applications_and_access_keys() {
    let mut c = Client::signed_in().await;
    let app = c.post_json("/api/v1/apps", json!({ "name": "old-bot" })).await;
    assert_eq!(app.status, 201);
    assert!(app.body["secret"].is_string(), "applications call it secret");
    let id = app.body["id"].as_str().unwrap().to_owned();
    assert_eq!(field(&c.get("/api/v1/apps").await.body, "name"), ["old-bot"]);
    assert!(!field(&c.get("/api/v1/service-accounts").await.body, "name").contains(&"old-bot".to_owned()));
    assert!(c.send("POST", &format!("/api/v1/apps/{id}/secret"), None).await.body["secret"].is_string());
    assert_eq!(c.delete(&format!("/api/v1/apps/{id}")).await.status, 204);

    let key = c.post_json("/api/v1/access-keys", json!({ "name": "laptop" })).await;
    assert_eq!(key.status, 201);
    let (key_id, client_id, secret) = (key.body["id"].as_str().unwrap().to_owned(), key.body["clientId"].as_str().unwrap().to_owned(), key.body["clientSecret"].as_str().unwrap().to_owned());
    assert_eq!(c.post_json("/api/v1/access-keys", json!({ "name": "laptop" })).await.status, 409);
    assert_eq!(field(&c.get("/api/v1/access-keys").await.body["accessKeys"], "name"), ["laptop"]);
    let everyone = c.get("/api/v1/administration/access-keys?createdBy=demo-admin").await.body;
    assert_eq!(field(&everyone["accessKeys"], "createdBy"), ["demo-admin"]);
    assert!(!everyone.to_string().contains(&secret), "secrets are never listed");

    // The key signs in and acts as its owner.
    c.sign_in(&client_id, &secret).await;
    assert_eq!(c.get("/api/v1/users").await.status, 200);
    assert_eq!(c.delete(&format!("/api/v1/access-keys/{key_id}")).await.status, 204);
}
