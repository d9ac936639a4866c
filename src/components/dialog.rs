//! A confirmation dialog for destructive actions: says what will happen, names what it will
//! happen to, and waits for an explicit click.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A modal dialog (the browser's own `<dialog>`, shown with `showModal`): focus moves into it,
/// the page behind is inert so Tab stays inside, Esc asks `on_escape`, and when it goes focus
/// returns to what had it before (the control that opened it).
#[component]
pub fn Modal(
    /// The dialog's role: "dialog", or "alertdialog" for a question.
    role: &'static str,
    /// The id of its heading.
    labelled_by: &'static str,
    /// For tests and styles.
    test_id: &'static str,
    /// Esc pressed.
    on_escape: Callback<()>,
    children: Children,
) -> impl IntoView {
    let node = NodeRef::<html::Dialog>::new();
    let opener = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    let opener = send_wrapper::SendWrapper::new(opener);
    Effect::new(move |_| {
        if let Some(dialog) = node.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        }
    });
    on_cleanup(move || {
        // Close it first: while it is modal, the rest of the page (the opener too) is inert.
        if let Some(dialog) = node.try_get_untracked().flatten() {
            dialog.close();
        }
        if let Some(element) = opener.take().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = element.focus();
        }
    });
    let escape = move |ev: leptos::ev::Event| {
        // The console decides when the dialog goes, so that its state and the page agree.
        ev.prevent_default();
        on_escape.run(());
    };
    view! {
        <dialog node_ref=node class="dialog card" role=role aria-modal="true" aria-labelledby=labelled_by data-testid=test_id on:cancel=escape>
            {children()}
        </dialog>
    }
}

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
            <Modal role="alertdialog" labelled_by="dialog-title" test_id="confirm-dialog" on_escape=on_cancel>
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
            </Modal>
        </Show>
    }
}
