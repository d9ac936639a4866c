//! Actions a resource declares beyond create, edit and delete (stop a workload, regenerate a
//! secret, force a sign-out): a label, the permission it needs, whether it asks first, whether
//! it applies to several records at once, and its API call. The detail header and the list's
//! action bar render them; neither knows any action by name.

use super::dialog::ConfirmDialog;
use super::resource::{Act, Rec};
use super::secret::{SecretDialog, Secrets};
use super::toast::use_toaster;
use crate::api::authorization::Action;
use crate::api::{Api, ApiError, Pending};
use leptos::prelude::*;
use std::rc::Rc;

/// What a finished action leaves for the operator.
pub enum Outcome {
    /// Said in a toast.
    Done(String),
    /// Secret material shown once, under this title.
    Reveal(&'static str, Secrets),
    /// Another page of the console to go on in (a copy's form).
    Open(String),
}

/// One action on records of type `R`.
pub struct RecordAction<R> {
    pub label: &'static str,
    /// What the principal must be allowed on the resource type.
    pub needs: Action,
    /// Asked before running, with this consequence; `None` runs at once.
    pub confirm: Option<&'static str>,
    /// Offered for several selected records at once (else for one).
    pub bulk: bool,
    /// Whether it makes sense for this record (enable only when disabled).
    pub applies: fn(&R) -> bool,
    pub run: fn(Api, &R) -> Pending<Outcome>,
}

impl<R> RecordAction<R> {
    pub fn new(label: &'static str, needs: Action, run: fn(Api, &R) -> Pending<Outcome>) -> Self {
        RecordAction { label, needs, confirm: None, bulk: false, applies: |_| true, run }
    }
    pub fn confirm(mut self, consequence: &'static str) -> Self {
        self.confirm = Some(consequence);
        self
    }
    pub fn bulk(mut self) -> Self {
        self.bulk = true;
        self
    }
    pub fn when(mut self, applies: fn(&R) -> bool) -> Self {
        self.applies = applies;
        self
    }
}

/// An action as the views see it: bound to the records it can reach, by id.
#[derive(Clone)]
pub struct BoundAction {
    pub label: &'static str,
    pub confirm: Option<&'static str>,
    pub bulk: bool,
    /// Whether it applies to the record with this id (false when the record is not at hand).
    pub applies: Rc<dyn Fn(&str) -> bool>,
    pub run: Rc<dyn Fn(&str) -> Option<Pending<Outcome>>>,
}

/// Binds `actions` to the records `lookup` finds by id.
pub fn bind(api: Api, actions: Vec<Act>, lookup: Rc<dyn Fn(&str) -> Option<Rec>>) -> Vec<BoundAction> {
    actions
        .into_iter()
        .map(|action| {
            let Act { label, confirm, bulk, applies, run, .. } = action;
            let find = lookup.clone();
            let lookup = lookup.clone();
            BoundAction {
                label,
                confirm,
                bulk,
                applies: Rc::new(move |id| find(id).is_some_and(|r| applies(r.as_ref()))),
                run: Rc::new(move |id| lookup(id).map(|r| run(api, r.as_ref()))),
            }
        })
        .collect()
}

/// Buttons for `actions` on the records `targets` names (id, name); `done` runs after each.
#[component]
pub fn ActionButtons(
    /// The bound actions.
    actions: Vec<BoundAction>,
    /// The records acted on, as (id, name).
    #[prop(into)]
    targets: Signal<Vec<(String, String)>>,
    /// Called when an action has finished (to reload what it changed).
    done: Callback<()>,
) -> impl IntoView {
    let toaster = use_toaster();
    let actions = StoredValue::new_local(actions);
    let running = RwSignal::new(false);
    let asking = RwSignal::new(None::<usize>);
    let reveal = RwSignal::new(None::<Secrets>);
    let reveal_title = RwSignal::new(String::new());
    let location = crate::router::use_location();
    // Runs action `index` on every target in turn; one at a time, so a second click waits.
    let start = move |index: usize| {
        if running.get_untracked() {
            return;
        }
        let Some(action) = actions.with_value(|a| a.get(index).cloned()) else { return };
        running.set(true);
        let targets = targets.get_untracked();
        leptos::task::spawn_local(async move {
            let (mut succeeded, mut failures) = (0, Vec::<String>::new());
            for (id, name) in &targets {
                let Some(call) = (action.run)(id) else { continue };
                match call.await {
                    Ok(Outcome::Done(said)) => {
                        succeeded += 1;
                        if targets.len() == 1 {
                            toaster.success(said);
                        }
                    }
                    Ok(Outcome::Reveal(title, secrets)) => {
                        succeeded += 1;
                        reveal_title.try_set(title.to_owned());
                        reveal.try_set(Some(secrets));
                    }
                    Ok(Outcome::Open(href)) => {
                        succeeded += 1;
                        location.go(&href, false);
                    }
                    Err::<_, ApiError>(e) => failures.push(e.explain(&format!("{} {name}", action.label.to_ascii_lowercase()))),
                }
            }
            if targets.len() > 1 && succeeded > 0 {
                toaster.success(format!("{}: done for {succeeded} of {}.", action.label, targets.len()));
            }
            if let Some(first) = failures.first() {
                toaster.failure(first.clone());
            }
            running.try_set(false);
            asking.try_set(None);
            done.try_run(());
        });
    };
    let buttons = move || {
        let chosen = targets.get();
        actions.with_value(|all| {
            all.iter()
                .enumerate()
                .filter(|(_, a)| (a.bulk || chosen.len() == 1) && !chosen.is_empty() && chosen.iter().all(|(id, _)| (a.applies)(id)))
                .map(|(index, a)| {
                    let ask = a.confirm.is_some();
                    let click = move |_| if ask { asking.set(Some(index)) } else { start(index) };
                    view! { <button class="button" disabled=move || running.get() on:click=click>{a.label}</button> }
                })
                .collect_view()
        })
    };
    let question = Signal::derive(move || {
        let label = asking.get().and_then(|i| actions.with_value(|a| a.get(i).map(|a| a.label))).unwrap_or_default();
        let count = targets.with(Vec::len);
        if count == 1 { format!("{label}?") } else { format!("{label} for {count} records?") }
    });
    let warning = Memo::new(move |_| asking.get().and_then(|i| actions.with_value(|a| a.get(i).and_then(|a| a.confirm))).unwrap_or(""));
    let confirm_label = move || asking.get().and_then(|i| actions.with_value(|a| a.get(i).map(|a| a.label))).unwrap_or("Confirm");
    view! {
        {buttons}
        {move || {
            let (warning, confirm_label) = (warning.get(), confirm_label());
            view! {
                <ConfirmDialog open=Signal::derive(move || asking.get().is_some()) title=question
                    items=Signal::derive(move || targets.get().into_iter().map(|(_, name)| name).collect()) confirm_label warning
                    pending=running on_confirm=Callback::new(move |_| if let Some(i) = asking.get_untracked() { start(i) })
                    on_cancel=Callback::new(move |_| asking.set(None))/>
            }
        }}
        <SecretDialog secrets=reveal title=reveal_title/>
    }
}
