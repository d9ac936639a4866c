//! Pages that are not a resource (sign-in, the Overview, not-found), and which page an address shows.

pub mod overview;
pub mod quota;
pub mod signin;

use crate::resources::find;
use leptos::prelude::*;
use leptos::either::Either;
use crate::router::use_location;

/// The page at the browser's address: `/` is the Overview; `/<kind>` a list,
/// `/<kind>/new` a create form (`?from=<id>` starts it as a copy of that record),
/// `/<kind>/<id>` a record and `/<kind>/<id>/edit` its edit form, of a registered kind.
#[derive(Clone, PartialEq)]
enum Route {
    Home,
    List(String),
    New(String, Option<String>),
    Detail(String, String),
    Edit(String, String),
    Unknown,
}

fn route(path: &str, from: Option<String>) -> Route {
    let decode = |s: &str| js_sys::decode_uri_component(s).ok().and_then(|d| d.as_string()).unwrap_or_else(|| s.to_owned());
    let segments: Vec<String> = path.split('/').filter(|s| !s.is_empty()).map(decode).collect();
    match segments.as_slice() {
        [] => Route::Home,
        [kind] => Route::List(kind.clone()),
        [kind, new] if new == "new" => Route::New(kind.clone(), from.filter(|f| !f.is_empty())),
        [kind, id] => Route::Detail(kind.clone(), id.clone()),
        [kind, id, edit] if edit == "edit" => Route::Edit(kind.clone(), id.clone()),
        _ => Route::Unknown,
    }
}

/// Renders the page of each new route afresh: another list or record is built anew rather
/// than patched into the DOM of the previous one, which would keep what the operator typed or
/// opened there (a search, the Columns menu). The memo wakes only when the route changes (a
/// list's own query changing must not rebuild it), and each new page comes in the other side
/// of an `Either`, which Leptos builds anew where it would patch a view of the same side.
#[component]
pub fn Routed() -> impl IntoView {
    let location = use_location();
    let route = Memo::new(move |_| {
        let from = location.path.with(|p| p.ends_with("/new")).then(|| location.query.with(|q| q.get("from"))).flatten();
        location.path.with(|p| route(p, from))
    });
    let left = StoredValue::new(false);
    move || {
        left.update_value(|l| *l = !*l);
        let page = match route.get() {
            Route::Home => Some(view! { <overview::Overview/> }.into_any()),
            Route::List(kind) => find(&kind).map(|entry| entry.list()),
            Route::New(kind, from) => find(&kind).and_then(|e| e.form(None, from)),
            Route::Detail(kind, id) => find(&kind).and_then(|e| e.detail(id)),
            Route::Edit(kind, id) => find(&kind).and_then(|e| e.form(Some(id), None)),
            Route::Unknown => None,
        }
        .unwrap_or_else(not_found);
        if left.get_value() { Either::Left(page) } else { Either::Right(page) }
    }
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
