//! Serving a built console beside the API, as a self-hosted control plane would: static files
//! with an `index.html` fallback for client routes, and the security headers the console
//! expects to be hosted with (a strict CSP that names the hash of trunk's inline loader).

use axum::http::{header, HeaderName, HeaderValue};
use axum::Router;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// A router serving `dir` (a trunk `dist/`), with `index.html` for any path it lacks.
pub fn console(dir: &Path) -> Router {
    let index = dir.join("index.html");
    let csp = content_security_policy(&std::fs::read_to_string(&index).unwrap_or_default());
    let headers: [(HeaderName, String); 5] = [
        (header::CONTENT_SECURITY_POLICY, csp),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".into()),
        (header::REFERRER_POLICY, "no-referrer".into()),
        (header::X_FRAME_OPTIONS, "DENY".into()),
        (header::CACHE_CONTROL, "no-cache".into()),
    ];
    let mut router = Router::new().fallback_service(ServeDir::new(dir).fallback(ServeFile::new(index)));
    for (name, value) in headers {
        let value = HeaderValue::from_str(&value).expect("header values are ASCII");
        router = router.layer(SetResponseHeaderLayer::overriding(name, value));
    }
    router
}

/// Scripts only from this origin or trunk's inline loader (by hash), wasm compilation allowed,
/// no framing, no plugins, and API calls to this origin or any http(s) control plane the
/// operator types in at sign-in.
pub fn content_security_policy(index_html: &str) -> String {
    let hashes: String = inline_scripts(index_html)
        .map(|body| format!(" 'sha256-{}'", B64.encode(Sha256::digest(body.as_bytes()))))
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self' http: https:; object-src 'none'; \
         base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
    )
}

/// The bodies of `<script>` elements without a `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, rest) = rest.split_once('>')?;
        let (body, _) = rest.split_once("</script>")?;
        (!attributes.contains("src=")).then_some(body)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_only_inline_scripts() {
        let html = r#"<script src="/a.js"></script><script type="module">init()</script>"#;
        let csp = content_security_policy(html);
        let expected = B64.encode(Sha256::digest(b"init()"));
        assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        assert_eq!(csp.matches("'sha256-").count(), 1);
    }
}
