//! Short notices after an action ("Project vision created"), dismissed after a few seconds.

use super::cell::Tone;
use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Debug, PartialEq)]
struct Toast {
    id: u32,
    text: String,
    tone: Tone,
}

#[derive(Clone, Copy)]
pub struct Toaster {
    toasts: RwSignal<Vec<Toast>>,
    next: StoredValue<u32>,
}

pub fn provide_toaster() -> Toaster {
    let toaster = Toaster { toasts: RwSignal::new(Vec::new()), next: StoredValue::new(0) };
    provide_context(toaster);
    toaster
}

pub fn use_toaster() -> Toaster {
    expect_context::<Toaster>()
}

impl Toaster {
    pub fn success(self, text: impl Into<String>) {
        self.show(text.into(), Tone::Good);
    }
    pub fn failure(self, text: impl Into<String>) {
        self.show(text.into(), Tone::Bad);
    }

    fn show(self, text: String, tone: Tone) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.toasts.update(|t| t.push(Toast { id, text, tone }));
        let lifetime = if tone == Tone::Bad { 10 } else { 5 };
        set_timeout(move || self.dismiss(id), Duration::from_secs(lifetime));
    }

    fn dismiss(self, id: u32) {
        self.toasts.update(|t| t.retain(|toast| toast.id != id));
    }
}

/// Where toasts appear; mounted once in the shell.
#[component]
pub fn Toasts() -> impl IntoView {
    let toaster = use_toaster();
    view! {
        <div class="toasts" role="status" aria-live="polite" data-testid="toasts">
            // A plain list, not a keyed `<For>`: toasts are few, and `For` cost 2 K gzip.
            {move || toaster.toasts.get().into_iter().map(|toast| view! {
                <div class=format!("toast toast-{}", toast.tone.as_str())>
                    <span>{toast.text}</span>
                    <button class="close" aria-label="Dismiss" on:click=move |_| toaster.dismiss(toast.id)>"×"</button>
                </div>
            }).collect_view()}
        </div>
    }
}
