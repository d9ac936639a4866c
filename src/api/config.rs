//! The runtime `config.json` an operator may put beside `index.html`, so one build serves any
//! deployment: `{"controlPlaneUrl": "https://runai.example.com"}`.

use super::client::{fetch, Call};
use gloo_net::http::Method;
use serde::Deserialize;

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RuntimeConfig {
    pub control_plane_url: Option<String>,
}

/// The deployment's `config.json`, or defaults when there is none or it cannot be read.
pub async fn load_runtime_config() -> RuntimeConfig {
    let call = Call { method: Method::GET, url: "/config.json".into(), body: None, bearer: None };
    match fetch(&call, "").await {
        Ok(answer) if answer.status == 200 => serde_json::from_str(&answer.text).unwrap_or_default(),
        _ => RuntimeConfig::default(),
    }
}
