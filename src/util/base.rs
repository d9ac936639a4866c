//! Where the console is served: at the root of its origin, or under a path (`/console/`) that
//! the page's `<base href>` names. The hosting kit writes that element when it serves the
//! console under a path; the bundle is the same either way.

use std::sync::OnceLock;

/// The path the console lives under, without its trailing slash: "" at the root, "/console".
pub fn base() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let uri = web_sys::window().and_then(|w| w.document()).and_then(|d| d.base_uri().ok().flatten()).unwrap_or_default();
        let path = web_sys::Url::new(&uri).map(|u| u.pathname()).unwrap_or_default();
        path.trim_end_matches('/').to_owned()
    })
}

/// A console path ("/workloads") as a link the browser follows: under the base.
pub fn href(path: &str) -> String {
    format!("{}{path}", base())
}
