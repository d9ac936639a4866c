//! The application: session and API contexts, the router, and the choice between the
//! sign-in page and the signed-in console. The URL is left alone while signed out, so a deep
//! link opened then is the page shown once signed in.

use crate::api::config::load_runtime_config;
use crate::api::provide_api;
use crate::auth::provide_session;
use crate::components::shell::Shell;
use crate::pages::signin::SignIn;
use crate::components::toast::provide_toaster;
use crate::pages::Routed;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let session = provide_session();
    provide_api(session);
    provide_toaster();
    crate::router::provide_router();
    // The deployment's config.json, read once (it never fails: a missing or bad file is the
    // default configuration, with the problem named on the sign-in page).
    let config = RwSignal::new(None);
    leptos::task::spawn_local(async move { config.set(Some(load_runtime_config().await)) });
    provide_context(config);
    view! {
        <Show when=move || session.is_signed_in() fallback=move || view! { <SignIn config/> }>
            // An expired session signs in again over the page, so what was typed survives.
            {move || session.is_expired().then(|| view! { <div class="backdrop"><SignIn config/></div> })}
            <Shell><Routed/></Shell>
        </Show>
    }
}
