//! The token endpoints: building their requests and reading their answers.

use super::client::Answer;
use super::error::ApiError;
use super::query::encode_form;
use super::json::{first, FromJson};

/// Tokens are treated as living at most this long, whatever the server says (RFC 6750 advice;
/// Run:ai documents 3600 s).
pub const MAX_LIFETIME_SECS: u32 = 3600;

/// An access token and how long it lives. `Debug` never shows the token.
#[derive(Clone, PartialEq)]
pub struct Token {
    pub access_token: String,
    pub lifetime_secs: u32,
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Token(<redacted>, {} s)", self.lifetime_secs)
    }
}

pub const V2_PATH: &str = "/api/v2/token";
pub const V1_PATH: &str = "/api/v1/token";

/// `POST /api/v2/token` body: form-encoded client-credentials grant.
pub fn v2_body(client_id: &str, secret: &str) -> String {
    encode_form(&[("grant_type", "client_credentials"), ("client_id", client_id), ("client_secret", secret)])
}

/// `POST /api/v1/token` body: JSON `TokenRequest` (note the spelling `clientID`).
pub fn v1_body(client_id: &str, secret: &str) -> String {
    let mut body = String::new();
    super::json::write_object(&mut body, &[("grantType", &"client_credentials"), ("clientID", &client_id), ("clientSecret", &secret)]);
    body
}

/// Whether an answer from `/api/v2/token` means this control plane lacks it (older releases).
pub fn v2_missing(answer: &Answer) -> bool {
    matches!(answer.status, 404 | 405)
}

/// Reads a token answer: v2 says `access_token`/`expires_in`, v1 `accessToken`/`expiresIn`.
/// Wrong credentials are 401 on v2 and 400 on v1 (v1 declares no 401); `credentials_refused`
/// tells them apart from other failures.
pub fn read_answer(host: &str, answer: &Answer) -> Result<Token, ApiError> {
    let body: serde_json::Value = super::client::decode(host, answer)?;
    let token = String::from_json(first(&body, &["access_token", "accessToken"]));
    if token.is_empty() {
        return Err(ApiError::Unexpected { host: host.into(), status: answer.status, detail: "its token answer has no access token".into() });
    }
    let expires_in = first(&body, &["expires_in", "expiresIn"]);
    // Only a number or numeric text counts; anything else is "unknown".
    let secs = (expires_in.is_number() || expires_in.is_string()).then(|| f64::from_json(expires_in)).filter(|s| *s != 0.0);
    Ok(Token { access_token: token, lifetime_secs: lifetime_secs(secs) })
}

/// A usable lifetime from `expires_in` as sent: absent, zero, negative, non-numeric or absurd
/// values mean "unknown" and get the conservative maximum; never "never expires".
pub fn lifetime_secs(secs: Option<f64>) -> u32 {
    match secs {
        Some(s) if s.is_finite() && s >= 1.0 => (s as u32).min(MAX_LIFETIME_SECS),
        _ => MAX_LIFETIME_SECS,
    }
}

/// Renewals come at most this often, however short-lived the server's tokens (a token that
/// lapses sooner is renewed on its first 401 instead).
pub const MIN_RENEWAL_MS: u32 = 3_000;

/// When to renew a token of this lifetime: a minute early, or at three quarters of a short one.
pub fn renew_after_ms(lifetime_secs: u32) -> u32 {
    let ms = lifetime_secs.saturating_mul(1000);
    let due = if lifetime_secs > 240 { ms - 60_000 } else { ms / 4 * 3 };
    due.max(MIN_RENEWAL_MS)
}

/// Whether a failed sign-in means the credentials were refused (not a fault elsewhere).
pub fn credentials_refused(error: &ApiError, v1: bool) -> bool {
    match error {
        ApiError::Status { status: 401, .. } => true,
        ApiError::Status { status: 400, oauth_error, .. } => {
            v1 || matches!(oauth_error.as_deref(), Some("invalid_client" | "invalid_grant" | "unauthorized_client"))
        }
        _ => false,
    }
}
