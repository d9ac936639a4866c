//! The create and edit page of any resource: fields declared by the resource, validation that
//! mirrors the contract, the server's refusals shown at their field or at the top, the input
//! kept on any failure, and the submit button disabled while a save is under way.

use super::form_model::{field_for_message, validate, Field, FieldKind, QuotaRow, Value, Values};
use super::quota_editor::QuotaEditor;
use super::secret::{SecretDialog, Secrets};
use super::status::{ErrorPanel, Loading};
use super::toast::use_toaster;
use crate::api::clusters::Cluster;
use crate::api::departments::Department;
use crate::api::iam::Role;
use crate::api::projects::Project;
use crate::api::filter::{Filter, Op};
use crate::api::list::ListQuery;
use crate::api::nodepools::NodePool;
use crate::api::{use_api, ApiError, ApiResource};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::collections::BTreeMap;

/// How a resource is created and edited.
pub struct FormSpec<R> {
    /// Singular noun, e.g. "project".
    pub noun: &'static str,
    /// The list page, e.g. "/projects" (records are at `<list>/<id>`).
    pub list_href: &'static str,
    pub fields: fn() -> Vec<Field>,
    /// The values to start from: a record's when editing, defaults when creating.
    pub initial: fn(Option<&R>) -> Values,
    /// The JSON body for the API (create or update).
    pub payload: fn(&Values, bool) -> String,
    /// What the API's answer holds that is shown once (a client secret, a temporary
    /// password); empty for most resources.
    pub secrets: fn(&R) -> Secrets,
    /// Whether records have a detail page to go to after saving (else the list).
    pub has_detail: bool,
}

/// Creates (`id == None`) or edits an `R`.
#[component]
pub fn FormPage<R: ApiResource>(spec: FormSpec<R>, #[prop(default = None)] id: Option<String>) -> impl IntoView {
    let api = use_api();
    let creating = id.is_none();
    let FormSpec { noun, list_href, fields, initial, payload, secrets, has_detail } = spec;
    let save_id = id.clone();
    let save = Action::new_local(move |values: &Values| {
        let body = payload(values, creating);
        let id = save_id.clone();
        async move {
            let saved = match id {
                None => api.create::<R>(body).await?,
                Some(id) => api.update::<R>(&id, body).await?,
            };
            let id = if has_detail { saved.id() } else { String::new() };
            Ok::<_, ApiError>((id, saved.name(), secrets(&saved)))
        }
    });
    let title = if creating { format!("New {noun}") } else { format!("Edit {noun}") };
    match id {
        None => view! { <FormView title noun list_href fields=fields() initial=initial(None) creating save/> }.into_any(),
        Some(id) => {
            let load_id = id.clone();
            let record = LocalResource::new(move || {
                let id = load_id.clone();
                async move { api.fetch_one::<R>(&id).await }
            });
            // Outside the Suspend below, which disposes what it creates on every reload.
            let retry = Callback::new(move |_| record.refetch());
            let body = move || {
                let (id, title) = (id.clone(), title.clone());
                Suspend::new(async move {
                    match record.await {
                        Ok(r) => view! { <FormView title noun list_href fields=fields() initial=initial(Some(&r)) creating save/> }.into_any(),
                        Err(error) => view! {
                            <ErrorPanel error doing=format!("load {noun} {id}") retry>
                                <a class="button" href=list_href>"Back to the list"</a>
                            </ErrorPanel>
                        }
                        .into_any(),
                    }
                })
            };
            view! { <Transition fallback=move || view! { <Loading what=noun/> }>{body}</Transition> }.into_any()
        }
    }
}

