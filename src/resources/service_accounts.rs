//! Service accounts, and their deprecated predecessor, applications: list, create (client ID
//! and secret shown once), enable or disable, regenerate the secret (shown once), delete.

use crate::api::authorization::{Action, ResourceType};
use crate::api::iam::{AccessRule, App, Credentialed, ServiceAccount};
use crate::components::actions::{Outcome, RecordAction};
use crate::components::cell::{Cell, Tone};
use crate::components::detail::{Section, SectionBody};
use crate::components::form::FormSpec;
use crate::components::form_model::{Field, Key, Values};
use crate::components::list::Column;
use crate::components::resource::{related, Resource};
use leptos::prelude::*;

/// Service accounts and applications share every page; only their places and names differ.
macro_rules! identity_pages {
    () => {
        fn columns() -> Vec<Column<Self>> {
            columns()
        }
        fn sections(&self) -> Vec<Section> {
            sections(self)
        }
        fn form() -> Option<FormSpec<Self>> {
            Some(form())
        }
        fn actions() -> Vec<RecordAction<Self>> {
            actions()
        }
        fn created(&self) -> Option<&str> {
            self.as_ref().created_at.as_deref()
        }
    };
}

impl Resource for ServiceAccount {
    const SLUG: &'static str = "service-accounts";
    const TITLE: &'static str = "Service accounts";
    const NOUN: &'static str = "service account";
    const PLURAL: &'static str = "service accounts";
    const GROUP: &'static str = "Access";
    const PERMISSION: Option<ResourceType> = Some(ResourceType::ServiceAccount);
    const TENANT_WIDE: bool = true;

    identity_pages!();
}

/// Applications: deprecated by Run:ai in favour of service accounts; shown for tenants that
/// still have them.
impl Resource for App {
    const SLUG: &'static str = "applications";
    const TITLE: &'static str = "Applications (deprecated)";
    const NOUN: &'static str = "application";
    const PLURAL: &'static str = "applications";
    const GROUP: &'static str = "Access";
    const PERMISSION: Option<ResourceType> = Some(ResourceType::Apps);
    const TENANT_WIDE: bool = true;
    const NOTICE: Option<&'static str> = Some("Applications are deprecated: Run:ai replaced them with service accounts. Create service accounts instead.");

    identity_pages!();
}

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

fn columns<R: Credentialed + Resource>() -> Vec<Column<R>> {
    let column = Column::<R>::new;
    vec![
        Column::name("Name"),
        column("clientId", "Client ID", |a| Cell::opt(a.as_ref().client_id.as_deref())),
        column("status", "Status", enabled),
        column("lastLogin", "Last signed in", last_login),
        column("createdBy", "Created by", |a| Cell::opt(a.as_ref().created_by.as_deref())),
        Column::created(),
    ]
}

fn sections<R: Credentialed>(account: &R) -> Vec<Section> {
    let a = account.as_ref();
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
        Section { title: "Access rules", body: SectionBody::Related { id: a.client_id.clone().unwrap_or_default(), render: rules_of } },
    ]
}

fn rules_of(client_id: String) -> AnyView {
    related::<AccessRule>("subjectId", client_id)
}

/// Enable, disable, and regenerate the secret (shown once, after confirmation).
fn actions<R: Credentialed>() -> Vec<RecordAction<R>> {
    fn switch<R: Credentialed>(api: crate::api::Api, account: &R, on: bool) -> crate::api::Pending<Outcome> {
        let id = account.id();
        Box::pin(async move {
            api.set_enabled::<R>(&id, on).await?;
            Ok(Outcome::Done(if on { "The service account is enabled." } else { "The service account is disabled." }.into()))
        })
    }
    vec![
        RecordAction::new("Enable", Action::Update, |api, a: &R| switch(api, a, true)).when(|a: &R| a.as_ref().enabled == Some(false)).bulk(),
        RecordAction::new("Disable", Action::Update, |api, a: &R| switch(api, a, false)).when(|a: &R| a.as_ref().enabled != Some(false)).bulk(),
        RecordAction::new("Regenerate secret", Action::Update, |api, a: &R| {
            let id = a.id();
            Box::pin(async move { Ok(Outcome::Reveal("New client secret", vec![("New client secret", api.regenerate_secret::<R>(&id).await?)])) })
        })
        .confirm("The current secret stops working at once; whatever signs in with it must be given the new one."),
    ]
}

const NAME: Key<String> = Key::new("name");

fn form<R: Credentialed>() -> FormSpec<R> {
    let fields = || {
        vec![Field::text(NAME, "Name", 255)
            .required()
            .create_only()
            .help("Starts with a lowercase letter; lowercase letters, digits, '-' and '_'. It becomes the client ID.")]
    };
    let payload = |v: &Values, _| {
        let mut body = String::new();
        crate::api::json::write_object(&mut body, &[("name", &v.get(NAME))]);
        body
    };
    FormSpec::new(fields, |_| Values::default(), payload).create_only().secrets(|a| {
        let a = a.as_ref();
        match &a.client_secret {
            Some(secret) => vec![("Client ID", a.client_id.clone().unwrap_or_else(|| a.name.clone())), ("Client secret", secret.clone())],
            None => Vec::new(),
        }
    })
}
