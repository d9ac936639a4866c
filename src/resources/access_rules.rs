//! Access rules: a role granted to a subject (user, group, service account, application) in a
//! scope (the tenant, a cluster, a department, a project). List, create, delete one or several.

use crate::api::authorization::{Action, ResourceType};
use crate::api::departments::Department;
use crate::api::filter::Op;
use crate::api::iam::{AccessRule, AccessRuleWrite, Role};
use crate::api::projects::Project;
use crate::api::{Api, Pending};
use crate::components::cell::Cell;
use crate::components::detail::{Section, SectionBody};
use crate::components::form::FormSpec;
use crate::components::form_model::{Field, Key, Options, Values};
use crate::components::list::Column;
use crate::components::resource::Resource;

impl Resource for AccessRule {
    const SLUG: &'static str = "access-rules";
    const TITLE: &'static str = "Access rules";
    const NOUN: &'static str = "access rule";
    const PLURAL: &'static str = "access rules";
    const GROUP: &'static str = "Access";
    const PERMISSION: Option<ResourceType> = Some(ResourceType::AccessRules);

    fn columns() -> Vec<Column<AccessRule>> {
        columns()
    }
    fn sections(&self) -> Vec<Section> {
        sections(self)
    }
    fn form() -> Option<FormSpec<AccessRule>> {
        Some(FormSpec::new(fields, initial, payload).create_only())
    }
    fn created(&self) -> Option<&str> {
        self.created_at.as_deref()
    }
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

fn columns() -> Vec<Column<AccessRule>> {
    let column = Column::<AccessRule>::new;
    vec![
        column("subject", "Subject", |r| Cell::Text(r.subject_id.clone())).api("subjectId", &Op::TEXT),
        column("subjectType", "Subject type", subject_type).api("subjectType", &Op::TEXT),
        column("role", "Role", |r| Cell::Text(r.role_name.clone())).api("roleName", &Op::TEXT),
        column("scope", "Scope", scope).api("scopeName", &Op::TEXT),
        column("scopeType", "Scope type", |r| Cell::Text(r.scope_type.clone())).api("scopeType", &Op::TEXT).hidden(),
        column("createdBy", "Created by", |r| Cell::opt(r.created_by.as_deref())).api("createdBy", &Op::TEXT),
        Column::created().dates("createdAt"),
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

const SUBJECT_TYPE: Key<String> = Key::new("subjectType");
const SUBJECT: Key<String> = Key::new("subject");
const ROLE: Key<String> = Key::new("role");
const SCOPE: Key<String> = Key::new("scope");

const FIELDS: &[Field] = &[
    Field::choice(SUBJECT_TYPE, "Subject type", SUBJECT_TYPES).required().create_only(),
    Field::text(SUBJECT, "Subject", 255).required().create_only().help("A user's e-mail, a group's name, or a service account's client ID."),
    Field::reference(ROLE, "Role", roles).required().create_only(),
    Field::reference(SCOPE, "Scope", scopes).searched().required().create_only()
        .help("Type part of a name to find a cluster, department or project."),
];

fn fields() -> Vec<Field> {
    FIELDS.to_vec()
}

fn initial(_: Option<&AccessRule>) -> Values {
    let mut v = Values::default();
    v.put(SUBJECT_TYPE, "user".to_owned());
    v
}

fn payload(v: &Values, _: bool) -> String {
    let scope = v.get(SCOPE);
    let (scope_type, scope_id) = scope.split_once(':').unwrap_or(("", ""));
    let write = AccessRuleWrite {
        subject_id: v.get(SUBJECT),
        subject_type: v.get(SUBJECT_TYPE),
        role_id: v.get(ROLE).parse().unwrap_or_default(),
        scope_id: scope_id.to_owned(),
        scope_type: scope_type.to_owned(),
    };
    crate::api::json::ToJson::to_json(&write)
}

fn roles(api: Api, _: String, typed: String) -> Pending<Options> {
    Box::pin(async move { api.choices::<Role>(Vec::new(), typed).await })
}

/// The organization tree as scopes to grant a role in, as `<scopeType>:<scopeId>`: the
/// tenant (as the control plane names it in permitted scopes), and the clusters, departments
/// and projects whose names hold what the operator typed (the server narrows projects, so a
/// tenant of 10,000 of them can still choose any).
fn scopes(api: Api, _: String, typed: String) -> Pending<Options> {
    let known = crate::components::clusters::cluster_names();
    Box::pin(async move {
        let matching = crate::api::list::ListQuery { limit: 500, search: typed.clone(), ..Default::default() };
        let (permitted, clusters, departments, projects) = futures::join!(
            api.permitted_scopes(ResourceType::AccessRules, Action::Create),
            crate::components::clusters::every_cluster(api, known),
            api.choices::<Department>(Vec::new(), typed.clone()),
            api.page::<Project>(&matching),
        );
        let (clusters, departments, projects) = (clusters?, departments?, projects?.items);
        let cluster_name = |id: &str| clusters.iter().find(|(uuid, _)| uuid == id).map_or(id, |(_, name)| name).to_owned();
        let lower = typed.to_ascii_lowercase();
        let mut options: Options = permitted?.tenants.into_iter().map(|t| (format!("tenant:{t}"), "Tenant (everything)".to_owned())).collect();
        options.extend(clusters.iter().filter(|(_, name)| name.to_ascii_lowercase().contains(&lower)).map(|(uuid, name)| (format!("cluster:{uuid}"), format!("Cluster {name}"))));
        options.extend(departments.into_iter().map(|(id, name)| (format!("department:{id}"), format!("Department {name}"))));
        options.extend(projects.iter().map(|p| {
            let department = p.parent.as_ref().map_or("", |d| d.name.as_str());
            (format!("project:{}", p.id), format!("Project {} / {department} / {}", cluster_name(&p.cluster_id), p.name))
        }));
        Ok(options)
    })
}
