//! Access keys: personal client credentials that act as their owner. "My access keys" for
//! everyone (create with the secret shown once, delete), and every user's keys for
//! administrators.

use crate::api::authorization::ResourceType;
use crate::api::iam::{AccessKey, AnyAccessKey};
use crate::components::cell::Cell;
use crate::components::detail::{Section, SectionBody};
use crate::components::form::FormSpec;
use crate::components::form_model::{Field, Key, Values};
use crate::components::list::Column;
use crate::components::resource::Resource;

impl Resource for AccessKey {
    const SLUG: &'static str = "access-keys";
    const TITLE: &'static str = "My access keys";
    const NOUN: &'static str = "access key";
    const PLURAL: &'static str = "access keys";
    const GROUP: &'static str = "Access";
    // Everyone manages their own keys.
    const PERMISSION: Option<ResourceType> = None;
    const DETAIL: bool = false;

    fn columns() -> Vec<Column<AccessKey>> {
        let column = Column::<AccessKey>::new;
        vec![
            Column::name("Access key"),
            column("clientId", "Client ID", |k| Cell::Text(k.client_id.clone())),
            Column::created(),
            column("lastLogin", "Last used", last_login),
        ]
    }
    fn sections(&self) -> Vec<Section> {
        overview(self)
    }
    fn form() -> Option<FormSpec<AccessKey>> {
        Some(FormSpec::new(fields, |_| Values::default(), payload).create_only().secrets(|k| match &k.client_secret {
            Some(secret) => vec![("Client ID", k.client_id.clone()), ("Client secret", secret.clone())],
            None => Vec::new(),
        }))
    }
    fn created(&self) -> Option<&str> {
        self.created_at.as_deref()
    }
}

impl Resource for AnyAccessKey {
    const SLUG: &'static str = "all-access-keys";
    const TITLE: &'static str = "All access keys";
    const NOUN: &'static str = "access key";
    const PLURAL: &'static str = "access keys";
    const GROUP: &'static str = "Access";
    const PERMISSION: Option<ResourceType> = Some(ResourceType::AccessKeys);
    const TENANT_WIDE: bool = true;
    const DETAIL: bool = false;

    fn columns() -> Vec<Column<AnyAccessKey>> {
        let column = Column::<AnyAccessKey>::new;
        vec![
            Column::name("Access key"),
            column("owner", "Owner", |k| Cell::opt(k.0.created_by.as_deref())),
            column("clientId", "Client ID", |k| Cell::Text(k.0.client_id.clone())),
            Column::created(),
            column("lastLogin", "Last used", |k| last_login(&k.0)),
        ]
    }
    fn sections(&self) -> Vec<Section> {
        overview(&self.0)
    }
    fn created(&self) -> Option<&str> {
        self.0.created_at.as_deref()
    }
}

fn last_login(k: &AccessKey) -> Cell {
    k.last_login.as_deref().map_or(Cell::Text("Never".into()), |t| Cell::Ago(t.into()))
}

fn overview(k: &AccessKey) -> Vec<Section> {
    vec![Section {
        title: "Overview",
        body: SectionBody::Fields(vec![
            ("Client ID", Cell::Text(k.client_id.clone())),
            ("Owner", Cell::opt(k.created_by.as_deref())),
            ("Created", Cell::opt_time(k.created_at.as_deref())),
            ("Last used", last_login(k)),
        ]),
    }]
}

const NAME: Key<String> = Key::new("name");

fn fields() -> Vec<Field> {
    vec![Field::text(NAME, "Name", 255).required().create_only().help("The key acts as you, with your access rules. Starts with a lowercase letter.")]
}

fn payload(v: &Values, _: bool) -> String {
    let mut body = String::new();
    crate::api::json::write_object(&mut body, &[("name", &v.get(NAME))]);
    body
}
