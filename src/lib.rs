//! A Run:ai admin console: a Leptos single-page app compiled to WebAssembly that calls the
//! Run:ai control-plane REST API from the browser. See DESIGN.md for the layers.

pub mod api;
pub mod app;
pub mod auth;
pub mod components;
pub mod pages;
pub mod panic;
pub mod resources;
pub mod router;
pub mod util;

/// Mounts the console on the page.
pub fn start() {
    panic::install();
    // The static "loading" note in index.html has served its purpose.
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(boot) = document.and_then(|d| d.query_selector(".boot").ok().flatten()) {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
