//! A resource's list page: loads the collection, turns records into rows once through the
//! resource's column declarations, and hands plain rows to the table. Search and sort live in
//! the URL (`?q=...&sort=name&dir=desc`), so links and back/forward keep them.

use super::cell::{now_secs, Cell};
use super::status::{ErrorPanel, Loading};
use super::table::{view_rows, ColumnHead, DataTable, Sort, TableRow};
use crate::api::{use_api, ApiError, ApiResource};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// One column of a resource's list: its header and how a record fills it.
pub struct Column<R> {
    pub key: &'static str,
    pub title: &'static str,
    pub cell: fn(&R) -> Cell,
}

/// Rows from records: the only step that knows the record type.
pub fn to_rows<R: ApiResource>(items: &[R], columns: &[Column<R>], href: fn(&R) -> String) -> Vec<TableRow> {
    items
        .iter()
        .map(|item| TableRow {
            key: item.id(),
            href: Some(href(item)),
            cells: columns.iter().map(|c| (c.cell)(item)).collect(),
        })
        .collect()
}

/// The list page of resource type `R`.
#[component]
pub fn ResourceList<R: ApiResource>(
    /// Page title, e.g. "Clusters".
    title: &'static str,
    /// Plural noun for messages, e.g. "clusters".
    noun: &'static str,
    /// The columns, in order.
    columns: Vec<Column<R>>,
    /// The detail page of a record.
    href: fn(&R) -> String,
) -> impl IntoView {
    let api = use_api();
    let heads: Vec<ColumnHead> = columns.iter().map(|c| ColumnHead { key: c.key, title: c.title }).collect();
    let columns = StoredValue::new_local(columns);
    let data = LocalResource::new(move || async move {
        let items = api.list::<R>().await?;
        Ok(columns.with_value(|columns| to_rows(&items, columns, href)))
    });
    view! { <ListView title noun heads data/> }
}

#[component]
fn ListView(
    title: &'static str,
    noun: &'static str,
    heads: Vec<ColumnHead>,
    data: LocalResource<Result<Vec<TableRow>, ApiError>>,
) -> impl IntoView {
    let query = use_query_map();
    let search = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let sort = Memo::new(move |_| {
        let q = query.read();
        q.get("sort").map(|key| Sort { key, descending: q.get_str("dir") == Some("desc") })
    });
    let set_query = {
        let (navigate, location) = (use_navigate(), use_location());
        move |changes: &[(&'static str, Option<String>)]| {
            let mut map = query.get_untracked();
            for (key, value) in changes {
                match value {
                    Some(v) if !v.is_empty() => map.replace(*key, v.clone()),
                    _ => {
                        map.remove(key);
                    }
                }
            }
            let url = format!("{}{}", location.pathname.get_untracked(), map.to_query_string());
            navigate(&url, NavigateOptions { replace: true, scroll: false, ..Default::default() });
        }
    };
    let on_sort = {
        let set_query = set_query.clone();
        Callback::new(move |key: String| {
            let descending = sort.get_untracked().is_some_and(|s| s.key == key && !s.descending);
            set_query(&[("sort", Some(key)), ("dir", descending.then(|| "desc".to_owned()))]);
        })
    };
    let heads = StoredValue::new(heads);
    let table = move || {
        Suspend::new(async move {
            match data.await {
                Ok(rows) => {
                    let (search, sort) = (search.get(), sort.get());
                    let shown = heads.with_value(|h| view_rows(&rows, h, &search, sort.as_ref(), now_secs()));
                    let summary = match (shown.len(), search.trim().is_empty()) {
                        (0, true) => format!("There are no {noun} yet."),
                        (0, false) => format!("No {noun} match “{}”.", search.trim()),
                        (n, true) => format!("{n} {noun}"),
                        (n, false) => format!("{n} of {} {noun} match “{}”", rows.len(), search.trim()),
                    };
                    let table = (!shown.is_empty()).then(|| {
                        view! { <DataTable label=title heads=heads.get_value() rows=shown sort on_sort=Some(on_sort)/> }
                    });
                    view! {
                        <p class="summary" role="status" data-testid="list-summary">{summary}</p>
                        {table}
                    }
                    .into_any()
                }
                Err(error) => view! {
                    <ErrorPanel error doing=format!("load {noun}") retry=Callback::new(move |_| data.refetch())/>
                }
                .into_any(),
            }
        })
    };
    view! {
        <section class="page" aria-labelledby="page-title">
            <header class="page-header">
                <h1 id="page-title">{title}</h1>
                <div class="toolbar">
                    <input
                        type="search"
                        class="search"
                        placeholder=format!("Search {noun}")
                        aria-label=format!("Search {noun}")
                        prop:value=search
                        on:input=move |ev| set_query(&[("q", Some(event_target_value(&ev)))])
                    />
                    <button class="button" on:click=move |_| data.refetch()>"Refresh"</button>
                </div>
            </header>
            <Transition fallback=move || view! { <Loading what=noun/> }>{table}</Transition>
        </section>
    }
}
