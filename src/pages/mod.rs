//! Pages that are not a resource: sign-in, the start page, not-found.

pub mod signin;

use crate::resources::{find, REGISTRY};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;

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

/// `/:kind`: the list page of a registered resource type.
#[component]
pub fn ListRoute() -> impl IntoView {
    let kind = param("kind");
    move || {
        let kind = kind.get();
        match find(&kind) {
            Some(entry) => entry.list(),
            None => view! { <NotFound/> }.into_any(),
        }
    }
}

/// `/:kind/new`: the create page.
#[component]
pub fn NewRoute() -> impl IntoView {
    let kind = param("kind");
    move || match find(&kind.get()).and_then(|e| e.form(None)) {
        Some(form) => form,
        None => view! { <NotFound/> }.into_any(),
    }
}

/// `/:kind/:id`: the detail page of one record.
#[component]
pub fn DetailRoute() -> impl IntoView {
    let (kind, id) = (param("kind"), param("id"));
    move || {
        let (kind, id) = (kind.get(), id.get());
        match find(&kind).and_then(|e| e.detail(id)) {
            Some(detail) => detail,
            None => view! { <NotFound/> }.into_any(),
        }
    }
}

/// `/:kind/:id/edit`: the edit page of one record.
#[component]
pub fn EditRoute() -> impl IntoView {
    let (kind, id) = (param("kind"), param("id"));
    move || {
        let (kind, id) = (kind.get(), id.get());
        match find(&kind).and_then(|e| e.form(Some(id))) {
            Some(form) => form,
            None => view! { <NotFound/> }.into_any(),
        }
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page">
            <h1 id="page-title">"Page not found"</h1>
            <p>"The console has no page at this address."</p>
            <a class="button" href="/">"Go to the start page"</a>
        </section>
    }
}
