//! Service accounts, and their deprecated predecessor, applications: list, create (client ID
//! and secret shown once), enable or disable, regenerate the secret (shown once), delete.

use super::{access_rules, ResourceEntry};
use crate::api::filter::{Filter, Op};
use crate::api::iam::{App, ServiceAccount};
use crate::api::ApiResource;
use crate::api::{use_api, ApiError};
use crate::auth::use_session;
use crate::components::cell::{Cell, Tone};
use crate::components::detail::{ResourceDetail, Section, SectionBody};
use crate::components::form::{FormPage, FormSpec};
use crate::components::form_model::{Field, FieldKind, Value, Values};
use crate::components::list::{Column, ListActions, ResourceTable};
use crate::components::list_state::ListState;
use crate::components::secret::{SecretDialog, Secrets};
use crate::components::toast::use_toaster;
use crate::api::Method;
use leptos::prelude::*;

const PERMISSION: &str = "service-account";

pub const ENTRY: ResourceEntry = ResourceEntry {
    slug: "service-accounts",
    title: "Service accounts",
    group: "Access",
    permission: PERMISSION,
    tenant_wide: true,
    list: || {
        let actions = ListActions { edit_base: None, ..ListActions::allowed(PERMISSION, "/service-accounts") };
        view! {
            <ResourceTable<ServiceAccount> title="Service accounts" noun="service accounts" columns=columns()
                href=|a: &ServiceAccount| format!("/service-accounts/{}", a.id) details=sections actions state=ListState::in_url()/>
        }
        .into_any()
    },
    detail: Some(|id| {
        view! { <ResourceDetail<ServiceAccount> id noun="service account" list_href="/service-accounts" list_title="Service accounts" sections permission=PERMISSION editable=false/> }
            .into_any()
    }),
    form: Some(|id| view! { <FormPage<ServiceAccount> spec=form("service account", "/service-accounts") id/> }.into_any()),
};

/// Applications: deprecated by Run:ai in favour of service accounts; shown for tenants that
/// still have them.
pub const APPLICATIONS: ResourceEntry = ResourceEntry {
    slug: "applications",
    title: "Applications (deprecated)",
    group: "Access",
    permission: "apps",
    tenant_wide: true,
    list: || {
        let actions = ListActions { edit_base: None, ..ListActions::allowed("apps", "/applications") };
        view! {
            <p class="notice">"Applications are deprecated: Run:ai replaced them with service accounts. Create service accounts instead."</p>
            <ResourceTable<App> title="Applications (deprecated)" noun="applications" columns=columns()
                href=|a: &App| format!("/applications/{}", a.0.id) details=sections actions state=ListState::in_url()/>
        }
        .into_any()
    },
    detail: Some(|id| {
        view! { <ResourceDetail<App> id noun="application" list_href="/applications" list_title="Applications (deprecated)" sections permission="apps" editable=false/> }
            .into_any()
    }),
    form: Some(|id| view! { <FormPage<App> spec=form("application", "/applications") id/> }.into_any()),
};

fn enabled<R: AsRef<ServiceAccount>>(a: &R) -> Cell {
    let a = a.as_ref();
    match a.enabled {
        Some(true) => Cell::Status { label: "Enabled".into(), tone: Tone::Good },
        Some(false) => Cell::Status { label: "Disabled".into(), tone: Tone::Neutral },
        None => Cell::Missing,
    }
}

fn last_login<R: AsRef<ServiceAccount>>(a: &R) -> Cell {
    a.as_ref().last_login.as_deref().map_or(Cell::Text("Never".into()), |t| Cell::Ago(t.into()))
}

pub fn columns<R: ApiResource + AsRef<ServiceAccount>>() -> Vec<Column<R>> {
    let column = Column::<R>::new;
    vec![
        column("name", "Name", |a| Cell::Text(a.as_ref().name.clone())),
        column("clientId", "Client ID", |a| Cell::opt(a.as_ref().client_id.as_deref())),
        column("status", "Status", enabled),
        column("lastLogin", "Last signed in", last_login),
        column("createdBy", "Created by", |a| Cell::opt(a.as_ref().created_by.as_deref())),
        column("created", "Created", |a| Cell::opt_time(a.as_ref().created_at.as_deref())),
    ]
}

/// A kind of machine identity: service accounts and applications differ only in where the
/// API keeps them and which permission governs them.
pub trait Identity: ApiResource + AsRef<ServiceAccount> {
    const BASE: &'static str;
    const PERMISSION: &'static str;
}

impl Identity for ServiceAccount {
    const BASE: &'static str = "/api/v1/service-accounts";
    const PERMISSION: &'static str = PERMISSION;
}

impl Identity for App {
    const BASE: &'static str = "/api/v1/apps";
    const PERMISSION: &'static str = "apps";
}

