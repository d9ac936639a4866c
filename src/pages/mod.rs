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

/// `/:kind`: the list page of a registered resource type.
#[component]
pub fn ListRoute() -> impl IntoView {
    let params = use_params_map();
    move || {
        let kind = params.read().get("kind").unwrap_or_default();
        match find(&kind) {
            Some(entry) => (entry.list)(),
            None => view! { <NotFound/> }.into_any(),
        }
    }
}

/// `/:kind/:id`: the detail page of one record, or `/:kind/new`: the create page.
#[component]
pub fn DetailRoute() -> impl IntoView {
    let params = use_params_map();
    move || {
        let (kind, id) = params.with(|p| (p.get("kind").unwrap_or_default(), p.get("id").unwrap_or_default()));
        let entry = find(&kind);
        let page = match (entry.and_then(|e| e.form), entry.and_then(|e| e.detail)) {
            (Some(form), _) if id == "new" => Some(form(None)),
            (_, Some(detail)) => Some(detail(id)),
            _ => None,
        };
        page.unwrap_or_else(|| view! { <NotFound/> }.into_any())
    }
}

/// `/:kind/:id/edit`: the edit page of one record.
#[component]
pub fn EditRoute() -> impl IntoView {
    let params = use_params_map();
    move || {
        let (kind, id) = params.with(|p| (p.get("kind").unwrap_or_default(), p.get("id").unwrap_or_default()));
        match find(&kind).and_then(|e| e.form) {
            Some(form) => form(Some(id)),
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
