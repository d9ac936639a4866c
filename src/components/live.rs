//! Pages that keep themselves current (the workloads list, whose phases the scheduler moves).

use leptos::prelude::*;
use std::time::Duration;

/// Calls `refresh` every `secs` seconds while the page lives, skipping a tick when the tab is
/// hidden (nobody is looking) or when `may` says not now (paused, a load in flight, the
/// operator at work in the rows). The timer goes with the page.
pub fn auto_refresh(secs: u32, may: impl Fn() -> bool + 'static, refresh: impl Fn() + 'static) {
    let tick = move || {
        if !document().hidden() && may() {
            refresh();
        }
    };
    if let Ok(handle) = set_interval_with_handle(tick, Duration::from_secs(secs.into())) {
        on_cleanup(move || handle.clear());
    }
}

/// Where keyboard focus is, if inside `element` (a list's rows): `Some(label)` with the
/// control's accessible name if it has one (a row's checkbox, "Select jupyter-1"), to find it
/// again after the rows are re-drawn.
pub fn focused_in(element: Option<web_sys::HtmlDivElement>) -> Option<Option<String>> {
    let active = document().active_element()?;
    element.filter(|e| e.contains(Some(&active)))?;
    Some(active.get_attribute("aria-label"))
}

/// Focuses the control named `label` inside `element`, if it is still there.
pub fn focus_named(element: Option<web_sys::HtmlDivElement>, label: &str) {
    use wasm_bindgen::JsCast;
    let selector = format!("[aria-label=\"{}\"]", label.replace('\\', "\\\\").replace('"', "\\\""));
    let found = element.and_then(|e| e.query_selector(&selector).ok().flatten());
    if let Some(control) = found.and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = control.focus();
    }
}