#[component]
fn FormView(
    title: String,
    noun: &'static str,
    list_href: &'static str,
    fields: Vec<Field>,
    initial: Values,
    creating: bool,
    save: Action<Values, Result<(String, String, Secrets), ApiError>>,
) -> impl IntoView {
    let toaster = use_toaster();
    let navigate = use_navigate();
    let values = RwSignal::new(initial.clone());
    let quotas = RwSignal::new(initial.quotas("resources"));
    let problems = RwSignal::new(BTreeMap::<&'static str, String>::new());
    let top_error = RwSignal::new(None::<String>);
    let fields = StoredValue::new(fields);
    let pending = save.pending();

    // Secrets in the answer are shown once, then the page moves on to the record.
    let reveal = RwSignal::new(None::<Secrets>);
    let reveal_title = RwSignal::new(String::new());
    let saved_at = StoredValue::new(String::new());
    let go_to_record = {
        let navigate = navigate.clone();
        Callback::new(move |_| navigate(&saved_at.get_value(), Default::default()))
    };
    // The server's answer: on success go to the record; on failure keep everything typed.
    Effect::new(move |_| {
        let Some(result) = save.value().get() else { return };
        match result {
            Ok((id, name, secrets)) => {
                let done = format!("{} {name} {}.", capitalized(noun), if creating { "created" } else { "saved" });
                toaster.success(done.clone());
                let record = if id.is_empty() { list_href.to_owned() } else { format!("{list_href}/{id}") };
                saved_at.set_value(record.clone());
                if secrets.is_empty() {
                    navigate(&record, Default::default());
                } else {
                    reveal_title.set(done);
                    reveal.set(Some(secrets));
                }
            }
            Err(error) => {
                let message = error.explain(&format!("save the {noun}"));
                let (status, said) = match &error {
                    ApiError::Status { status, message, .. } => (Some(*status), message.clone()),
                    _ => (None, String::new()),
                };
                let field = fields.with_value(|f| field_for_message(f, status, &said).map(|f| f.key));
                if let Some(key) = field {
                    problems.update(|p| {
                        p.insert(key, if said.is_empty() { message.clone() } else { said.clone() });
                    });
                }
                top_error.set(Some(message));
            }
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut current = values.get_untracked();
        current.set("resources", Value::Quotas(quotas.get_untracked()));
        let found = fields.with_value(|f| validate(f, &current, creating));
        top_error.set(None);
        if !found.is_empty() {
            focus_first_error(found.keys().next().copied());
            problems.set(found);
            top_error.set(Some("Some fields need attention.".into()));
            return;
        }
        problems.set(BTreeMap::new());
        save.dispatch(current);
    };

    let cluster = Memo::new(move |_| values.with(|v| v.text("cluster")));
    let form_fields = fields.with_value(|fields| {
        fields
            .iter()
            .map(|field| field_view(field, values, quotas, problems, cluster, creating))
            .collect_view()
    });
    view! {
        <section class="page form-page" aria-labelledby="page-title">
            <nav class="breadcrumb" aria-label="Breadcrumb"><a href=list_href>{format!("{}s", capitalized(noun))}</a></nav>
            <h1 id="page-title">{title}</h1>
            <form class="card form" on:submit=submit novalidate=true>
                {move || top_error.get().map(|e| view! { <p class="error-panel" role="alert" data-testid="form-error">{e}</p> })}
                {form_fields}
                <div class="actions">
                    <button class="button primary" type="submit" disabled=pending>
                        {move || if pending.get() { "Saving…" } else if creating { "Create" } else { "Save" }}
                    </button>
                    <a class="button" href=list_href>"Cancel"</a>
                </div>
            </form>
            <SecretDialog secrets=reveal title=reveal_title on_close=go_to_record/>
        </section>
    }
}

fn capitalized(noun: &str) -> String {
    let mut chars = noun.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
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

fn field_view(
    field: &Field,
    values: RwSignal<Values>,
    quotas: RwSignal<Vec<QuotaRow>>,
    problems: RwSignal<BTreeMap<&'static str, String>>,
    cluster: Memo<String>,
    creating: bool,
) -> AnyView {
    let key = field.key;
    let id = format!("field-{key}");
    let error_id = format!("error-{key}");
    let read_only = field.create_only && !creating;
    let text = move || values.with(|v| v.raw(key));
    let set_text = move |ev: leptos::ev::Event| {
        values.update(|v| v.set(key, Value::Text(event_target_value(&ev))));
        problems.update(|p| {
            p.remove(key);
        });
    };
    let invalid = move || problems.with(|p| p.contains_key(key)).to_string();
    let input = match &field.kind {
        FieldKind::Text { max, .. } => view! {
            <input id=id.clone() type="text" maxlength=max.to_string() spellcheck="false" readonly=read_only
                aria-invalid=invalid aria-describedby=error_id.clone() prop:value=text on:input=set_text/>
        }
        .into_any(),
        FieldKind::LongText => view! {
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
            <input id=id.clone() type="checkbox" prop:checked=move || values.with(|v| v.flag(key))
                on:change=move |ev| values.update(|v| v.set(key, Value::Flag(event_target_checked(&ev))))/>
        }
        .into_any(),
        FieldKind::Choice(options) => {
            let options: Vec<(String, String)> = options.iter().map(|(value, label)| (value.to_string(), label.to_string())).collect();
            select_view(id.clone(), Signal::derive(move || Some(options.clone())), text, set_text, read_only)
        }
        FieldKind::Cluster => select_view(id.clone(), cluster_options(), text, set_text, read_only),
        FieldKind::Department => select_view(id.clone(), department_options(cluster), text, set_text, read_only),
        FieldKind::Quotas => view! { <QuotaEditor rows=quotas pools=pool_options(cluster)/> }.into_any(),
        FieldKind::Role => select_view(id.clone(), role_options(), text, set_text, read_only),
        FieldKind::Scope => select_view(id.clone(), scope_options(), text, set_text, read_only),
    };
    view! {
        <div class=format!("form-field field-{}", key) data-field=key>
            <label for=id>{field.label}{field.required.then_some(" *")}</label>
            {input}
            {(!field.help.is_empty()).then(|| view! { <p class="hint">{field.help}</p> })}
            <p class="error-text" id=error_id role="alert">{move || problems.with(|p| p.get(key).cloned())}</p>
        </div>
    }
    .into_any()
}

type Options = Option<Vec<(String, String)>>;

fn select_view(id: String, options: Signal<Options>, value: impl Fn() -> String + Copy + Send + Sync + 'static, on_change: impl Fn(leptos::ev::Event) + 'static, read_only: bool) -> AnyView {
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

/// The tenant's clusters, as (uuid, name).
fn cluster_options() -> Signal<Options> {
    let api = use_api();
    let clusters = LocalResource::new(move || async move { api.list::<Cluster>().await });
    Signal::derive(move || clusters.get().map(|r| r.map(|cs| cs.into_iter().map(|c| (c.uuid, c.name)).collect()).unwrap_or_default()))
}

fn in_cluster(field: &str, cluster: String) -> ListQuery {
    ListQuery { limit: 500, filters: vec![Filter { field: field.into(), op: Op::Eq, value: cluster }], ..ListQuery::default() }
}

/// The chosen cluster's departments, as (id, name).
fn department_options(cluster: Memo<String>) -> Signal<Options> {
    let api = use_api();
    let departments = LocalResource::new(move || {
        let cluster = cluster.get();
        async move {
            if cluster.is_empty() {
                return Ok(Vec::new());
            }
            api.page::<Department>(&in_cluster("clusterId", cluster)).await.map(|p| p.items)
        }
    });
    Signal::derive(move || departments.get().map(|r| r.map(|ds| ds.into_iter().map(|d| (d.id, d.name)).collect()).unwrap_or_default()))
}

/// The chosen cluster's node pools.
fn pool_options(cluster: Memo<String>) -> Signal<Option<Vec<NodePool>>> {
    let api = use_api();
    let pools = LocalResource::new(move || {
        let cluster = cluster.get();
        async move {
            if cluster.is_empty() {
                return Ok(Vec::new());
            }
            api.page::<NodePool>(&in_cluster("clusterId", cluster)).await.map(|p| p.items)
        }
    });
    Signal::derive(move || pools.get().map(|r| r.unwrap_or_default()))
}

/// The roles, as (id, name).
fn role_options() -> Signal<Options> {
    let api = use_api();
    let roles = LocalResource::new(move || async move { api.list::<Role>().await });
    Signal::derive(move || roles.get().map(|r| r.map(|rs| rs.into_iter().map(|r| (r.id.to_string(), r.name)).collect()).unwrap_or_default()))
}

/// The organization tree as scopes to grant a role in: the tenant (as the control plane names
/// it in permitted scopes), clusters, departments and projects.
fn scope_options() -> Signal<Options> {
    let api = use_api();
    let scopes = LocalResource::new(move || async move {
        let everything = ListQuery { limit: 500, ..ListQuery::default() };
        let permitted = api.permitted_scopes("access_rules", "create").await.ok();
        let mut options: Vec<(String, String)> = permitted
            .map(|p| p.tenants)
            .unwrap_or_default()
            .into_iter()
            .map(|t| (format!("tenant:{t}"), "Tenant (everything)".to_owned()))
            .collect();
        let clusters = api.list::<Cluster>().await.unwrap_or_default();
        let cluster_name = |id: &str| clusters.iter().find(|c| c.uuid == id).map_or(id.to_owned(), |c| c.name.clone());
        options.extend(clusters.iter().map(|c| (format!("cluster:{}", c.uuid), format!("Cluster {}", c.name))));
        let departments = api.page::<Department>(&everything).await.map(|p| p.items).unwrap_or_default();
        options.extend(departments.iter().map(|d| (format!("department:{}", d.id), format!("Department {} / {}", cluster_name(&d.cluster_id), d.name))));
        let projects = api.page::<Project>(&everything).await.map(|p| p.items).unwrap_or_default();
        options.extend(projects.iter().map(|p| {
            let department = p.parent.as_ref().map_or("", |d| d.name.as_str());
            (format!("project:{}", p.id), format!("Project {} / {department} / {}", cluster_name(&p.cluster_id), p.name))
        }));
        options
    });
    Signal::derive(move || scopes.get())
}
