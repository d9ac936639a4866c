//! The create and edit page of any resource: fields declared by the resource, validation that
//! mirrors the contract, the server's refusals shown at their field or at the top, the input
//! kept on any failure, and the submit button disabled while a save is under way.

use super::load::Task;
use super::form_model::{field_for_message, validate, Field, FieldContext, FieldKind, Loader, Options, Value, Values};
use super::resource::{Form, Kind};
use super::secret::{SecretDialog, Secrets};
use super::status::{ErrorPanel, Loading};
use super::toast::use_toaster;
use crate::api::{use_api, ApiError};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// How a resource is created and edited.
pub struct FormSpec<R> {
    pub fields: fn() -> Vec<Field>,
    /// The values to start from: a record's when editing, defaults when creating.
    pub initial: fn(Option<&R>) -> Values,
    /// The JSON body for the API (create or update).
    pub payload: fn(&Values, bool) -> String,
    /// What the API's answer holds that is shown once (a client secret, a temporary
    /// password); empty for most resources.
    pub secrets: fn(&R) -> Secrets,
    /// Whether records can be changed once created (the API cannot edit users, say).
    pub editable: bool,
    /// Where a new record goes when not to the collection (a workload, to its type's API),
    /// answering its id and name.
    pub submit: Option<Submit>,
}

/// Creates a record from the form's values and JSON body; answers its id and name, and what
/// to show once (a credential's secret as typed).
pub type Submit = fn(crate::api::Api, &Values, String) -> crate::api::Pending<(String, String, Secrets)>;

impl<R> FormSpec<R> {
    /// A form whose records can be created and edited, with no secrets in the answers.
    pub fn new(fields: fn() -> Vec<Field>, initial: fn(Option<&R>) -> Values, payload: fn(&Values, bool) -> String) -> Self {
        FormSpec { fields, initial, payload, secrets: |_| Vec::new(), editable: true, submit: None }
    }
    /// Records are created only.
    pub fn create_only(mut self) -> Self {
        self.editable = false;
        self
    }
    /// New records are made by `submit` rather than posted to the collection.
    pub fn submitted_by(mut self, submit: Submit) -> Self {
        self.submit = Some(submit);
        self
    }
    /// The answer to a create holds secrets to show once.
    pub fn secrets(mut self, secrets: fn(&R) -> Secrets) -> Self {
        self.secrets = secrets;
        self
    }
}

/// Creates (`id == None`) or edits a record of `kind` with `form`.
#[component]
pub fn FormPage(
    /// The resource type.
    kind: Kind,
    /// Its form.
    form: Form,
    /// The record to edit; `None` to create one.
    #[prop(default = None)]
    id: Option<String>,
    /// When creating: the record the new one starts as a copy of.
    #[prop(default = None)]
    from: Option<String>,
) -> impl IntoView {
    let api = use_api();
    let creating = id.is_none();
    let Form { fields, initial, payload, secrets, submit, .. } = form;
    let (noun, list_href) = (kind.noun, format!("/{}", kind.slug));
    let (save_id, editing) = (id.clone(), id.clone());
    let save = Task::new(move |values: &Values| {
        let body = payload(values, creating);
        if let Some(submit) = submit.filter(|_| creating) {
            return submit(api, values, body);
        }
        let saving = kind.save(api, save_id.clone(), body);
        let secrets = secrets.clone();
        Box::pin(async move {
            let saved = saving.await?;
            let id = if kind.detail { saved.id() } else { String::new() };
            Ok::<_, ApiError>((id, saved.name(), secrets(saved.as_ref())))
        })
    });
    let initial = StoredValue::new_local(initial);
    let list_title = kind.title;
    let title = if creating { format!("New {noun}") } else { format!("Edit {noun}") };
    // Editing starts from the record; a copy from the one it copies (whose `initial` gives
    // the copy a new name).
    match id.or(from) {
        None => view! { <FormView title noun list_href list_title fields=fields() initial=initial.with_value(|i| i(None)) editing save/> }.into_any(),
        Some(id) => {
            let load_id = id.clone();
            let record = super::load::load(move || kind.one(api, load_id.clone()));
            let retry = record.retry();
            let body = move || {
                let (id, title, list_href, editing) = (id.clone(), title.clone(), list_href.clone(), editing.clone());
                match record.get() {
                    None => view! { <Loading what=noun/> }.into_any(),
                    Some(Ok(r)) => view! { <FormView title noun list_href list_title fields=fields() initial=initial.with_value(|i| i(Some(r.as_ref()))) editing save/> }.into_any(),
                    Some(Err(error)) => view! {
                        <ErrorPanel error doing=format!("load {noun} {id}") retry>
                            <a class="button" href=crate::util::base::href(&list_href)>"Back to the list"</a>
                        </ErrorPanel>
                    }
                    .into_any(),
                }
            };
            body.into_any()
        }
    }
}

