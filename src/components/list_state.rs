//! The state of a list page: page, page size, sort, search, filters and visible columns.
//! Top-level lists keep it in the URL (so links, back and forward keep it); sub-tables keep
//! the same state in memory. Reading and writing it are plain functions of a `Query`; the
//! pager is the control over its page and page size.

use crate::api::filter::Filter;
use leptos::prelude::*;
use crate::router::{use_location, Query};

pub const PAGE_SIZES: [u32; 5] = [25, 50, 100, 250, 500];
pub const DEFAULT_PAGE_SIZE: u32 = 50;

/// A list's state: read from `params`, written through `set`.
#[derive(Clone, Copy)]
pub struct ListState {
    params: Signal<Query>,
    set: Callback<Query>,
}

impl ListState {
    /// State kept in the page's URL query.
    pub fn in_url() -> ListState {
        let location = use_location();
        // The list's own path: a change that lands after the operator has gone to another
        // page must not carry this list's query there.
        let path = location.path.get_untracked();
        let set = Callback::new(move |map: Query| {
            if location.path.try_get_untracked().as_ref() == Some(&path) {
                location.go(&format!("{path}{}", map.to_query_string()), true);
            }
        });
        ListState { params: location.query.into(), set }
    }

    /// State kept in memory (sub-tables on a detail page).
    pub fn local() -> ListState {
        let map = RwSignal::new(Query::default());
        ListState { params: map.into(), set: Callback::new(move |m| map.set(m)) }
    }

    pub fn page(&self) -> u32 {
        self.params.with(|p| p.get_str("page").and_then(|v| v.parse().ok()).filter(|n| *n >= 1).unwrap_or(1))
    }
    pub fn size(&self) -> u32 {
        self.params.with(|p| p.get_str("size").and_then(|v| v.parse().ok()).filter(|n| PAGE_SIZES.contains(n)).unwrap_or(DEFAULT_PAGE_SIZE))
    }
    pub fn search(&self) -> String {
        self.params.with(|p| p.get("q").unwrap_or_default())
    }
    /// The sorted column's key and whether descending.
    pub fn sort(&self) -> Option<(String, bool)> {
        self.params.with(|p| p.get("sort").map(|key| (key, p.get_str("dir") == Some("desc"))))
    }
    pub fn filters(&self) -> Vec<Filter> {
        self.params.with(|p| p.get_all("filter").filter_map(Filter::parse).collect())
    }
    /// Visible column keys, when the operator chose them.
    pub fn columns(&self) -> Option<Vec<String>> {
        self.params.with(|p| p.get("cols").map(|c| c.split(',').filter(|k| !k.is_empty()).map(str::to_owned).collect()))
    }

    /// Changes the state; nothing happens once the list is gone (a late timer, say).
    fn update(&self, change: impl FnOnce(&mut Query)) {
        let Some(mut map) = self.params.try_get_untracked() else { return };
        change(&mut map);
        self.set.try_run(map);
    }

    pub fn set_page(&self, page: u32) {
        self.update(|m| set_or_remove(m, "page", (page > 1).then(|| page.to_string())));
    }
    pub fn set_size(&self, size: u32) {
        self.update(|m| {
            set_or_remove(m, "size", (size != DEFAULT_PAGE_SIZE).then(|| size.to_string()));
            m.remove("page");
        });
    }
    pub fn set_search(&self, search: String) {
        self.update(|m| {
            set_or_remove(m, "q", (!search.is_empty()).then_some(search));
            m.remove("page");
        });
    }
    /// Sorts by `key`: ascending first, then descending on a second click.
    pub fn toggle_sort(&self, key: String) {
        let descending = untrack(|| self.sort()).is_some_and(|(k, d)| k == key && !d);
        self.update(|m| {
            m.replace("sort", key);
            set_or_remove(m, "dir", descending.then(|| "desc".to_owned()));
            m.remove("page");
        });
    }
    pub fn set_filters(&self, filters: &[Filter]) {
        self.update(|m| {
            m.remove("filter");
            for f in filters {
                m.insert("filter", f.encode());
            }
            m.remove("page");
        });
    }
    pub fn set_columns(&self, keys: Option<Vec<String>>) {
        self.update(|m| set_or_remove(m, "cols", keys.map(|k| k.join(","))));
    }
}

fn set_or_remove(map: &mut Query, key: &'static str, value: Option<String>) {
    match value {
        Some(v) => map.replace(key, v),
        None => {
            map.remove(key);
        }
    }
}

/// Where the page is, and the way to the pages around it.
#[component]
pub fn Pager(title: &'static str, more: bool, total: Signal<Option<u64>>, state: ListState) -> impl IntoView {
    let (page, size) = untrack(|| (state.page(), state.size()));
    let first = (page - 1) * size + 1;
    let range = move || match total.get() {
        Some(t) => format!("{}–{} of {}", first.min(t as u32), ((page * size) as u64).min(t), t),
        None => format!("{}–{}", first, page * size),
    };
    let sizes = PAGE_SIZES
        .iter()
        .map(|n| view! { <option value=n.to_string() selected=*n == size>{format!("{n} per page")}</option> })
        .collect_view();
    view! {
        <nav class="pager" aria-label=format!("Pages of {title}")>
            <span data-testid="page-range">{range}</span>
            <button class="button" disabled=page <= 1 on:click=move |_| state.set_page(page - 1)>"Previous"</button>
            <button class="button" disabled=!more on:click=move |_| state.set_page(page + 1)>"Next"</button>
            <select aria-label="Rows per page" on:change=move |ev| state.set_size(event_target_value(&ev).parse().unwrap_or(50))>{sizes}</select>
        </nav>
    }
}
