//! Token endpoints and the bearer check, answered as the contract declares.

mod support;

use runai_emulator::{Options, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use std::time::Duration;
use support::Client;

const GOOD: &str = "grant_type=client_credentials&client_id=demo-admin&client_secret=demo-admin-secret";

#[tokio::test]
async fn v2_token_for_client_credentials() {
    let client = Client::start(Options::default()).await;
    let answer = client.post_form("/api/v2/token", GOOD).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body["token_type"], "Bearer");
    assert_eq!(answer.body["expires_in"], 3600);
    assert_eq!(answer.body["access_token"].as_str().unwrap().split('.').count(), 3, "a JWT");
}

#[tokio::test]
async fn v2_token_errors_are_oauth2_errors() {
    let client = Client::start(Options::default()).await;
    let cases = [
        ("grant_type=client_credentials&client_id=demo-admin&client_secret=wrong", 401, "invalid_client"),
        ("grant_type=client_credentials&client_id=nobody&client_secret=x", 401, "invalid_client"),
        ("grant_type=client_credentials&client_id=demo-admin", 400, "invalid_request"),
        ("client_id=demo-admin&client_secret=demo-admin-secret", 400, "invalid_request"),
        ("grant_type=password&username=a@example.com&password=b", 401, "invalid_grant"),
        ("grant_type=password&username=a@example.com", 400, "invalid_request"),
        ("grant_type=refresh_token&refresh_token=x", 400, "unsupported_grant_type"),
        ("grant_type=magic", 400, "unsupported_grant_type"),
    ];
    for (form, status, error) in cases {
        let answer = client.post_form("/api/v2/token", form).await;
        assert_eq!((answer.status, answer.body["error"].as_str()), (status, Some(error)), "{form}");
    }
}

#[tokio::test]
async fn v1_token_and_its_errors() {
    let client = Client::start(Options { token_ttl: 120, ..Options::default() }).await;
    let request = serde_json::json!({"grantType": "client_credentials", "clientID": DEMO_CLIENT_ID, "clientSecret": DEMO_CLIENT_SECRET});
    let answer = client.post_json("/api/v1/token", request).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body["expiresIn"], 120);
    assert!(answer.body["accessToken"].is_string());

    let wrong = serde_json::json!({"grantType": "client_credentials", "clientID": DEMO_CLIENT_ID, "clientSecret": "nope"});
    let answer = client.post_json("/api/v1/token", wrong).await;
    assert_eq!((answer.status, answer.body["code"].as_i64()), (400, Some(400)));
    let answer = client.post_json("/api/v1/token", serde_json::json!({"grantType": "password"})).await;
    assert_eq!(answer.status, 400);

    // The deprecated application grant, as the contract spells it and as runapy sends it.
    for (id, secret) in [("appID", "appSecret"), ("AppId", "AppSecret")] {
        let app = serde_json::json!({"grantType": "app_token", id: DEMO_CLIENT_ID, secret: DEMO_CLIENT_SECRET});
        let answer = client.post_json("/api/v1/token", app).await;
        assert_eq!(answer.status, 200, "{id}/{secret}: {}", answer.body);
        assert!(answer.body["accessToken"].is_string());
    }
    let wrong_app = serde_json::json!({"grantType": "app_token", "AppId": DEMO_CLIENT_ID, "AppSecret": "nope"});
    assert_eq!(client.post_json("/api/v1/token", wrong_app).await.status, 400);
}

#[tokio::test]
async fn api_routes_refuse_missing_forged_and_expired_tokens() {
    let mut client = Client::start(Options { token_ttl: 2, ..Options::default() }).await;
    let answer = client.get("/api/v1/clusters").await;
    assert_eq!((answer.status, answer.body["code"].as_i64()), (401, Some(401)));

    client.token = Some("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZW1vLWFkbWluIiwiZXhwIjo5OTk5OTk5OTk5fQ.c2lnbmF0dXJl".into());
    assert_eq!(client.get("/api/v1/clusters").await.status, 401, "forged");

    client.sign_in(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET).await;
    assert_eq!(client.get("/api/v1/clusters").await.status, 200, "fresh");
    tokio::time::sleep(Duration::from_millis(3100)).await;
    let answer = client.get("/api/v1/clusters").await;
    assert_eq!(answer.status, 401, "expired");
    assert_eq!(answer.body["message"], "Token is expired.");
}

#[tokio::test]
async fn permissions_of_the_demo_administrator() {
    let client = Client::signed_in().await;
    let answer = client.get("/api/v1/authorization/permissions").await;
    assert_eq!(answer.status, 200);
    let clusters = answer.body.as_array().unwrap().iter().find(|p| p["resourceType"] == "cluster").unwrap();
    assert_eq!(clusters["actions"], serde_json::json!(["create", "read", "update", "delete"]));
}
