//! Fault injection: tests (and demos) make chosen requests fail, to see the console cope.
//! The same layer records every API request, for benchmarks.

use crate::http::error;
use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

/// Answer the next `times` requests of `method` whose path starts with `path` (and whose
/// query holds `query`) with `status`, or, with `delay_ms`, answer them for real but late.
#[derive(Clone, Debug)]
pub struct Fault {
    pub method: Method,
    pub path: String,
    pub query: String,
    pub status: StatusCode,
    pub delay_ms: u64,
    pub times: u32,
}

impl AppState {
    pub fn inject(&self, method: Method, path: &str, status: u16, times: u32) {
        let status = StatusCode::from_u16(status).expect("an HTTP status");
        self.faults.lock().unwrap().push(Fault { method, path: path.to_owned(), query: String::new(), status, delay_ms: 0, times });
    }

    /// Makes the next `times` requests of `method` to `path` whose query holds `query` answer
    /// after `delay_ms` (a slow control plane, or one slow query among fast ones).
    pub fn slow_down(&self, method: Method, path: &str, query: &str, delay_ms: u64, times: u32) {
        let fault = Fault { method, path: path.to_owned(), query: query.to_owned(), status: StatusCode::OK, delay_ms, times };
        self.faults.lock().unwrap().push(fault);
    }
}

pub async fn inject(State(state): State<AppState>, request: Request, next: Next) -> Response {
    state.requests.lock().unwrap().push(format!("{} {}", request.method(), request.uri()));
    let hit = {
        let mut faults = state.faults.lock().unwrap();
        let uri = request.uri();
        let fault = faults.iter_mut().find(|f| {
            f.times > 0 && f.method == request.method() && uri.path().starts_with(&f.path) && uri.query().unwrap_or_default().contains(&f.query)
        });
        fault.map(|f| {
            f.times -= 1;
            (f.status, f.delay_ms)
        })
    };
    match hit {
        Some((_, delay_ms)) if delay_ms > 0 => {
            tokio::time::sleep(std::time::Duration::from_millis(delay_ms)).await;
            next.run(request).await
        }
        Some((status, _)) => {
            let mut response = error(status, "Injected fault: the emulator was told to fail this request.");
            // A rate limit says when to come back, as real ones do.
            if status == StatusCode::TOO_MANY_REQUESTS {
                response.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from_static("2"));
            }
            response
        }
        None => next.run(request).await,
    }
}

/// The requests received, newest last, bounded so that a long-running emulator (a demo, a
/// benchmark at scale) does not grow without end: the oldest are dropped past `CAPACITY`.
#[derive(Debug, Default)]
pub struct RequestLog {
    entries: std::collections::VecDeque<String>,
    /// How many were ever logged (dropped ones included): marks stay valid as entries go.
    seen: usize,
}

impl RequestLog {
    pub const CAPACITY: usize = 10_000;

    pub fn push(&mut self, request: String) {
        if self.entries.len() == Self::CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(request);
        self.seen += 1;
    }

    /// A mark to read what comes after it with `since`.
    pub fn mark(&self) -> usize {
        self.seen
    }

    /// The requests logged after `mark` (those still kept).
    pub fn since(&self, mark: usize) -> Vec<String> {
        let kept_from = self.seen - self.entries.len();
        self.entries.iter().skip(mark.saturating_sub(kept_from)).cloned().collect()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::RequestLog;

    #[test]
    fn the_log_keeps_the_newest_and_marks_stay_valid() {
        let mut log = RequestLog::default();
        log.push("GET /a".into());
        let mark = log.mark();
        for i in 0..RequestLog::CAPACITY + 5 {
            log.push(format!("GET /{i}"));
        }
        assert_eq!(log.len(), RequestLog::CAPACITY);
        assert_eq!(log.since(log.mark() - 2), ["GET /10003", "GET /10004"]);
        assert_eq!(log.since(mark).len(), RequestLog::CAPACITY, "what was dropped is gone, the rest is there");
    }
}
