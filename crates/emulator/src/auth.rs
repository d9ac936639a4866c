//! Tokens: the two token endpoints, HS256 JWTs with a real expiry, and the bearer check that
//! every other `/api` route goes through (the `Caller` extractor).

use crate::http::{error, oauth_error};
use crate::time::now_secs;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;
use std::collections::HashMap;

/// The signed-in subject of a request, from a valid bearer token.
#[derive(Clone, Debug)]
pub struct Caller {
    pub subject: String,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let header = parts.headers.get("authorization").and_then(|h| h.to_str().ok());
        let token = header.and_then(|h| h.strip_prefix("Bearer ")).map(str::trim);
        let Some(token) = token else {
            return Err(error(StatusCode::UNAUTHORIZED, "Authorization header with a bearer token is required."));
        };
        let verified = verify(&state.jwt_key.lock().unwrap(), token, now_secs());
        match verified {
            Ok(subject) => Ok(Caller { subject }),
            Err(reason) => Err(error(StatusCode::UNAUTHORIZED, reason)),
        }
    }
}

/// A JWT for `subject` that expires `ttl` seconds from `now`.
pub fn issue(key: &[u8], subject: &str, now: i64, ttl: i64) -> String {
    let header = B64.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let claims = json!({
        "iss": "runai-emulator", "sub": subject, "client_id": subject, "tenant_id": crate::tenant::TENANT_ID,
        "iat": now, "exp": now + ttl,
    });
    let payload = B64.encode(claims.to_string());
    let signing_input = format!("{header}.{payload}");
    format!("{signing_input}.{}", B64.encode(sign(key, &signing_input)))
}

/// The subject of a token whose signature is ours and whose `exp` is still ahead.
pub fn verify(key: &[u8], token: &str, now: i64) -> Result<String, &'static str> {
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("Malformed token.");
    };
    let signature = B64.decode(signature).map_err(|_| "Malformed token.")?;
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(format!("{header}.{payload}").as_bytes());
    mac.verify_slice(&signature).map_err(|_| "Issuer is not familiar.")?;
    let claims: Value = B64
        .decode(payload)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or("Malformed token.")?;
    if claims["exp"].as_i64().is_none_or(|exp| exp <= now) {
        return Err("Token is expired.");
    }
    claims["sub"].as_str().map(str::to_owned).ok_or("Malformed token.")
}

fn sign(key: &[u8], input: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(input.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

const V2_GRANTS: &[&str] = &["authorization_code", "client_credentials", "password", "refresh_token"];

/// `POST /api/v2/token`: form-encoded OAuth2; only the client-credentials grant is served.
pub async fn token_v2(State(state): State<AppState>, body: Bytes) -> Response {
    let form: HashMap<String, String> = match serde_urlencoded::from_bytes(&body) {
        Ok(form) => form,
        Err(_) => return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", "The body must be form-encoded."),
    };
    let field = |name: &str| form.get(name).map(String::as_str).filter(|v| !v.is_empty());
    let Some(grant) = field("grant_type") else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", "grant_type is required.");
    };
    if grant == "password" {
        // Local users sign in with their e-mail and password (the contract's way for users).
        let (Some(username), Some(password)) = (field("username"), field("password")) else {
            return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", "username and password are required.");
        };
        return match state.grant_user(username, password) {
            Some(token) => Json(json!({ "access_token": token, "token_type": "Bearer", "expires_in": state.token_ttl })).into_response(),
            None => oauth_error(StatusCode::UNAUTHORIZED, "invalid_grant", "Wrong username or password."),
        };
    }
    if grant != "client_credentials" {
        let why = if V2_GRANTS.contains(&grant) {
            "This control plane issues tokens to client credentials and local users' passwords only."
        } else {
            "Unknown grant_type."
        };
        return oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type", why);
    }
    let (Some(client_id), Some(secret)) = (field("client_id"), field("client_secret")) else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", "client_id and client_secret are required.");
    };
    match state.grant(client_id, secret) {
        Some(token) => Json(json!({
            "access_token": token, "token_type": "Bearer", "expires_in": state.token_ttl,
        }))
        .into_response(),
        None => oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", "Client authentication failed."),
    }
}

/// `POST /api/v1/token`: JSON `TokenRequest`. The contract declares no 401 here, so wrong
/// credentials are a 400 with the standard Error body.
pub async fn token_v1(State(state): State<AppState>, body: Bytes) -> Response {
    let Ok(request) = serde_json::from_slice::<Value>(&body) else {
        return error(StatusCode::BAD_REQUEST, "The body must be a JSON TokenRequest.");
    };
    // Field names as the contract spells them, and as older clients (runapy) wrote them.
    let field = |names: &[&str]| names.iter().find_map(|n| request.get(*n).and_then(Value::as_str).filter(|v| !v.is_empty()));
    let (id, secret) = match field(&["grantType"]) {
        Some("client_credentials") => (field(&["clientID", "clientId"]), field(&["clientSecret"])),
        // The deprecated application grant: an application's (service account's) credentials.
        Some("app_token") => (field(&["appID", "AppId", "appId"]), field(&["appSecret", "AppSecret"])),
        Some("password") => {
            let (Some(username), Some(password)) = (field(&["username"]), field(&["password"])) else {
                return error(StatusCode::BAD_REQUEST, "username and password are required.");
            };
            return match state.grant_user(username, password) {
                Some(token) => Json(json!({ "accessToken": token, "expiresIn": state.token_ttl })).into_response(),
                None => error(StatusCode::BAD_REQUEST, "Invalid username or password."),
            };
        }
        _ => return error(StatusCode::BAD_REQUEST, "grantType must be client_credentials, app_token or password."),
    };
    let (Some(client_id), Some(secret)) = (id, secret) else {
        return error(StatusCode::BAD_REQUEST, "The grant's credentials (clientID and clientSecret, or appID and appSecret) are required.");
    };
    match state.grant(client_id, secret) {
        Some(token) => Json(json!({ "accessToken": token, "expiresIn": state.token_ttl })).into_response(),
        None => error(StatusCode::BAD_REQUEST, "Invalid client credentials."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_until_it_expires() {
        let token = issue(b"key", "demo-admin", 1_000, 60);
        assert_eq!(verify(b"key", &token, 1_059).as_deref(), Ok("demo-admin"));
        assert_eq!(verify(b"key", &token, 1_060), Err("Token is expired."));
    }

    #[test]
    fn a_forged_or_mangled_token_is_refused() {
        let token = issue(b"key", "demo-admin", 1_000, 60);
        assert_eq!(verify(b"other", &token, 1_001), Err("Issuer is not familiar."));
        let (head, _) = token.rsplit_once('.').unwrap();
        let forged_claims = B64.encode(r#"{"sub":"root","exp":99999999999}"#);
        let forged = format!("{}.{forged_claims}.{}", head.split('.').next().unwrap(), token.rsplit('.').next().unwrap());
        assert_eq!(verify(b"key", &forged, 1_001), Err("Issuer is not familiar."));
        assert_eq!(verify(b"key", "not-a-jwt", 1_001), Err("Malformed token."));
    }
}
