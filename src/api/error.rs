//! Every way a call to the control plane can fail, and how to say it to an operator.

use super::json::{json_record, FromJson};

/// A failed call. Built only in `api/`; pages show it through `ErrorPanel`.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The browser could not complete the request: DNS, refused connection, TLS, CORS, offline.
    /// Browsers do not say which, on purpose.
    Unreachable { host: String },
    /// No answer within the client-side timeout.
    Timeout { host: String },
    /// Something answered, but not the way a Run:ai control plane does (HTML from a proxy,
    /// bad JSON, a body of the wrong shape).
    Unexpected { host: String, status: u16, detail: String },
    /// The request gave way to a newer one before it was answered (only ever seen while the
    /// newer one loads).
    Superseded,
    /// The control plane refused or failed, with its status and message.
    Status { status: u16, message: String, details: Option<String>, oauth_error: Option<String> },
}

/// The standard Run:ai `Error` body and the OAuth2 error body, read leniently.
struct ErrorBody {
    message: Option<String>,
    details: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}
json_record!(ErrorBody { message: "message", details: "details", error: "error", error_description: "error_description" });

impl ApiError {
    /// The error for a non-2xx answer, from its body when the body is one of the API's.
    pub fn from_status(host: &str, status: u16, body: &str) -> ApiError {
        let json = super::parse::parse(body).ok_or(());
        // A submission a policy refuses names each broken rule: one `field: details` line each.
        let issues = json.as_ref().ok().and_then(|v| v["complianceIssues"].as_array()).map(|issues| {
            let line = |i: &serde_json::Value| format!("{}: {}", i["field"].as_str().unwrap_or_default(), i["details"].as_str().unwrap_or_default());
            issues.iter().map(line).collect::<Vec<_>>().join("\n")
        });
        match json.map(|v| ErrorBody::from_json(&v)) {
            Ok(b) if b.message.is_some() || b.error.is_some() => ApiError::Status {
                status,
                message: b.message.or(b.error_description).unwrap_or_default(),
                details: issues.or(b.details),
                oauth_error: b.error,
            },
            _ if status >= 500 || body.trim().is_empty() => ApiError::Status {
                status,
                message: String::new(),
                details: None,
                oauth_error: None,
            },
            _ => ApiError::Unexpected { host: host.to_owned(), status, detail: describe_body(body) },
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Worth trying again as it is (the server or the network may recover).
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Unreachable { .. } | ApiError::Timeout { .. } => true,
            ApiError::Status { status, .. } => matches!(status, 429 | 502 | 503 | 504),
            ApiError::Unexpected { .. } | ApiError::Superseded => false,
        }
    }

    /// One sentence for an operator about trying to `doing` (e.g. "load clusters").
    pub fn explain(&self, doing: &str) -> String {
        match self {
            ApiError::Unreachable { host } => format!(
                "Cannot reach the Run:ai control plane at {host}. Check the address, that it is running, \
                 and that it allows this console's origin (CORS)."
            ),
            ApiError::Timeout { host } => {
                format!("The control plane at {host} did not answer in time, so the console could not {doing}.")
            }
            ApiError::Superseded => format!("A newer request replaced this one; the console will {doing} with it."),
            ApiError::Unexpected { host, detail, .. } => format!(
                "The server at {host} answered, but not as a Run:ai control plane would ({detail}). \
                 Check the control-plane address."
            ),
            ApiError::Status { status, message, .. } => {
                let said = if message.is_empty() { String::new() } else { format!(" The control plane said: {message}") };
                match status {
                    401 => format!("Your session is no longer valid, so the console could not {doing}. Sign in again."),
                    403 => format!("You do not have permission to {doing}."),
                    404 => format!("Could not {doing}: it does not exist (any more).{said}"),
                    409 => format!("Could not {doing}: it conflicts with what is there now.{said}"),
                    429 => format!("The control plane is rate-limiting requests; could not {doing}. Try again shortly."),
                    500..=599 => format!("The control plane failed (HTTP {status}) to {doing}.{said} Try again."),
                    _ => format!("Could not {doing} (HTTP {status}).{said}"),
                }
            }
        }
    }
}

/// A short, safe description of a body that is not the API's JSON: never the body itself,
/// which could be a whole HTML page.
pub fn describe_body(body: &str) -> String {
    let start = body.trim_start();
    if start.starts_with('<') {
        "it sent an HTML page".into()
    } else if start.is_empty() {
        "it sent an empty answer".into()
    } else {
        "it sent something that is not the expected JSON".into()
    }
}
