//! The runtime `config.json` an operator may put beside `index.html`, so one build serves any
//! deployment: `{"controlPlaneUrl": "https://runai.example.com"}`.

use super::client::{fetch, Call};
use gloo_net::http::Method;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RuntimeConfig {
    pub control_plane_url: Option<String>,
    /// Minutes without input after which the session ends (default 60).
    pub idle_minutes: Option<f64>,
    /// Hours after signing in after which the session ends whatever happens (default 12).
    pub session_hours: Option<f64>,
    /// Why a `config.json` that is there could not be used (said on the sign-in page).
    pub problem: Option<String>,
}

/// The deployment's `config.json`: defaults when there is none (a 404, or the console's own
/// page served in its place), and the reason when there is one that cannot be read.
pub async fn load_runtime_config() -> RuntimeConfig {
    let call = Call { method: Method::GET, url: crate::util::base::href("/config.json"), body: None, bearer: None };
    match fetch(&call, "").await {
        Ok(answer) if answer.status == 200 && !answer.content_type.contains("html") => read_config(&answer.text),
        _ => RuntimeConfig::default(),
    }
}

/// A `config.json` as written, or why it cannot be used.
pub fn read_config(text: &str) -> RuntimeConfig {
    let problem = |why: String| RuntimeConfig {
        problem: Some(format!("The console's config.json could not be read ({why}); the control-plane address was not preset.")),
        ..RuntimeConfig::default()
    };
    let Some(value) = super::parse::parse(text) else {
        return problem("it is not valid JSON".into());
    };
    let url = &value["controlPlaneUrl"];
    if !value.is_object() || !(url.is_null() || url.is_string()) {
        return problem("it must be an object whose controlPlaneUrl is text".into());
    }
    let number = |key: &str| value[key].as_f64();
    RuntimeConfig { control_plane_url: url.as_str().map(str::to_owned), idle_minutes: number("idleMinutes"), session_hours: number("sessionHours"), problem: None }
}
