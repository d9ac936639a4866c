//! The one place the console talks HTTP: `fetch` with a timeout, and decoding of what comes
//! back into typed values or an `ApiError`. Everything else reaches the network through here.

use super::error::{describe_body, ApiError};
use gloo_net::http::{Method, RequestBuilder};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{AbortController, ReferrerPolicy, RequestCredentials};

/// No answer within this long is a timeout (the spinner never spins forever).
const TIMEOUT_MS: i32 = 30_000;

/// One request, fully resolved: URL, method, body and bearer token.
pub struct Call {
    pub method: Method,
    pub url: String,
    /// Content type and body.
    pub body: Option<(&'static str, String)>,
    pub bearer: Option<String>,
}

/// What came back, before it is judged.
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub retry_after: Option<u32>,
    pub text: String,
}

/// Sends a call. Fails only when no HTTP answer arrived; any status is an `Answer`.
pub async fn fetch(call: &Call, host: &str) -> Result<Answer, ApiError> {
    let controller = AbortController::new().ok();
    let timed_out = Rc::new(Cell::new(false));
    let timer = controller.as_ref().map(|controller| {
        let (controller, timed_out) = (controller.clone(), timed_out.clone());
        Timer::new(TIMEOUT_MS, move || {
            timed_out.set(true);
            controller.abort();
        })
    });
    let mut builder = RequestBuilder::new(&call.url)
        .method(call.method.clone())
        .credentials(RequestCredentials::Omit)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .abort_signal(controller.as_ref().map(|c| c.signal()).as_ref())
        .header("Accept", "application/json");
    if let Some(token) = &call.bearer {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    let request = match &call.body {
        Some((content_type, body)) => builder.header("Content-Type", content_type).body(body.as_str()),
        None => builder.build(),
    };
    let unreachable = || match timed_out.get() {
        true => ApiError::Timeout { host: host.to_owned() },
        false => ApiError::Unreachable { host: host.to_owned() },
    };
    // Should this call be dropped before its answer (a newer query took its place, or its
    // page went), the request is aborted too, not left running.
    let mut abort_on_drop = AbortOnDrop(controller.clone());
    let response = request.map_err(|_| unreachable())?.send().await.map_err(|_| unreachable())?;
    let text = response.text().await.map_err(|_| unreachable())?;
    abort_on_drop.0 = None;
    drop(timer);
    let headers = response.headers();
    Ok(Answer {
        status: response.status(),
        content_type: headers.get("content-type").unwrap_or_default(),
        // Seconds or an HTTP-date; never more than a minute.
        retry_after: headers.get("retry-after").and_then(|v| crate::util::time::retry_after_secs(&v, (js_sys::Date::now() / 1000.0) as i64, 60)),
        text,
    })
}

/// A 2xx answer's JSON; anything else as the matching `ApiError`.
pub fn decode(host: &str, answer: &Answer) -> Result<serde_json::Value, ApiError> {
    super::parse::parse(json_text(host, answer)?).ok_or_else(|| not_json(host, answer))
}

/// The body of a successful JSON answer; the error otherwise.
fn json_text<'a>(host: &str, answer: &'a Answer) -> Result<&'a str, ApiError> {
    if !(200..300).contains(&answer.status) {
        return Err(ApiError::from_status(host, answer.status, &answer.text));
    }
    let looks_like_html = answer.content_type.contains("html") || answer.text.trim_start().starts_with('<');
    if looks_like_html {
        return Err(not_json(host, answer));
    }
    // 204 and other empty bodies decode as JSON `null`, which is what `()` and `Option` expect.
    Ok(if answer.text.trim().is_empty() { "null" } else { &answer.text })
}

fn not_json(host: &str, answer: &Answer) -> ApiError {
    ApiError::Unexpected { host: host.into(), status: answer.status, detail: describe_body(&answer.text) }
}

/// Waits `ms` milliseconds without blocking the page.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Aborts a request when dropped, unless disarmed (by taking the controller) once the
/// answer is in.
struct AbortOnDrop(Option<AbortController>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(controller) = &self.0 {
            controller.abort();
        }
    }
}

/// A browser timeout that is cancelled when dropped.
struct Timer {
    id: Option<i32>,
    _callback: Closure<dyn FnMut()>,
}

impl Timer {
    fn new(ms: i32, f: impl FnMut() + 'static) -> Timer {
        let callback = Closure::<dyn FnMut()>::new(f);
        let id = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(callback.as_ref().unchecked_ref(), ms).ok()
        });
        Timer { id, _callback: callback }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let (Some(id), Some(window)) = (self.id, web_sys::window()) {
            window.clear_timeout_with_handle(id);
        }
    }
}
