//! Users: list, create (the temporary password shown once), detail with their access rules,
//! reset password (shown once), force sign-out, delete. The API has no way to edit a user.

use crate::api::authorization::{Action, ResourceType};
use crate::api::filter::Op;
use crate::api::iam::{AccessRule, User};
use crate::components::actions::{Outcome, RecordAction};
use crate::components::cell::Cell;
use crate::components::detail::{Section, SectionBody};
use crate::components::form::FormSpec;
use crate::components::form_model::{Field, Key, Values};
use crate::components::list::Column;
use crate::components::resource::{related, Resource};
use leptos::prelude::*;

impl Resource for User {
    const SLUG: &'static str = "users";
    const TITLE: &'static str = "Users";
    const NOUN: &'static str = "user";
    const PLURAL: &'static str = "users";
    const GROUP: &'static str = "Access";
    const PERMISSION: Option<ResourceType> = Some(ResourceType::Users);
    const TENANT_WIDE: bool = true;

    fn columns() -> Vec<Column<User>> {
        columns()
    }
    fn sections(&self) -> Vec<Section> {
        sections(self)
    }
    fn form() -> Option<FormSpec<User>> {
        Some(FormSpec::new(fields, |_| Values::default(), payload).create_only().secrets(|u| {
            u.temp_password.clone().map(|p| vec![("User", u.username.clone()), ("Temporary password", p)]).unwrap_or_default()
        }))
    }
    fn actions() -> Vec<RecordAction<User>> {
        vec![
            RecordAction::new("Reset password", Action::Update, |api, u: &User| {
                let id = u.id.clone();
                Box::pin(async move { Ok(Outcome::Reveal("New temporary password", vec![("Temporary password", api.reset_password(&id).await?)])) })
            })
            .confirm("The user's current password stops working; they sign in with the new one and choose another."),
            RecordAction::new("Force sign-out", Action::Update, |api, u: &User| {
                let id = u.id.clone();
                Box::pin(async move {
                    api.force_sign_out(&id).await?;
                    Ok(Outcome::Done("The user's sessions were ended.".into()))
                })
            })
            .bulk(),
        ]
    }
    fn created(&self) -> Option<&str> {
        self.created_at.as_deref()
    }
}

fn kind(u: &User) -> Cell {
    Cell::opt(u.is_local.map(|local| if local { "Local" } else { "SSO" }))
}

fn columns() -> Vec<Column<User>> {
    let column = Column::<User>::new;
    vec![
        column("username", "User", |u| Cell::Text(u.username.clone())).api("username", &Op::USERS),
        column("type", "Type", kind).sort("type").filter("isLocal", &[Op::Eq]),
        column("groups", "Groups", |u| Cell::opt(u.groups.as_ref().map(|g| g.join(", ")).as_deref())),
        column("lastLogin", "Last signed in", |u| u.last_login.as_deref().map_or(Cell::Text("Never".into()), |t| Cell::Ago(t.into())))
            .dates("lastLogin"),
        column("createdBy", "Created by", |u| Cell::opt(u.created_by.as_deref())).api("createdBy", &Op::USERS),
        Column::created().dates("creationTime"),
        column("updated", "Updated", |u| Cell::opt_time(u.updated_at.as_deref())).dates("lastUpdated").hidden(),
    ]
}

fn sections(u: &User) -> Vec<Section> {
    vec![
        Section {
            title: "Overview",
            body: SectionBody::Fields(vec![
                ("Type", kind(u)),
                ("Groups", Cell::opt(u.groups.as_ref().map(|g| g.join(", ")).as_deref())),
                ("Last signed in", u.last_login.as_deref().map_or(Cell::Text("Never".into()), |t| Cell::Time(t.into()))),
                ("Created by", Cell::opt(u.created_by.as_deref())),
                ("Created", Cell::opt_time(u.created_at.as_deref())),
            ]),
        },
        Section { title: "Access rules", body: SectionBody::Related { id: u.username.clone(), render: rules_of } },
    ]
}

fn rules_of(username: String) -> AnyView {
    related::<AccessRule>("subjectId", username)
}

const EMAIL: Key<String> = Key::new("email");

fn fields() -> Vec<Field> {
    vec![Field::text(EMAIL, "E-mail", 254).required().create_only().help("A local user; they get a temporary password to change at first sign-in.")]
}

fn payload(v: &Values, _: bool) -> String {
    let mut body = String::new();
    crate::api::json::write_object(&mut body, &[("email", &v.get(EMAIL))]);
    body
}
