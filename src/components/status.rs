//! Loading and failure states: never a blank panel, never an error dressed as an empty list.

use crate::api::ApiError;
use leptos::prelude::*;

/// A failure in the operator's terms, with a retry where it makes sense.
#[component]
pub fn ErrorPanel(
    /// What went wrong.
    error: ApiError,
    /// What the panel was trying to do, e.g. "load clusters".
    #[prop(into)]
    doing: String,
    /// Runs the failed work again.
    #[prop(optional)]
    retry: Option<Callback<()>>,
    /// Further ways out (e.g. a link back to the list).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="error-panel" role="alert" data-testid="error-panel">
            <p>{error.explain(&doing)}</p>
            <div class="actions">
                {retry.map(|retry| view! { <button class="button" on:click=move |_| retry.run(())>"Try again"</button> })}
                {children.map(|c| c())}
            </div>
        </div>
    }
}

/// A field's failure to load what it offers (`said`, in the operator's terms), with a retry.
/// One view for every such field: each copy of it cost the bundle its own code.
pub fn field_error(said: String, retry: Box<dyn Fn()>) -> AnyView {
    view! {
        <p class="error-text" role="alert">{said}" "
            <button class="button" type="button" on:click=move |_| retry()>"Try again"</button></p>
    }
    .into_any()
}

/// Shown while the first answer is on its way.
#[component]
pub fn Loading(
    /// What is loading, e.g. "clusters".
    #[prop(into)]
    what: String,
) -> impl IntoView {
    view! { <p class="loading" role="status" aria-live="polite">{format!("Loading {what}…")}</p> }
}

/// Says that what is shown may be out of date (`what`, e.g. "These projects") while `stale`
/// holds the failure of the refresh that was `doing`, with a way to try again.
pub fn stale_banner(stale: RwSignal<Option<ApiError>>, what: String, doing: String, retry: Callback<()>) -> impl IntoView {
    move || {
        stale.get().map(|error| {
            view! {
                <p class="banner" role="status" data-testid="stale">
                    {format!("{what} may be out of date: {}", error.explain(&doing))}" "
                    <button class="link" on:click=move |_| retry.run(())>"Try again"</button>
                </p>
            }
        })
    }
}
