//! The console's only door to the control plane. `Api` adds the base URL and bearer token,
//! encodes queries the way the Run:ai API reads them, renews an expired token once and
//! retries, retries idempotent reads after transient failures, and turns every failure into
//! an `ApiError`. Typed models live in one module per resource group.

pub mod assets;
pub mod authorization;
pub mod policies;
pub mod client;
pub mod clusters;
pub mod config;
pub mod datavolumes;
pub mod departments;
pub mod error;
pub mod filter;
pub mod iam;
pub mod json;
pub mod list;
pub mod nodepools;
pub mod nodes;
pub mod org;
pub mod parse;
pub mod projects;
pub mod query;
pub mod resource;
pub mod telemetry;
pub mod token;
pub mod workloads;

pub use error::ApiError;
/// HTTP methods, for the few writes pages send beyond create, update and delete.
pub use gloo_net::http::Method;
pub use resource::ApiResource;

use crate::auth::Session;
use client::{decode, fetch, sleep, Answer, Call};
use leptos::prelude::*;

/// An API call under way, as the generic components hold it (gloo futures are not `Send`).
pub type Pending<T> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, ApiError>>>>;

/// Reads under way together, borrowing what they read from.
pub(crate) type Reading<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, ApiError>> + 'a>>;

/// What `reads` answer, in their order, once every one has: they run at the same time
/// (`futures::join_all` cost the bundle 4 K).
pub(crate) async fn all_of<T>(mut reads: Vec<Reading<'_, T>>) -> Vec<Result<T, ApiError>> {
    let mut answers: Vec<Option<Result<T, ApiError>>> = reads.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        for (read, answer) in reads.iter_mut().zip(answers.iter_mut()).filter(|(_, a)| a.is_none()) {
            if let std::task::Poll::Ready(done) = read.as_mut().poll(cx) {
                *answer = Some(done);
            }
        }
        if answers.iter().all(Option::is_some) { std::task::Poll::Ready(()) } else { std::task::Poll::Pending }
    })
    .await;
    answers.into_iter().flatten().collect()
}

/// Reads beyond the first try after a transient failure (429, 502, 503, 504).
const READ_RETRIES: u32 = 2;

#[derive(Clone, Copy)]
pub struct Api {
    session: Session,
    /// What the API is making the console wait for ("Rate limited; retrying in 5 s").
    notice: RwSignal<Option<String>>,
}

pub fn provide_api(session: Session) {
    provide_context(Api::new(session));
}

pub fn use_api() -> Api {
    expect_context::<Api>()
}

impl Api {
    pub fn new(session: Session) -> Self {
        Api { session, notice: RwSignal::new(None) }
    }

    /// Why requests are waiting, when the API asked them to (shown over the pages).
    pub fn notice(self) -> Option<String> {
        self.notice.get()
    }

    /// The control plane's host, to name it in messages.
    pub fn host(self) -> String {
        self.session.host()
    }

    /// `GET path?query`, its JSON answer.
    pub async fn get(self, path: &str, query: &[(&str, String)]) -> Result<serde_json::Value, ApiError> {
        let url = self.url(path, query);
        let answer = self.send(Method::GET, url, None).await?;
        decode(&self.host(), &answer)
    }

    /// The list an answer holds under `key` (`{"events": [...]}`); an answer without one is
    /// an error, never an empty list.
    pub async fn items(self, path: &str, query: &[(&str, String)], key: &str) -> Result<Vec<serde_json::Value>, ApiError> {
        let mut answer: serde_json::Value = self.get(path, query).await?;
        if let Some(serde_json::Value::Array(items)) = answer.get_mut(key) {
            return Ok(std::mem::take(items));
        }
        Err(self.unexpected(&answer))
    }

    /// A write (POST/PUT/PATCH) with a JSON body, and its JSON answer. Never retried.
    pub async fn write(self, method: Method, path: &str, json: Option<String>) -> Result<serde_json::Value, ApiError> {
        let url = self.url(path, &[]);
        let answer = self.send(method, url, json).await?;
        decode(&self.host(), &answer)
    }

    /// A write whose answer body does not matter, only that it succeeded.
    pub async fn write_ignoring_body(self, method: Method, path: &str, json: Option<String>) -> Result<(), ApiError> {
        let answer = self.send(method, self.url(path, &[]), json).await?;
        match answer.status {
            200..=299 => Ok(()),
            status => Err(ApiError::from_status(&self.host(), status, &answer.text)),
        }
    }

    /// The error for an answer that is JSON but not of the shape the contract declares.
    fn unexpected(self, answer: &serde_json::Value) -> ApiError {
        let mut detail = json::ToJson::to_json(answer);
        // At most 200 bytes, cut where a character ends (truncate panics inside one).
        let end = (0..=detail.len().min(200)).rev().find(|i| detail.is_char_boundary(*i)).unwrap_or(0);
        detail.truncate(end);
        ApiError::Unexpected { host: self.host(), status: 200, detail }
    }

    fn url(self, path: &str, query: &[(&str, String)]) -> String {
        format!("{}{path}{}", self.session.base_url(), query::encode_query(query))
    }

    /// Sends one request through the session: renews the token once on a 401, and retries
    /// reads (never writes) after transient failures with capped, jittered backoff. Boxed, so
    /// that the typed calls above share this one body instead of each inlining a copy.
    fn send(self, method: Method, url: String, json: Option<String>) -> Pending<Answer> {
        Box::pin(self.send_now(method, url, json))
    }

    async fn send_now(self, method: Method, url: String, json: Option<String>) -> Result<Answer, ApiError> {
        let host = self.session.host();
        let is_read = method == Method::GET;
        let (mut renewed, mut retries) = (false, 0);
        loop {
            let bearer = self.session.token();
            let body = json.clone().map(|b| ("application/json", b));
            let call = Call { method: method.clone(), url: url.clone(), body, bearer: bearer.clone() };
            let answer = fetch(&call, &host).await?;
            if answer.status == 401 && !renewed {
                renewed = true;
                // Another request may have renewed the token meanwhile; then just use it.
                if self.session.token() == bearer {
                    self.session.renew().await?;
                }
                continue;
            }
            if answer.status == 401 {
                self.session.expire();
            }
            if is_read && retries < READ_RETRIES && matches!(answer.status, 429 | 502 | 503 | 504) {
                let wait = backoff_ms(retries, answer.retry_after);
                if answer.status == 429 {
                    let secs = (wait + 999) / 1000;
                    self.notice.try_set(Some(format!("Rate limited by the control plane; retrying in {secs} s.")));
                }
                sleep(wait).await;
                retries += 1;
                continue;
            }
            if retries > 0 {
                self.notice.try_set(None);
            }
            return Ok(answer);
        }
    }
}

/// 400 ms, then 1.2 s, with up to 50% jitter; a server's `Retry-After` (at most a minute) wins.
fn backoff_ms(retry: u32, retry_after: Option<u32>) -> i32 {
    if let Some(secs) = retry_after {
        return (secs.min(60) * 1000) as i32;
    }
    let base = 400.0 * 3f64.powi(retry as i32);
    (base * (1.0 + 0.5 * js_sys::Math::random())) as i32
}
