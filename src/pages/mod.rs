//! Pages that are not a resource: sign-in, the start page, not-found.

pub mod signin;

use crate::resources::{find, REGISTRY};
use leptos::prelude::*;
use leptos::either::Either;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/`: the first area of the console.
#[component]
pub fn Home() -> impl IntoView {
    view! { <Redirect path=format!("/{}", REGISTRY[0].slug)/> }
}

/// A route parameter that changes only when its value does (a list's query string changing
/// must not rebuild the page).
fn param(name: &'static str) -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get(name).unwrap_or_default())
}

/// Renders `page` for each new `key` afresh: another list or record is built anew rather than
/// patched into the DOM of the previous one, which would keep what the operator typed or
/// opened there (a search, the Columns menu). The memo wakes the page only when the key
/// changes, and each new page comes in the other side of an `Either`, which Leptos builds
/// anew where it would patch a view of the same side. One component for every route. (A
/// keyed `<For>` did the same for 2 K more.)
#[component]
fn Keyed(#[prop(into)] key: Signal<String>, page: fn(String) -> AnyView) -> impl IntoView {
    let key = Memo::new(move |_| key.get());
    let left = StoredValue::new(false);
    move || {
        left.update_value(|l| *l = !*l);
        let page = page(key.get());
        if left.get_value() { Either::Left(page) } else { Either::Right(page) }
    }
}

/// `/:kind`: the list page of a registered resource type.
#[component]
pub fn ListRoute() -> impl IntoView {
    let kind = param("kind");
    view! { <Keyed key=kind page=|kind| find(&kind).map_or_else(not_found, |entry| entry.list())/> }
}

/// `/:kind/new`: the create page; `?from=<id>` starts it as a copy of that record.
#[component]
pub fn NewRoute() -> impl IntoView {
    let (kind, query) = (param("kind"), use_query_map());
    let key = Signal::derive(move || format!("{}\n{}", kind.get(), query.read().get("from").unwrap_or_default()));
    view! { <Keyed key page=|key| { let (kind, from) = split(&key); find(kind).and_then(|e| e.form(None, Some(from).filter(|f| !f.is_empty()))).unwrap_or_else(not_found) }/> }
}

/// The key of one record's page: its kind and id (ids hold no line breaks).
fn record_key() -> Signal<String> {
    let (kind, id) = (param("kind"), param("id"));
    Signal::derive(move || format!("{}\n{}", kind.get(), id.get()))
}

fn split(key: &str) -> (&str, String) {
    let (kind, id) = key.split_once('\n').unwrap_or((key, ""));
    (kind, id.to_owned())
}

/// `/:kind/:id`: the detail page of one record.
#[component]
pub fn DetailRoute() -> impl IntoView {
    view! { <Keyed key=record_key() page=|key| { let (kind, id) = split(&key); find(kind).and_then(|e| e.detail(id)).unwrap_or_else(not_found) }/> }
}

/// `/:kind/:id/edit`: the edit page of one record.
#[component]
pub fn EditRoute() -> impl IntoView {
    view! { <Keyed key=record_key() page=|key| { let (kind, id) = split(&key); find(kind).and_then(|e| e.form(Some(id), None)).unwrap_or_else(not_found) }/> }
}

fn not_found() -> AnyView {
    view! { <NotFound/> }.into_any()
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page">
            <h1 id="page-title">"Page not found"</h1>
            <p>"The console has no page at this address."</p>
            <a class="button" href=crate::util::base::href("/")>"Go to the start page"</a>
        </section>
    }
}
