//! The error bodies the Run:ai API answers with, as axum responses.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// The standard `Error` schema: `{"code", "message", "details"?}`.
pub fn error(status: StatusCode, message: impl Into<String>) -> Response {
    let body = json!({ "code": status.as_u16(), "message": message.into() });
    (status, Json(body)).into_response()
}

pub fn bad_request(message: impl Into<String>) -> Response {
    error(StatusCode::BAD_REQUEST, message)
}

pub fn not_found(message: impl Into<String>) -> Response {
    error(StatusCode::NOT_FOUND, message)
}

/// What a path the emulator does not serve answers: JSON, never the console's HTML.
pub fn unserved() -> Response {
    error(StatusCode::NOT_FOUND, "No such API path.")
}

pub fn forbidden() -> Response {
    error(StatusCode::FORBIDDEN, "You do not have sufficient permissions.")
}

/// The RFC 6749 error body that `POST /api/v2/token` answers with (`OAuth2Error`).
pub fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    let body = json!({ "error": error, "error_description": description });
    (status, Json(body)).into_response()
}

/// Handler results: an early return is already a finished response.
pub type Reply = Result<Response, Response>;

pub fn conflict(message: impl Into<String>) -> Response {
    error(StatusCode::CONFLICT, message)
}

/// A JSON object request body, or the 400 a malformed one gets.
pub fn json_body(bytes: &[u8]) -> Result<serde_json::Value, Response> {
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(value) if value.is_object() => Ok(value),
        _ => Err(bad_request("The request body must be a JSON object.")),
    }
}

/// The body of an operation whose `requestBody` is optional: an empty body is `{}`.
pub fn optional_json_body(bytes: &[u8]) -> Result<serde_json::Value, Response> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(json!({}));
    }
    json_body(bytes)
}

/// `{"<key>": [...], "next": n}`; `next` only when there is a next page.
pub fn page_body(key: &str, page: crate::listing::Page) -> serde_json::Value {
    let mut body = json!({ key: page.items });
    if let Some(next) = page.next {
        body["next"] = json!(next);
    }
    body
}

pub fn count_body<T>(page: crate::listing::Page<T>) -> Response {
    Json(json!({ "count": page.total })).into_response()
}

pub fn created(value: serde_json::Value) -> Response {
    (StatusCode::CREATED, Json(value)).into_response()
}

pub fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}