#[component]
fn FormView(
    title: String,
    noun: &'static str,
    list_href: String,
    list_title: &'static str,
    fields: Vec<Field>,
    initial: Values,
    /// The id of the record edited; `None` when creating one.
    editing: Option<String>,
    save: Task<Values, Result<(String, String, Secrets), ApiError>>,
) -> impl IntoView {
    let toaster = use_toaster();
    let location = crate::router::use_location();
    let creating = editing.is_none();
    let values = RwSignal::new(initial);
    let problems = RwSignal::new(BTreeMap::<&'static str, String>::new());
    let top_error = RwSignal::new(None::<String>);
    let fields = StoredValue::new(fields);
    let pending = save.pending();

    // Secrets in the answer are shown once, then the page moves on to the record.
    let reveal = RwSignal::new(None::<Secrets>);
    let reveal_title = RwSignal::new(String::new());
    let saved_at = StoredValue::new(String::new());
    let go_to_record = Callback::new(move |_| location.go(&saved_at.get_value(), false));
    // The server's answer: on success go to the record; on failure keep everything typed.
    let back = list_href.clone();
    Effect::new(move |_| {
        let Some(result) = save.outcome() else { return };
        match result {
            Ok((id, name, secrets)) => {
                let done = format!("{} {name} {}.", crate::util::capitalized(noun), if creating { "created" } else { "saved" });
                toaster.success(done.clone());
                let record = if id.is_empty() { back.clone() } else { format!("{back}/{id}") };
                saved_at.set_value(record.clone());
                if secrets.is_empty() {
                    location.go(&record, false);
                } else {
                    reveal_title.set(done);
                    reveal.set(Some(secrets));
                }
            }
            Err(error) => {
                let message = error.explain(&format!("save the {noun}"));
                let (status, said, details) = match &error {
                    ApiError::Status { status, message, details, .. } => (Some(*status), message.clone(), details.clone().unwrap_or_default()),
                    _ => (None, String::new(), String::new()),
                };
                // Refusals naming fields (`compute.gpuDevicesRequest: value must be ...`, as a
                // policy's are) land at each field; a message naming one, at that one.
                let named: Vec<(&'static str, String)> = fields.with_value(|f| {
                    let field = |path: &str| f.iter().find(|f| path.rsplit('.').next() == Some(f.key)).map(|f| f.key);
                    details.lines().filter_map(|l| l.split_once(": ")).filter_map(|(path, why)| Some((field(path)?, format!("Policy: {why}.")))).collect()
                });
                let field = fields.with_value(|f| field_for_message(f, status, &said).map(|f| f.key)).filter(|_| named.is_empty());
                problems.update(|p| {
                    p.extend(named);
                    if let Some(key) = field {
                        p.insert(key, if said.is_empty() { message.clone() } else { said.clone() });
                    }
                });
                top_error.set(Some(message));
            }
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // A second click before the first save is answered sends nothing.
        if pending.get_untracked() {
            return;
        }
        let current = values.get_untracked();
        let found = fields.with_value(|f| validate(f, &current, creating));
        top_error.set(None);
        if !found.is_empty() {
            // The first in screen order, which is the order the fields are declared in.
            focus_first_error(fields.with_value(|f| f.iter().map(|f| f.key).find(|k| found.contains_key(k))));
            problems.set(found);
            top_error.set(Some("Some fields need attention.".into()));
            return;
        }
        problems.set(BTreeMap::new());
        save.dispatch(current);
    };

    let form_fields = fields.with_value(|fields| fields.iter().map(|field| field_view(field, values, problems, &editing)).collect_view());
    view! {
        <section class="page form-page" aria-labelledby="page-title">
            <nav class="breadcrumb" aria-label="Breadcrumb"><a href=crate::util::base::href(&list_href)>{list_title}</a></nav>
            <h1 id="page-title">{title}</h1>
            <form class="card form" on:submit=submit novalidate=true>
                {move || top_error.get().map(|e| view! { <p class="error-panel" role="alert" data-testid="form-error">{e}</p> })}
                {form_fields}
                <div class="actions">
                    <button class="button primary" type="submit" disabled=pending>
                        {move || if pending.get() { "Saving…" } else if creating { "Create" } else { "Save" }}
                    </button>
                    <a class="button" href=crate::util::base::href(&list_href)>"Cancel"</a>
                </div>
            </form>
            <SecretDialog secrets=reveal title=reveal_title on_close=go_to_record/>
        </section>
    }
}

fn focus_first_error(key: Option<&str>) {
    let Some(key) = key else { return };
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(element) = document.and_then(|d| d.get_element_by_id(&format!("field-{key}"))) {
        use wasm_bindgen::JsCast;
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    }
}

fn field_view(field: &Field, values: RwSignal<Values>, problems: RwSignal<BTreeMap<&'static str, String>>, editing: &Option<String>) -> AnyView {
    let creating = editing.is_none();
    let key = field.key;
    let id = format!("field-{key}");
    let error_id = format!("error-{key}");
    let fixed = field.create_only && !creating;
    let read_only = Signal::derive(move || fixed || values.with(|v| v.locked(key)));
    let text = move || values.with(|v| v.raw(key));
    let set_text = move |ev: leptos::ev::Event| {
        values.update(|v| v.typed(key, Value::Text(event_target_value(&ev))));
        problems.update(|p| {
            p.remove(key);
        });
    };
    let invalid = move || problems.with(|p| p.contains_key(key)).to_string();
    let parent = field.depends_on.map(|p| (p, Memo::new(move |_| values.with(|v| v.raw(p).trim().to_owned()))));
    let input = match &field.kind {
        FieldKind::Text { max, .. } => view! {
            <input id=id.clone() type=if field.masked { "password" } else { "text" } autocomplete="off" maxlength=max.to_string() spellcheck="false" readonly=read_only
                aria-invalid=invalid aria-describedby=error_id.clone() prop:value=text on:input=set_text/>
        }
        .into_any(),
        FieldKind::LongText { .. } => view! {
            <textarea id=id.clone() rows="3" aria-invalid=invalid aria-describedby=error_id.clone() prop:value=text on:input=set_text></textarea>
        }
        .into_any(),
        FieldKind::Whole { min, max } => view! {
            <input id=id.clone() type="number" step="1" min=min.to_string() max=max.to_string() readonly=read_only
                aria-invalid=invalid aria-describedby=error_id.clone() prop:value=text on:input=set_text/>
        }
        .into_any(),
        FieldKind::List => view! {
            <input id=id.clone() type="text" placeholder="comma-separated" aria-invalid=invalid aria-describedby=error_id.clone() prop:value=text on:input=set_text/>
        }
        .into_any(),
        FieldKind::Flag => view! {
            <input id=id.clone() type="checkbox" prop:checked=move || values.with(|v| v.raw_flag(key))
                on:change=move |ev| values.update(|v| v.set(key, Value::Flag(event_target_checked(&ev))))/>
        }
        .into_any(),
        FieldKind::Choice(options) => {
            let options: Options = options.iter().map(|(value, label)| (value.to_string(), label.to_string())).collect();
            select_view(id.clone(), Signal::derive(move || Some(options.clone())), text, set_text, read_only)
        }
        FieldKind::Reference { load, search } => reference_view(id.clone(), *load, *search, parent, text, set_text, read_only),
        FieldKind::Custom { render, .. } => {
            let parent = Signal::derive(move || parent.map(|(_, p)| p.get()).unwrap_or_default());
            render(FieldContext { values, key, parent, editing: editing.clone() })
        }
    };
    let shown_for = field.shown_for;
    let hidden = move || shown_for.is_some_and(|(choice, among)| values.with(|v| !among.contains(&v.raw(choice).as_str())));
    view! {
        <div class=format!("form-field field-{}", key) data-field=key hidden=hidden>
            <label for=id>{field.label}{field.required.then_some(" *")}</label>
            {input}
            {(!field.help.is_empty()).then(|| view! { <p class="hint">{field.help}</p> })}
            {move || values.with(|v| v.origin(key)).map(|from| view! { <p class="hint origin" data-testid="origin">{format!("From {from}")}</p> })}
            {move || values.with(|v| v.limit(key).map(|(rule, at)| if v.locked(key) { format!("Locked by the policy set at {at}.") } else { format!("Policy ({at}): {rule}") }))
                .map(|said| view! { <p class="hint" data-testid="rule">{said}</p> })}
            <p class="error-text" id=error_id role="alert">{move || problems.with(|p| p.get(key).cloned())}</p>
        </div>
    }
    .into_any()
}

fn select_view(id: String, options: Signal<Option<Options>>, value: impl Fn() -> String + Copy + Send + Sync + 'static, on_change: impl Fn(leptos::ev::Event) + 'static, read_only: Signal<bool>) -> AnyView {
    view! {
        <select id=id disabled=read_only on:change=on_change prop:value=value>
            {move || match options.get() {
                None => view! { <option value="">"Loading…"</option> }.into_any(),
                Some(options) => {
                    let current = value();
                    let choose = current.is_empty().then(|| view! { <option value="" selected=true>"Choose…"</option> });
                    let items = options.into_iter().map(|(v, label)| {
                        let selected = v == current;
                        view! { <option value=v selected=selected>{label}</option> }
                    }).collect_view();
                    view! { {choose}{items} }.into_any()
                }
            }}
        </select>
    }
    .into_any()
}

/// A choice among records the API lists: loaded by the field's loader (again when the field
/// it depends on changes, or as the operator types a search), with the failure and a retry
/// shown at the field instead of an empty list.
fn reference_view(
    id: String,
    load: Loader,
    search: bool,
    parent: Option<(&'static str, Memo<String>)>,
    value: impl Fn() -> String + Copy + Send + Sync + 'static,
    on_change: impl Fn(leptos::ev::Event) + 'static,
    read_only: Signal<bool>,
) -> AnyView {
    let api = use_api();
    let typed = RwSignal::new(String::new());
    let options = super::load::load(move || {
        let parent = parent.map(|(_, p)| p.get());
        let typed = typed.get();
        Box::pin(async move {
            match parent {
                // Nothing to list until the field this one follows is chosen.
                Some(p) if p.is_empty() => Ok(Vec::new()),
                p => load(api, p.unwrap_or_default(), typed).await,
            }
        })
    });
    let failure = move || options.err();
    let shown = Signal::derive(move || options.get().map(|r| r.unwrap_or_default()));
    let finder = search.then(|| {
        let timer = StoredValue::new(None::<TimeoutHandle>);
        on_cleanup(move || {
            if let Some(t) = timer.try_get_value().flatten() {
                t.clear();
            }
        });
        let on_input = move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            if let Some(t) = timer.get_value() {
                t.clear();
            }
            // Ask the server after a pause in typing, not on every key.
            let handle = set_timeout_with_handle(move || { typed.try_set(text); }, std::time::Duration::from_millis(300)).ok();
            timer.set_value(handle);
        };
        view! { <input type="search" class="search" placeholder="Type to search" aria-label=format!("Search {id}") disabled=read_only on:input=on_input/> }
    });
    let waiting_for = parent.map(|(name, p)| (name, p));
    view! {
        {finder}
        {select_view(id, shown, value, on_change, read_only)}
        {move || waiting_for.filter(|(_, p)| p.with(String::is_empty)).map(|(name, _)| view! { <p class="hint">{format!("Choose the {name} first.")}</p> })}
        {move || failure().map(|error| super::status::field_error(error.explain("load the choices"), Box::new(move || options.reload())))}
    }
    .into_any()
}
