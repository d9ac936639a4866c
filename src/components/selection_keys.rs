//! The keyboard's way between a list's rows and its action bar, which sits above the table:
//! Enter on a row's checkbox selects the row and moves focus to the bar's first control, and
//! Esc in the bar moves it back to the first selected row. Without them, reaching the bar
//! from row 40 takes some eighty Shift+Tabs.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Focuses the first control of `bar` once it has rendered (it appears with the selection).
pub fn to_actions(bar: NodeRef<Div>) -> Callback<()> {
    Callback::new(move |_| {
        // A frame later the bar exists; if the page is gone by then, so is the bar.
        request_animation_frame(move || {
            let first = bar.try_get_untracked().flatten().and_then(|bar| bar.query_selector("button, a").ok().flatten());
            if let Some(first) = first.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = first.focus();
            }
        });
    })
}

/// Esc in the action bar: back to the first selected row's checkbox in the same list.
pub fn back_to_rows(ev: leptos::ev::KeyboardEvent) {
    if ev.key() != "Escape" {
        return;
    }
    let bar = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let list = bar.and_then(|bar| bar.parent_element());
    let row = list.and_then(|list| list.query_selector("tbody input[type=checkbox]:checked").ok().flatten());
    if let Some(row) = row.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        ev.prevent_default();
        let _ = row.focus();
    }
}
