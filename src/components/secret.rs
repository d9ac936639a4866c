//! Showing a secret once (a new client secret, a temporary password): with copy buttons and a
//! plain warning. Closing the dialog drops the values from memory and from the page.

use super::dialog::Modal;
use leptos::prelude::*;

/// Labelled values to show once.
pub type Secrets = Vec<(&'static str, String)>;

#[component]
pub fn SecretDialog(
    /// The values; `None` closes the dialog.
    secrets: RwSignal<Option<Secrets>>,
    /// What happened, e.g. "Service account ci-bot created".
    #[prop(into)]
    title: Signal<String>,
    /// Runs after the operator closes the dialog.
    #[prop(optional)]
    on_close: Option<Callback<()>>,
) -> impl IntoView {
    let close = Callback::new(move |_| {
        secrets.set(None);
        if let Some(on_close) = on_close {
            on_close.run(());
        }
    });
    view! {
        <Show when=move || secrets.with(Option::is_some)>
            <Modal role="dialog" labelled_by="secret-title" test_id="secret-dialog" on_escape=close>
                    <h2 id="secret-title">{move || title.get()}</h2>
                    <p class="notice" role="alert">"Copy these now. The secret will not be shown again; if it is lost, generate a new one."</p>
                    <dl class="secrets">
                        {move || secrets.get().unwrap_or_default().into_iter().map(|(label, value)| view! { <SecretValue label value/> }).collect_view()}
                    </dl>
                    <div class="actions">
                        <button class="button primary" on:click=move |_| close.run(())>"I have copied it"</button>
                    </div>
            </Modal>
        </Show>
    }
}

#[component]
fn SecretValue(label: &'static str, value: String) -> impl IntoView {
    let copied = RwSignal::new(None::<bool>);
    let text = value.clone();
    let copy = move |_| {
        let text = text.clone();
        leptos::task::spawn_local(async move {
            let ok = match web_sys::window().map(|w| w.navigator().clipboard()) {
                Some(clipboard) => wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await.is_ok(),
                None => false,
            };
            // The dialog may have been closed meanwhile.
            copied.try_set(Some(ok));
        });
    };
    view! {
        <div class="field">
            <dt>{label}</dt>
            <dd>
                <code data-testid="secret-value" data-label=label>{value}</code>
                " "<button class="button" on:click=copy aria-label=format!("Copy {label}")>"Copy"</button>
                {move || copied.get().map(|ok| view! {
                    <span class="hint" role="status">{if ok { "Copied." } else { "Could not copy; select the text and copy it." }}</span>
                })}
            </dd>
        </div>
    }
}
