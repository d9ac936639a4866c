//! The runtime `config.json` an operator may put beside `index.html`, so one build serves any
//! deployment: `{"controlPlaneUrl": "https://runai.example.com"}`.

use super::client::{fetch, Call};
use gloo_net::http::Method;
use serde::Deserialize;

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RuntimeConfig {
    pub control_plane_url: Option<String>,
    /// Why a `config.json` that is there could not be used (said on the sign-in page).
    #[serde(skip)]
    pub problem: Option<String>,
}

/// The deployment's `config.json`: defaults when there is none (a 404, or the console's own
/// page served in its place), and the reason when there is one that cannot be read.
pub async fn load_runtime_config() -> RuntimeConfig {
    let call = Call { method: Method::GET, url: "/config.json".into(), body: None, bearer: None };
    match fetch(&call, "").await {
        Ok(answer) if answer.status == 200 && !answer.content_type.contains("html") => read_config(&answer.text),
        _ => RuntimeConfig::default(),
    }
}

/// A `config.json` as written, or why it cannot be used.
pub fn read_config(text: &str) -> RuntimeConfig {
    serde_json::from_str(text).unwrap_or_else(|e: serde_json::Error| RuntimeConfig {
        problem: Some(format!("The console's config.json could not be read ({e}); the control-plane address was not preset.")),
        ..RuntimeConfig::default()
    })
}
