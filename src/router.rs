//! The console's router: where the browser is, as one signal that follows its history. Links
//! are plain anchors under the base path; a click on one is taken here instead of reloading the
//! page, and back and forward arrive as `popstate`. The console's pages are four shapes of path
//! (`/<kind>`, `/<kind>/new`, `/<kind>/<id>`, `/<kind>/<id>/edit`), matched in `pages`, which
//! is all it needs of a router (leptos_router cost 45 K gzip for the same).

use crate::util::base::{base, href};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The browser's address within the console: the path without the base, and the query.
#[derive(Clone, Copy)]
pub struct Location {
    /// "/projects/12": changes only when the path does (not on a list's query).
    pub path: Memo<String>,
    pub query: Memo<Query>,
    here: RwSignal<String>,
}

/// Starts following the browser's address; once, for the whole app.
pub fn provide_router() {
    let here = RwSignal::new(current());
    let path = Memo::new(move |_| here.with(|h| h.split_once('?').map_or(h.as_str(), |(p, _)| p).to_owned()));
    let query = Memo::new(move |_| Query::parse(here.with(|h| h.split_once('?').map_or("", |(_, q)| q).to_owned())));
    let location = Location { path, query, here };
    provide_context(location);
    // The app lives as long as the page, so these listeners are never removed.
    let _ = window_event_listener(leptos::ev::popstate, move |_| here.set(current()));
    let _ = window_event_listener(leptos::ev::click, move |ev| {
        if let Some(to) = followed(&ev) {
            ev.prevent_default();
            location.go(&to, false);
        }
    });
}

pub fn use_location() -> Location {
    expect_context()
}

impl Location {
    /// Goes to a console path ("/workloads?q=a"): a new history entry scrolled to the top, or
    /// (`replace`) the current entry changed in place, as a list's query is. Nothing happens
    /// once the app is gone.
    pub fn go(self, to: &str, replace: bool) {
        let Ok(history) = window().history() else { return };
        let url = href(to);
        let _ = if replace { history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)) } else { history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)) };
        self.here.try_set(to.to_owned());
        if !replace {
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    }
}

/// The browser's address as a console path with its query.
fn current() -> String {
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let path = path.strip_prefix(base()).filter(|p| p.is_empty() || p.starts_with('/')).unwrap_or(&path);
    format!("{}{}", if path.is_empty() { "/" } else { path }, location.search().unwrap_or_default())
}

/// Where a click goes, when it is a plain click on a link to another page of the console
/// (not a new tab, a download, another site, a link marked external, or a jump within the page).
fn followed(ev: &web_sys::MouseEvent) -> Option<String> {
    if ev.default_prevented() || ev.button() != 0 || ev.meta_key() || ev.alt_key() || ev.ctrl_key() || ev.shift_key() {
        return None;
    }
    let anchor = ev.target()?.dyn_into::<web_sys::Element>().ok()?.closest("a[href]").ok()??;
    let anchor = anchor.dyn_into::<web_sys::HtmlAnchorElement>().ok()?;
    let opens_elsewhere = !matches!(anchor.target().as_str(), "" | "_self");
    if opens_elsewhere || anchor.has_attribute("download") || anchor.rel().contains("external") {
        return None;
    }
    let page = window().location();
    if anchor.origin() != page.origin().ok()? {
        return None;
    }
    let (path, search) = (anchor.pathname(), anchor.search());
    if !anchor.hash().is_empty() && page.pathname().ok()? == path && page.search().ok()? == search {
        return None;
    }
    let within = path.strip_prefix(base()).filter(|p| p.is_empty() || p.starts_with('/'))?;
    Some(format!("{}{search}", if within.is_empty() { "/" } else { within }))
}

/// A query string's pairs, in order, decoded.
#[derive(Clone, Default, PartialEq)]
pub struct Query(Vec<(String, String)>);

impl Query {
    fn parse(query: String) -> Query {
        let decode = |s: &str| {
            let s = s.replace('+', " ");
            js_sys::decode_uri_component(&s).ok().and_then(|d| d.as_string()).unwrap_or(s)
        };
        let pairs = query.split('&').filter(|p| !p.is_empty());
        Query(pairs.map(|p| p.split_once('=').unwrap_or((p, ""))).map(|(k, v)| (decode(k), decode(v))).collect())
    }
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
    pub fn get(&self, key: &str) -> Option<String> {
        self.get_str(key).map(str::to_owned)
    }
    pub fn get_all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> {
        self.0.iter().filter(move |(k, _)| k == key).map(|(_, v)| v.as_str())
    }
    pub fn insert(&mut self, key: &str, value: String) {
        self.0.push((key.to_owned(), value));
    }
    pub fn remove(&mut self, key: &str) {
        self.0.retain(|(k, _)| k != key);
    }
    pub fn replace(&mut self, key: &str, value: String) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some(pair) => pair.1 = value,
            None => self.insert(key, value),
        }
    }
    /// "?a=1&b=x%20y", or empty for none.
    pub fn to_query_string(&self) -> String {
        let pairs: Vec<(&str, String)> = self.0.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        crate::api::query::encode_query(&pairs)
    }
}
