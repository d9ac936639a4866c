//! The middleware that holds every request to what its operation declares.

use super::{contract, Contract, Mode, Operation, PUBLIC};
use crate::auth::Caller;
use crate::http::{bad_request, error};
use crate::served::SERVED;
use crate::AppState;
use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use serde_json::Value;

impl Contract {
    /// Every way a request for `found` breaks what the operation declares: its path and
    /// query parameters (types, int32 bounds, enums, patterns, required) and its JSON body.
    pub fn request_problems(&self, found: &Operation, path: &str, query: &str, body: &[u8]) -> Vec<String> {
        let mut problems = Vec::new();
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
        let declared = found.operation["parameters"].as_array().into_iter().chain(found.item["parameters"].as_array()).flatten();
        for parameter in declared.map(|p| self.resolve(p)) {
            let name = parameter["name"].as_str().unwrap_or_default();
            let value = match parameter["in"].as_str() {
                Some("query") => pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()),
                Some("path") => path_value(found.template, path, name),
                _ => continue,
            };
            let place = if parameter["in"] == "path" { "path " } else { "" };
            match value {
                Some(raw) => self.check_parameter(&parameter["schema"], parameter, &raw, &format!("{place}{name}"), &mut problems),
                None if parameter["required"] == Value::Bool(true) => problems.push(format!("{name} is required")),
                None => {}
            }
        }
        let schema = self.resolve(&found.operation["requestBody"]);
        let required = schema["required"] == Value::Bool(true);
        if let Some(schema) = schema.pointer("/content/application~1json/schema") {
            if body.iter().all(u8::is_ascii_whitespace) {
                if required {
                    problems.push("a JSON request body is required".into());
                }
            } else {
                match serde_json::from_slice::<Value>(body) {
                    Ok(value) => self.check(Mode::AsWritten, schema, &value, "body", &mut problems),
                    Err(_) => problems.push("the request body is not JSON".into()),
                }
            }
        }
        problems
    }

    /// A parameter's text read as its schema's type, then checked as a JSON value would be.
    fn check_parameter(&self, schema: &Value, parameter: &Value, raw: &str, name: &str, problems: &mut Vec<String>) {
        let schema = self.resolve(schema);
        let value = match schema["type"].as_str() {
            Some("integer") => raw.parse::<i64>().map(Value::from).ok(),
            Some("number") => raw.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map(Value::Number),
            Some("boolean") => raw.parse::<bool>().map(Value::Bool).ok(),
            // Arrays are comma-separated unless the parameter explodes them (then repeated).
            Some("array") if parameter["explode"] == Value::Bool(false) => {
                // An item may hold a comma itself; read it as the item's own pattern allows.
                let items = self.resolve(&schema["items"]);
                let fits = |piece: &str| {
                    let mut problems = Vec::new();
                    self.check(Mode::AsWritten, items, &Value::String(piece.into()), "", &mut problems);
                    problems.is_empty()
                };
                let items = crate::listing::split_items(raw, |piece| fits(&format!("{piece}x")) || fits(piece), fits);
                Some(Value::Array(items.into_iter().map(Value::String).collect()))
            }
            Some("array") => Some(Value::Array(vec![Value::String(raw.into())])),
            _ => Some(Value::String(raw.into())),
        };
        match value {
            Some(value) => self.check(Mode::AsWritten, schema, &value, name, problems),
            None => problems.push(format!("{name} = {raw:?} should be {}", schema["type"].as_str().unwrap_or("valid"))),
        }
    }
}


/// The value of path parameter `name` in `path`, which matched `template`, percent-decoded.
fn path_value(template: &str, path: &str, name: &str) -> Option<String> {
    let wanted = format!("{{{name}}}");
    let segment = template.split('/').zip(path.split('/')).find(|(t, _)| *t == wanted)?.1;
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = (bytes[i] == b'%').then(|| segment.get(i + 1..i + 3)).flatten();
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The 405 of a method not served on a path, with the ones that are.
fn method_not_allowed(template: &str, allowed: &[&str]) -> Response {
    let mut response = error(StatusCode::METHOD_NOT_ALLOWED, format!("{template} answers {} only.", allowed.join(", ")));
    if let Ok(value) = allowed.join(", ").parse() {
        response.headers_mut().insert(axum::http::header::ALLOW, value);
    }
    response
}

/// The middleware that holds every API request to what its operation declares: the caller
/// is checked first (a stranger learns nothing about parameters), then the parameters and
/// body; a request that breaks the contract is answered 400 with the `Error` body and never
/// reaches a handler, so nothing the contract forbids is ever stored.
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let method = request.method().as_str();
    let Some((template, _)) = contract().path_item(&path) else {
        return next.run(request).await;
    };
    // An operation the emulator does not serve is not answered by a route that happens to
    // match its path (`/departments/telemetry` is not department "telemetry").
    let served: Vec<&str> = SERVED.iter().filter(|(_, p)| *p == template).map(|(m, _)| *m).collect();
    if served.is_empty() {
        return crate::http::unserved();
    }
    if !served.contains(&method) {
        return method_not_allowed(template, &served);
    }
    let found = contract().find(method, &path).expect("a served operation is in the document");
    let (mut parts, body) = request.into_parts();
    if !PUBLIC.contains(&found.template) {
        if let Err(refused) = Caller::from_request_parts(&mut parts, &state).await {
            return refused;
        }
    }
    let Ok(bytes) = axum::body::to_bytes(body, 4 << 20).await else {
        return error(StatusCode::PAYLOAD_TOO_LARGE, "The request body is too large.");
    };
    let problems = contract().request_problems(&found, &path, parts.uri.query().unwrap_or_default(), &bytes);
    if !problems.is_empty() {
        // Where the operation declares no 400, an id of the wrong shape names nothing: 404.
        let declares = |status: &str| found.operation["responses"].get(status).is_some();
        let in_path = problems.iter().all(|p| p.starts_with("path "));
        if in_path && !declares("400") && declares("404") {
            return error(StatusCode::NOT_FOUND, "No such record: its id is not of the declared type.");
        }
        return bad_request(format!("The request does not match the API: {}.", problems.join("; ")));
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}
