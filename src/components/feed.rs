//! Sub-tables a record's page loads for itself (a workload's events and pods), declared as a
//! path, the answer's list key and a row function.

use super::cell::{now_secs, Cell};
use super::status::{ErrorPanel, Loading};
use super::table::{view_rows, ColumnHead, DataTable, Sort, TableRow};
use super::load::load;
use crate::api::use_api;
use leptos::prelude::*;
use serde_json::Value;

/// A table loaded from `path`, whose answer lists its rows under `key`.
#[derive(Clone)]
pub struct Feed {
    pub path: String,
    /// Query parameters beyond the page size (a filter).
    pub query: Vec<(&'static str, String)>,
    pub key: &'static str,
    pub heads: Vec<ColumnHead>,
    pub row: fn(&Value) -> Vec<Cell>,
    /// What to say when there are none.
    pub empty: &'static str,
}

/// How many rows a feed reads (the contract's largest page).
const FEED_LIMIT: &str = "500";

#[component]
pub fn FeedTable(feed: Feed, title: &'static str) -> impl IntoView {
    let api = use_api();
    let Feed { path, mut query, key, heads, row, empty } = feed;
    query.push(("limit", FEED_LIMIT.to_owned()));
    let loaded = load(move || {
        let (path, query) = (path.clone(), query.clone());
        Box::pin(async move { api.items(&path, &query, key).await })
    });
    let search = RwSignal::new(String::new());
    let sort = RwSignal::new(None::<Sort>);
    let heads = StoredValue::new(heads);
    let on_sort = Callback::new(move |key: String| {
        sort.update(|s| {
            let descending = s.as_ref().is_some_and(|s| s.key == key && !s.descending);
            *s = Some(Sort { key, descending });
        })
    });
    let retry = loaded.retry();
    let body = move || match loaded.get() {
        None => view! { <Loading what=title.to_ascii_lowercase()/> }.into_any(),
        Some(Err(error)) => view! { <ErrorPanel error doing=format!("load the {}", title.to_ascii_lowercase()) retry/> }.into_any(),
        Some(Ok(items)) => {
            if items.is_empty() {
                return view! { <p class="summary">{empty}</p> }.into_any();
            }
            let rows: Vec<TableRow> = items
                .iter()
                .enumerate()
                .map(|(i, item)| TableRow { key: i.to_string(), name: String::new(), href: None, cells: row(item) })
                .collect();
            let shown = heads.with_value(|h| view_rows(&rows, h, &search.get(), sort.get().as_ref(), now_secs()));
            view! { <DataTable label=title heads=heads.get_value() rows=shown sort=sort.get() on_sort=Some(on_sort)/> }.into_any()
        }
    };
    view! {
        <input type="search" class="search" placeholder=format!("Filter {}", title.to_ascii_lowercase()) aria-label=format!("Filter {}", title.to_ascii_lowercase())
            prop:value=search on:input=move |ev| search.set(event_target_value(&ev))/>
        {body}
    }
}
