//! Fault injection: tests (and demos) make chosen requests fail, to see the console cope.
//! The same layer records every API request, for benchmarks.

use crate::http::error;
use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

/// Answer the next `times` requests of `method` whose path starts with `path` with `status`.
#[derive(Clone, Debug)]
pub struct Fault {
    pub method: Method,
    pub path: String,
    pub status: StatusCode,
    pub times: u32,
}

impl AppState {
    pub fn inject(&self, method: Method, path: &str, status: u16, times: u32) {
        let status = StatusCode::from_u16(status).expect("an HTTP status");
        self.faults.lock().unwrap().push(Fault { method, path: path.to_owned(), status, times });
    }
}

pub async fn inject(State(state): State<AppState>, request: Request, next: Next) -> Response {
    state.requests.lock().unwrap().push(format!("{} {}", request.method(), request.uri()));
    let hit = {
        let mut faults = state.faults.lock().unwrap();
        let fault = faults.iter_mut().find(|f| f.times > 0 && f.method == request.method() && request.uri().path().starts_with(&f.path));
        fault.map(|f| {
            f.times -= 1;
            f.status
        })
    };
    match hit {
        Some(status) => error(status, "Injected fault: the emulator was told to fail this request."),
        None => next.run(request).await,
    }
}
