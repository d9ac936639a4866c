//! Shared helpers of the emulator's tests: a running emulator and a client whose every answer
//! is checked against the contract before the test sees it.

#![allow(dead_code)]

pub mod contract;

use runai_emulator::{spawn, Options, Running, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use serde_json::Value;

pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

pub struct Client {
    pub emulator: Running,
    pub token: Option<String>,
    http: reqwest::Client,
}

impl Client {
    /// An emulator with `options` and a client that is not signed in.
    pub async fn start(options: Options) -> Client {
        Client { emulator: spawn(options).await.unwrap(), token: None, http: reqwest::Client::new() }
    }

    /// An emulator with default options and a client signed in as the demo administrator.
    pub async fn signed_in() -> Client {
        Client::signed_in_with(Options::default()).await
    }

    pub async fn signed_in_with(options: Options) -> Client {
        let mut client = Client::start(options).await;
        client.sign_in(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET).await;
        client
    }

    pub async fn sign_in(&mut self, client_id: &str, secret: &str) {
        let form = format!("grant_type=client_credentials&client_id={client_id}&client_secret={secret}");
        let answer = self.send("POST", "/api/v2/token", Some(("application/x-www-form-urlencoded", form))).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        self.token = Some(answer.body["access_token"].as_str().unwrap().to_owned());
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send("GET", path, None).await
    }

    pub async fn post_json(&self, path: &str, body: Value) -> Answer {
        self.send("POST", path, Some(("application/json", body.to_string()))).await
    }

    pub async fn put_json(&self, path: &str, body: Value) -> Answer {
        self.send("PUT", path, Some(("application/json", body.to_string()))).await
    }

    pub async fn delete(&self, path: &str) -> Answer {
        self.send("DELETE", path, None).await
    }

    pub async fn post_form(&self, path: &str, form: &str) -> Answer {
        self.send("POST", path, Some(("application/x-www-form-urlencoded", form.to_owned()))).await
    }

    /// Sends a request and fails the test if the answer breaks the contract.
    pub async fn send(&self, method: &str, path: &str, body: Option<(&str, String)>) -> Answer {
        let url = format!("{}{path}", self.emulator.url());
        let mut request = self.http.request(method.parse().unwrap(), url);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        if let Some((content_type, body)) = body {
            request = request.header("content-type", content_type).body(body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        let violations = contract::contract().violations(method, path, status, &text);
        assert!(violations.is_empty(), "the answer breaks the contract:\n{}", violations.join("\n"));
        let body = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap() };
        Answer { status, headers, body }
    }
}