fn sections<R: Identity>(account: &R) -> Vec<Section> {
    let a = account.as_ref();
    let render = credentials_of::<R>;
    vec![
        Section {
            title: "Overview",
            body: SectionBody::Fields(vec![
                ("Client ID", Cell::opt(a.client_id.as_deref())),
                ("Status", enabled(a)),
                ("Last signed in", last_login(a)),
                ("Created by", Cell::opt(a.created_by.as_deref())),
                ("Created", Cell::opt_time(a.created_at.as_deref())),
                ("Updated", Cell::opt_time(a.updated_at.as_deref())),
            ]),
        },
        Section { title: "Credentials", body: SectionBody::Related { id: format!("{}\n{}", a.id, a.enabled.unwrap_or(true)), render } },
        Section { title: "Access rules", body: SectionBody::Related { id: a.client_id.clone().unwrap_or_default(), render: rules_of } },
    ]
}

fn rules_of(client_id: String) -> AnyView {
    access_rules::table(vec![Filter { field: "subjectId".into(), op: Op::Eq, value: client_id }], ListState::local(), true)
}

fn credentials_of<R: Identity>(key: String) -> AnyView {
    credentials(R::BASE, R::PERMISSION, key)
}

/// Enable or disable, and regenerate the secret (shown once). `key` is "<id>\n<enabled>".
fn credentials(base: &'static str, permission: &'static str, key: String) -> AnyView {
    #[derive(Clone, serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct NewSecret {
        #[serde(alias = "secret")]
        client_secret: String,
    }
    let (id, was_enabled) = key.split_once('\n').map_or((key.clone(), true), |(id, e)| (id.to_owned(), e == "true"));
    let (api, toaster) = (use_api(), use_toaster());
    let allowed = use_session().can(permission, "update");
    let enabled = RwSignal::new(was_enabled);
    let reveal = RwSignal::new(None::<Secrets>);
    let secret_path = format!("{base}/{id}/secret");
    let regenerate = Action::new_local(move |_: &()| {
        let path = secret_path.clone();
        async move { api.write::<NewSecret>(Method::POST, &path, None).await }
    });
    let toggle = Action::new_local(move |on: &bool| {
        let (path, body) = (format!("{base}/{id}"), format!(r#"{{"enabled":{on}}}"#));
        let on = *on;
        async move { api.write_ignoring_body(Method::PATCH, &path, Some(body)).await.map(|()| on) }
    });
    Effect::new(move |_| match regenerate.value().get() {
        Some(Ok(answer)) => reveal.set(Some(vec![("New client secret", answer.client_secret)])),
        Some(Err(e)) => toaster.failure(e.explain("regenerate the secret")),
        None => {}
    });
    Effect::new(move |_| match toggle.value().get() {
        Some(Ok(on)) => {
            enabled.set(on);
            toaster.success(if on { "The service account is enabled." } else { "The service account is disabled." });
        }
        Some(Err::<bool, ApiError>(e)) => toaster.failure(e.explain("change the service account")),
        None => {}
    });
    let why = (!allowed).then_some("You do not have permission to change service accounts.");
    view! {
        <div class="toolbar">
            <button class="button" disabled=!allowed title=why on:click=move |_| { toggle.dispatch(!enabled.get_untracked()); }>
                {move || if enabled.get() { "Disable" } else { "Enable" }}
            </button>
            <button class="button" disabled=!allowed title=why on:click=move |_| { regenerate.dispatch(()); }>"Regenerate secret"</button>
        </div>
        <p class="hint">"Regenerating makes the old secret stop working at once."</p>
        <SecretDialog secrets=reveal title="New client secret".to_string()/>
    }
    .into_any()
}

fn form<R: ApiResource + AsRef<ServiceAccount>>(noun: &'static str, list_href: &'static str) -> FormSpec<R> {
    FormSpec {
        noun,
        list_href,
        fields: || {
            vec![Field::new("name", "Name", FieldKind::Text { max: 255, kubernetes: false })
                .required()
                .create_only()
                .help("Starts with a lowercase letter; lowercase letters, digits, '-' and '_'. It becomes the client ID.")]
        },
        initial: |a| {
            let mut v = Values::default();
            v.set("name", Value::Text(a.map(|a| a.as_ref().name.clone()).unwrap_or_default()));
            v
        },
        payload: |v, _| serde_json::json!({ "name": v.text("name") }).to_string(),
        secrets: |a| {
            let a = a.as_ref();
            match &a.client_secret {
                Some(secret) => vec![("Client ID", a.client_id.clone().unwrap_or_else(|| a.name.clone())), ("Client secret", secret.clone())],
                None => Vec::new(),
            }
        },
        has_detail: true,
    }
}
