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

/// A list's own refreshes, every `secs` seconds if it has them. They are quiet: the table is
/// not dimmed (the returned signal says when a load is one of them), and selection, scroll and
/// keyboard focus stay (focus goes back to the control of the same name once the rows in
/// `rows` are re-drawn). None while paused by the returned control, while a load is in flight
/// (`busy`: one request at a time), or while focus is on a control in the rows that has no
/// name to find it again by.
pub fn refreshing(secs: Option<u32>, busy: RwSignal<bool>, rows: NodeRef<leptos::html::Div>, refresh: impl Fn() + Copy + 'static) -> (RwSignal<bool>, Option<AnyView>) {
    let quiet = RwSignal::new(false);
    let Some(secs) = secs else { return (quiet, None) };
    let paused = RwSignal::new(false);
    let refocus = StoredValue::new(None::<String>);
    let may = move || {
        let focus = focused_in(rows.get_untracked());
        !paused.get_untracked() && !busy.get_untracked() && focus.as_ref().is_none_or(Option::is_some)
    };
    auto_refresh(secs, may, move || {
        refocus.set_value(focused_in(rows.get_untracked()).flatten());
        quiet.set(true);
        refresh();
    });
    Effect::new(move |_| {
        if !busy.get() && quiet.get_untracked() {
            quiet.set(false);
            if let Some(label) = refocus.try_update_value(Option::take).flatten() {
                request_animation_frame(move || focus_named(rows.get_untracked(), &label));
            }
        }
    });
    let toggle = view! {
        <label class="toggle"><input type="checkbox" prop:checked=move || !paused.get() on:change=move |_| paused.update(|p| *p = !*p)/>
            {format!(" Refresh every {secs} s")}</label>
    };
    (quiet, Some(toggle.into_any()))
}
