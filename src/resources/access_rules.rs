//! Access rules: a role granted to a subject (user, group, service account, application) in a
//! scope (the tenant, a cluster, a department, a project). List, create, delete one or several.

use super::ResourceEntry;
use crate::api::filter::{Filter, Op};
use crate::api::iam::{AccessRule, AccessRuleWrite};
use crate::components::cell::Cell;
use crate::components::detail::{ResourceDetail, Section, SectionBody};
use crate::components::form::{FormPage, FormSpec};
use crate::components::form_model::{Field, FieldKind, Value, Values};
use crate::components::list::{Column, ListActions, ResourceTable};
use crate::components::list_state::ListState;
use leptos::prelude::*;

const PERMISSION: &str = "access_rules";

pub const ENTRY: ResourceEntry = ResourceEntry {
    slug: "access-rules",
    title: "Access rules",
    group: "Access",
    permission: PERMISSION,
    tenant_wide: false,
    list: || table(Vec::new(), ListState::in_url(), false),
    detail: Some(|id| {
        view! { <ResourceDetail<AccessRule> id noun="access rule" list_href="/access-rules" list_title="Access rules" sections permission=PERMISSION editable=false/> }.into_any()
    }),
    form: Some(|id| view! { <FormPage<AccessRule> spec=form() id/> }.into_any()),
};

/// The access-rule list, within `scope` (e.g. one subject's rules).
pub fn table(scope: Vec<Filter>, state: ListState, embedded: bool) -> AnyView {
    let actions = ListActions { edit_base: None, ..ListActions::allowed(PERMISSION, "/access-rules") };
    view! {
        <ResourceTable<AccessRule> title="Access rules" noun="access rules" columns=columns() href=|r: &AccessRule| format!("/access-rules/{}", r.id)
            details=sections actions scope state embedded/>
    }
    .into_any()
}

fn subject_type(r: &AccessRule) -> Cell {
    Cell::Text(
        match r.subject_type.as_str() {
            "user" => "User",
            "group" => "Group",
            "service-account" => "Service account",
            "app" => "Application (deprecated)",
            other => other,
        }
        .into(),
    )
}

fn scope(r: &AccessRule) -> Cell {
    let kind = match r.scope_type.as_str() {
        "system" => "System",
        "tenant" => "Tenant",
        "cluster" => "Cluster",
        "department" => "Department",
        "project" => "Project",
        other => other,
    };
    Cell::Text(format!("{kind} {}", r.scope_name).trim().to_owned())
}

pub fn columns() -> Vec<Column<AccessRule>> {
    let column = Column::<AccessRule>::new;
    vec![
        column("subject", "Subject", |r| Cell::Text(r.subject_id.clone())).api("subjectId", &Op::TEXT),
        column("subjectType", "Subject type", subject_type).api("subjectType", &Op::TEXT),
        column("role", "Role", |r| Cell::Text(r.role_name.clone())).api("roleName", &Op::TEXT),
        column("scope", "Scope", scope).api("scopeName", &Op::TEXT),
        column("scopeType", "Scope type", |r| Cell::Text(r.scope_type.clone())).api("scopeType", &Op::TEXT).hidden(),
        column("createdBy", "Created by", |r| Cell::opt(r.created_by.as_deref())).api("createdBy", &Op::TEXT),
        column("created", "Created", |r| Cell::opt_time(r.created_at.as_deref())).api("createdAt", &Op::ORDERED),
    ]
}

fn sections(r: &AccessRule) -> Vec<Section> {
    vec![Section {
        title: "Rule",
        body: SectionBody::Fields(vec![
            ("Subject", Cell::Text(r.subject_id.clone())),
            ("Subject type", subject_type(r)),
            ("Role", Cell::Link { text: r.role_name.clone(), href: format!("/roles/{}", r.role_id) }),
            ("Scope", scope(r)),
            ("Scope path", Cell::opt(r.scope_path.as_deref())),
            ("Created by", Cell::opt(r.created_by.as_deref())),
            ("Created", Cell::opt_time(r.created_at.as_deref())),
        ]),
    }]
}

const SUBJECT_TYPES: &[(&str, &str)] = &[("user", "User"), ("group", "Group"), ("service-account", "Service account"), ("app", "Application (deprecated)")];

fn form() -> FormSpec<AccessRule> {
    FormSpec {
        noun: "access rule",
        list_href: "/access-rules",
        fields: || {
            vec![
                Field::new("subjectType", "Subject type", FieldKind::Choice(SUBJECT_TYPES)).required().create_only(),
                Field::new("subject", "Subject", FieldKind::Text { max: 255, kubernetes: false })
                    .required()
                    .create_only()
                    .help("A user's e-mail, a group's name, or a service account's client ID."),
                Field::new("role", "Role", FieldKind::Role).required().create_only(),
                Field::new("scope", "Scope", FieldKind::Scope).required().create_only(),
            ]
        },
        initial: |_| {
            let mut v = Values::default();
            v.set("subjectType", Value::Text("user".into()));
            v
        },
        payload: |v, _| {
            let scope = v.text("scope");
            let (scope_type, scope_id) = scope.split_once(':').unwrap_or(("", ""));
            let write = AccessRuleWrite {
                subject_id: v.text("subject"),
                subject_type: v.text("subjectType"),
                role_id: v.text("role").parse().unwrap_or_default(),
                scope_id: scope_id.to_owned(),
                scope_type: scope_type.to_owned(),
            };
            serde_json::to_string(&write).unwrap_or_default()
        },
        secrets: |_| Vec::new(),
        has_detail: true,
    }
}
