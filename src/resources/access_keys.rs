//! Access keys: personal client credentials that act as their owner. "My access keys" for
//! everyone (create with the secret shown once, delete), and every user's keys for
//! administrators.

use super::ResourceEntry;
use crate::api::iam::{AccessKey, AnyAccessKey};
use crate::auth::use_session;
use crate::components::cell::Cell;
use crate::components::form::{FormPage, FormSpec};
use crate::components::form_model::{Field, FieldKind, Value, Values};
use crate::components::list::{Column, ListActions, ResourceTable};
use crate::components::list_state::ListState;
use leptos::prelude::*;

pub const MINE: ResourceEntry = ResourceEntry {
    slug: "access-keys",
    title: "My access keys",
    group: "Access",
    // Everyone manages their own keys.
    permission: "",
    tenant_wide: false,
    list: || {
        let actions = ListActions { create_href: Some("/access-keys/new".into()), edit_base: None, delete: true };
        view! { <ResourceTable<AccessKey> title="My access keys" noun="access keys" columns=columns() actions state=ListState::in_url()/> }.into_any()
    },
    detail: None,
    form: Some(|id| view! { <FormPage<AccessKey> spec=form() id/> }.into_any()),
};

pub const EVERYONES: ResourceEntry = ResourceEntry {
    slug: "all-access-keys",
    title: "All access keys",
    group: "Access",
    permission: "access-keys",
    tenant_wide: true,
    list: || {
        let delete = use_session().can("access-keys", "delete");
        let actions = ListActions { create_href: None, edit_base: None, delete };
        view! { <ResourceTable<AnyAccessKey> title="All access keys" noun="access keys" columns=admin_columns() actions state=ListState::in_url()/> }
            .into_any()
    },
    detail: None,
    form: None,
};

fn last_login(k: &AccessKey) -> Cell {
    k.last_login.as_deref().map_or(Cell::Text("Never".into()), |t| Cell::Ago(t.into()))
}

pub fn columns() -> Vec<Column<AccessKey>> {
    let column = Column::<AccessKey>::new;
    vec![
        column("name", "Access key", |k| Cell::Text(k.name.clone())),
        column("clientId", "Client ID", |k| Cell::Text(k.client_id.clone())),
        column("created", "Created", |k| Cell::opt_time(k.created_at.as_deref())),
        column("lastLogin", "Last used", last_login),
    ]
}

pub fn admin_columns() -> Vec<Column<AnyAccessKey>> {
    let column = Column::<AnyAccessKey>::new;
    vec![
        column("name", "Access key", |k| Cell::Text(k.0.name.clone())),
        column("owner", "Owner", |k| Cell::opt(k.0.created_by.as_deref())),
        column("clientId", "Client ID", |k| Cell::Text(k.0.client_id.clone())),
        column("created", "Created", |k| Cell::opt_time(k.0.created_at.as_deref())),
        column("lastLogin", "Last used", |k| last_login(&k.0)),
    ]
}

fn form() -> FormSpec<AccessKey> {
    FormSpec {
        noun: "access key",
        list_href: "/access-keys",
        fields: || {
            vec![Field::new("name", "Name", FieldKind::Text { max: 255, kubernetes: false })
                .required()
                .create_only()
                .help("The key acts as you, with your access rules. Starts with a lowercase letter.")]
        },
        initial: |_| {
            let mut v = Values::default();
            v.set("name", Value::Text(String::new()));
            v
        },
        payload: |v, _| serde_json::json!({ "name": v.text("name") }).to_string(),
        secrets: |k| match &k.client_secret {
            Some(secret) => vec![("Client ID", k.client_id.clone()), ("Client secret", secret.clone())],
            None => Vec::new(),
        },
        has_detail: false,
    }
}
