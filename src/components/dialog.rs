//! A confirmation dialog for destructive actions: says what will happen, names what it will
//! happen to, and waits for an explicit click.

use leptos::prelude::*;

#[component]
pub fn ConfirmDialog(
    /// Whether the dialog is open.
    #[prop(into)]
    open: Signal<bool>,
    /// The question, e.g. "Delete 2 projects?".
    #[prop(into)]
    title: Signal<String>,
    /// What will be affected, one item per line.
    #[prop(into)]
    items: Signal<Vec<String>>,
    /// The confirming button's label, e.g. "Delete".
    confirm_label: &'static str,
    /// What the operator should know before confirming.
    #[prop(default = "This cannot be undone.")]
    warning: &'static str,
    /// Whether the work is under way (the buttons wait).
    #[prop(into)]
    pending: Signal<bool>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    view! {
        <Show when=move || open.get()>
            <div class="backdrop">
                <div class="dialog card" role="alertdialog" aria-modal="true" aria-labelledby="dialog-title" data-testid="confirm-dialog">
                    <h2 id="dialog-title">{move || title.get()}</h2>
                    <ul class="dialog-items">
                        {move || items.get().into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}
                    </ul>
                    <p class="hint">{warning}</p>
                    <div class="actions">
                        <button class="button" on:click=move |_| on_cancel.run(()) disabled=move || pending.get()>"Cancel"</button>
                        <button class="button danger" on:click=move |_| on_confirm.run(()) disabled=move || pending.get()>
                            {move || if pending.get() { "Working…" } else { confirm_label }}
                        </button>
                    </div>
                </div>
            </div>
        </Show>
    }
}
