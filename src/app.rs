//! The application: session and API contexts, the router, and the choice between the
//! sign-in page and the signed-in console. The URL is left alone while signed out, so a deep
//! link opened then is the page shown once signed in.

use crate::api::config::load_runtime_config;
use crate::api::provide_api;
use crate::auth::provide_session;
use crate::components::shell::Shell;
use crate::pages::signin::SignIn;
use crate::components::toast::provide_toaster;
use crate::pages::{DetailRoute, EditRoute, Home, ListRoute, NewRoute, NotFound};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let session = provide_session();
    provide_api(session);
    provide_toaster();
    // The deployment's config.json, read once (it never fails: a missing or bad file is the
    // default configuration, with the problem named on the sign-in page).
    let config = RwSignal::new(None);
    leptos::task::spawn_local(async move { config.set(Some(load_runtime_config().await)) });
    provide_context(config);
    view! {
        <Router base=crate::util::base::base()>
            <Show when=move || session.is_signed_in() fallback=move || view! { <SignIn config/> }>
                // An expired session signs in again over the page, so what was typed survives.
                {move || session.is_expired().then(|| view! { <div class="backdrop"><SignIn config/></div> })}
                <Shell>
                    <Routes fallback=|| view! { <NotFound/> }>
                        <Route path=path!("/") view=Home/>
                        <Route path=path!("/:kind") view=ListRoute/>
                        <Route path=path!("/:kind/new") view=NewRoute/>
                        <Route path=path!("/:kind/:id") view=DetailRoute/>
                        <Route path=path!("/:kind/:id/edit") view=EditRoute/>
                    </Routes>
                </Shell>
            </Show>
        </Router>
    }
}
