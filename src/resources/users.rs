//! Users: list, create (the temporary password shown once), detail with their access rules,
//! reset password (shown once), force sign-out, delete. The API has no way to edit a user.

use super::{access_rules, ResourceEntry};
use crate::api::filter::{Filter, Op};
use crate::api::iam::User;
use crate::api::{use_api, ApiError};
use crate::auth::use_session;
use crate::components::cell::Cell;
use crate::components::detail::{ResourceDetail, Section, SectionBody};
use crate::components::form::{FormPage, FormSpec};
use crate::components::form_model::{Field, FieldKind, Value, Values};
use crate::components::list::{Column, ListActions, ResourceTable};
use crate::components::list_state::ListState;
use crate::components::secret::{SecretDialog, Secrets};
use crate::components::toast::use_toaster;
use crate::api::Method;
use leptos::prelude::*;

const PERMISSION: &str = "users";

pub const ENTRY: ResourceEntry = ResourceEntry {
    slug: "users",
    title: "Users",
    group: "Access",
    permission: PERMISSION,
    tenant_wide: true,
    list: || {
        let actions = ListActions { edit_base: None, ..ListActions::allowed(PERMISSION, "/users") };
        view! { <ResourceTable<User> title="Users" noun="users" columns=columns() href=|u: &User| format!("/users/{}", u.id) details=sections actions state=ListState::in_url()/> }
            .into_any()
    },
    detail: Some(|id| {
        view! { <ResourceDetail<User> id noun="user" list_href="/users" list_title="Users" sections permission=PERMISSION editable=false/> }.into_any()
    }),
    form: Some(|id| view! { <FormPage<User> spec=form() id/> }.into_any()),
};

fn kind(u: &User) -> Cell {
    Cell::opt(u.is_local.map(|local| if local { "Local" } else { "SSO" }))
}

pub fn columns() -> Vec<Column<User>> {
    let column = Column::<User>::new;
    vec![
        column("username", "User", |u| Cell::Text(u.username.clone())).api("username", &Op::USERS),
        column("type", "Type", kind).sort("type").filter("isLocal", &[Op::Eq]),
        column("groups", "Groups", |u| Cell::opt(u.groups.as_ref().map(|g| g.join(", ")).as_deref())),
        column("lastLogin", "Last signed in", |u| u.last_login.as_deref().map_or(Cell::Text("Never".into()), |t| Cell::Ago(t.into())))
            .api("lastLogin", &Op::USERS),
        column("createdBy", "Created by", |u| Cell::opt(u.created_by.as_deref())).api("createdBy", &Op::USERS),
        column("created", "Created", |u| Cell::opt_time(u.created_at.as_deref())).api("creationTime", &Op::USERS),
        column("updated", "Updated", |u| Cell::opt_time(u.updated_at.as_deref())).api("lastUpdated", &Op::USERS).hidden(),
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
        Section { title: "Sign-in", body: SectionBody::Related { id: u.id.clone(), render: sign_in_actions } },
    ]
}

fn rules_of(username: String) -> AnyView {
    access_rules::table(vec![Filter { field: "subjectId".into(), op: Op::Eq, value: username }], ListState::local(), true)
}

/// Reset password (the new one shown once) and force sign-out.
fn sign_in_actions(id: String) -> AnyView {
    #[derive(Clone, serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct NewPassword {
        temp_password: String,
    }
    let (api, toaster) = (use_api(), use_toaster());
    let allowed = use_session().can(PERMISSION, "update");
    let reveal = RwSignal::new(None::<Secrets>);
    let reset_id = id.clone();
    let reset = Action::new_local(move |_: &()| {
        let path = format!("/api/v1/users/{reset_id}/password");
        async move { api.write::<NewPassword>(Method::POST, &path, None).await }
    });
    let logout = Action::new_local(move |_: &()| {
        let path = format!("/api/v1/users/{id}/logout");
        async move { api.write_ignoring_body(Method::POST, &path, None).await }
    });
    Effect::new(move |_| match reset.value().get() {
        Some(Ok(answer)) => reveal.set(Some(vec![("Temporary password", answer.temp_password)])),
        Some(Err(e)) => toaster.failure(e.explain("reset the password")),
        None => {}
    });
    Effect::new(move |_| match logout.value().get() {
        Some(Ok(())) => toaster.success("The user's sessions were ended."),
        Some(Err::<(), ApiError>(e)) => toaster.failure(e.explain("sign the user out")),
        None => {}
    });
    let why = (!allowed).then_some("You do not have permission to change users.");
    view! {
        <div class="toolbar">
            <button class="button" disabled=!allowed title=why on:click=move |_| { reset.dispatch(()); }>"Reset password"</button>
            <button class="button" disabled=!allowed title=why on:click=move |_| { logout.dispatch(()); }>"Force sign-out"</button>
        </div>
        <SecretDialog secrets=reveal title="New temporary password".to_string()/>
    }
    .into_any()
}

fn form() -> FormSpec<User> {
    FormSpec {
        noun: "user",
        list_href: "/users",
        fields: || {
            vec![Field::new("email", "E-mail", FieldKind::Text { max: 254, kubernetes: false })
                .required()
                .create_only()
                .help("A local user; they get a temporary password to change at first sign-in.")]
        },
        initial: |u| {
            let mut v = Values::default();
            v.set("email", Value::Text(u.map(|u| u.username.clone()).unwrap_or_default()));
            v
        },
        payload: |v, _| serde_json::json!({ "email": v.text("email") }).to_string(),
        secrets: |u| u.temp_password.clone().map(|p| vec![("User", u.username.clone()), ("Temporary password", p)]).unwrap_or_default(),
        has_detail: true,
    }
}
