//! The browser's connection as the pages need it: a banner while it is offline, and a signal
//! that lists and records reload on when it comes back. Also names each page in the tab's
//! title and moves focus to its heading when the route changes.

use crate::api::use_api;
use leptos::ev;
use leptos::prelude::*;
use crate::router::use_location;

/// Whether the browser is online, and how many times it has come back.
#[derive(Clone, Copy)]
pub struct Network {
    pub online: RwSignal<bool>,
    pub returns: RwSignal<u32>,
}

/// Watches the browser's `online`/`offline` events for as long as the calling owner lives.
pub fn provide_network() -> Network {
    let online = web_sys::window().is_none_or(|w| w.navigator().on_line());
    let network = Network { online: RwSignal::new(online), returns: RwSignal::new(0) };
    let offline = window_event_listener(ev::offline, move |_| network.online.set(false));
    let back = window_event_listener(ev::online, move |_| {
        network.online.set(true);
        network.returns.update(|n| *n += 1);
    });
    on_cleanup(move || {
        offline.remove();
        back.remove();
    });
    provide_context(network);
    network
}

/// How many times the browser has come back online (tracked), for data that should then
/// reload by itself.
pub fn reconnections() -> u32 {
    use_context::<Network>().map_or(0, |network| network.returns.get())
}

/// The banners over every page: offline, and what the API is making the console wait for.
#[component]
pub fn NetworkBanners() -> impl IntoView {
    let network = expect_context::<Network>();
    let api = use_api();
    view! {
        {move || (!network.online.get()).then(|| view! {
            <p class="banner offline" role="status" data-testid="offline">
                "You are offline. What is on screen stays as it was; it reloads when the connection is back."
            </p>
        })}
        {move || api.notice().map(|notice| view! { <p class="banner" role="status" data-testid="api-notice">{notice}</p> })}
    }
}

/// Names the page in the tab's title and moves focus to its heading after each navigation,
/// so that screen-reader and keyboard users land where the content starts.
pub fn announce_pages() {
    let location = use_location();
    Effect::new(move |_| {
        location.path.track();
        request_animation_frame(|| {
            let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
            if let Some(heading) = document.get_element_by_id("page-title") {
                set_title(&heading.text_content().unwrap_or_default());
                let _ = heading.set_attribute("tabindex", "-1");
                if let Ok(heading) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(heading) {
                    let _ = heading.focus();
                }
            }
        });
    });
}

/// Sets the tab's title: "Projects · Run:ai console".
pub fn set_title(page: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let page = page.trim();
        document.set_title(&if page.is_empty() { "Run:ai console".to_owned() } else { format!("{page} · Run:ai console") });
    }
}
