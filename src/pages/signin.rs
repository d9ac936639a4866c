//! Sign-in with a service account's client credentials (or a user access key).
//! The secret is held in this form only until the attempt ends, then dropped from it: on
//! success it moves into the session's memory, on failure it is cleared from the field.

use crate::api::config::RuntimeConfig;
use crate::api::query::normalize_base_url;
use crate::auth::use_session;
use crate::components::load::Task;
use leptos::prelude::*;

/// The page's own origin: the default control plane when the console is hosted beside it.
fn page_origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

#[component]
pub fn SignIn(
    /// The deployment's runtime configuration, once loaded.
    config: RwSignal<Option<RuntimeConfig>>,
) -> impl IntoView {
    let session = use_session();
    let url = RwSignal::new(String::new());
    let url_touched = RwSignal::new(false);
    let client_id = RwSignal::new(String::new());
    let secret = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // Plain HTTP to another machine is sent only once the operator has been told and insists.
    let insecure_accepted = RwSignal::new(None::<String>);

    // The configured control plane fills the field until the operator types their own.
    Effect::new(move |_| {
        let configured = config.get().and_then(|c| c.control_plane_url);
        if !url_touched.get_untracked() {
            url.set(configured.unwrap_or_else(page_origin));
        }
    });

    let sign_in = Task::new(move |(base, id, secret): &(String, String, String)| {
        Box::pin(session.sign_in(base.clone(), id.clone(), secret.clone()))
    });
    Effect::new(move |_| {
        if let Some(result) = sign_in.outcome() {
            secret.set(String::new());
            error.set(result.err());
        }
    });
    let pending = sign_in.pending();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(base) = normalize_base_url(&url.get_untracked()) else {
            error.set(Some("Enter the control plane's address, for example https://runai.example.com.".into()));
            return;
        };
        let id = client_id.get_untracked().trim().to_owned();
        if id.is_empty() || secret.with_untracked(String::is_empty) {
            error.set(Some("Enter both the client ID and the client secret.".into()));
            return;
        }
        if exposes_secret(&base) && insecure_accepted.get_untracked().as_ref() != Some(&base) {
            insecure_accepted.set(Some(base));
            error.set(Some(
                "This control plane is reached over plain HTTP: the secret would cross the network unencrypted. \
                 Use an https:// address, or press Sign in again to send it anyway."
                    .into(),
            ));
            return;
        }
        error.set(None);
        sign_in.dispatch((base, id, secret.get_untracked()));
    };

    view! {
        <main class="signin">
            <form class="card signin-card" on:submit=submit novalidate=true>
                <h1>"Sign in to Run:ai"</h1>
                <p class="hint">"Use the client credentials of a service account or a user access key."</p>
                {move || session.notice().map(|n| view! { <p class="notice" role="status">{n}</p> })}
                {move || config.get().and_then(|c| c.problem).map(|p| view! { <p class="notice" role="status" data-testid="config-problem">{p}</p> })}
                <label for="control-plane">"Control plane URL"</label>
                <input id="control-plane" name="control-plane" type="url" autocomplete="url" required=true
                    prop:value=url on:input=move |ev| { url_touched.set(true); url.set(event_target_value(&ev)); }/>
                <label for="client-id">"Client ID"</label>
                <input id="client-id" name="client-id" type="text" autocomplete="username" required=true
                    spellcheck="false" prop:value=client_id on:input=move |ev| client_id.set(event_target_value(&ev))/>
                <label for="client-secret">"Client secret"</label>
                <input id="client-secret" name="client-secret" type="password" autocomplete="off"
                    required=true prop:value=secret on:input=move |ev| secret.set(event_target_value(&ev))/>
                {move || error.get().map(|e| view! { <p class="error-text" role="alert" data-testid="signin-error">{e}</p> })}
                <button class="button primary" type="submit" disabled=pending>
                    {move || if pending.get() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
        </main>
    }
}

/// Whether sending a secret to `base` would cross a network unencrypted: plain HTTP to
/// anything but this machine.
pub fn exposes_secret(base: &str) -> bool {
    let Some(rest) = base.strip_prefix("http://") else { return false };
    let host = rest.split('/').next().unwrap_or_default();
    let name = host.rsplit_once(':').filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit())).map_or(host, |(name, _)| name);
    !(name == "localhost" || name == "[::1]" || name.starts_with("127."))
}
