//! Workload policies (`/api/v2/policy`): defaults and rules per workload type at the tenant,
//! a cluster, a department or a project. A policy is named by its type and scope
//! (`workspaces.project.4500005`), which is also how the API reads, writes and deletes it; a
//! scope without a policy of its own still has an effective one, so its page is where
//! "View policy" on a department or project leads. Rules and defaults are written as JSON, as
//! the official console has them written as YAML.

use super::asset_forms::{CLUSTER, DEPARTMENT, NAME, PROJECT, SCOPE, SCOPES};
use super::org::{clusters, departments_in, projects};
use crate::api::json::{object, Json};
use crate::api::list::Paging;
use crate::api::policies::item;
use crate::api::resource::Wire;
use crate::api::{Api, Pending};
use crate::api::authorization::ResourceType;
use crate::components::cell::Cell;
use crate::components::detail::{Section, SectionBody};
use crate::components::form::Submit;
use crate::components::form_model::{Field, FieldContext, Key, Value, Values};
use crate::components::list::{ColumnFilter, ColumnInfo};
use crate::components::resource::{Act, Form, Kind, Pages, Rec, Record, ResourceEntry};
use crate::components::table::{ColumnHead, TableRow};
use crate::api::filter::Op;
use serde_json::Value as Json_;
use std::any::Any;
use std::rc::Rc;

/// A policy as the API sends it: a list entry (`{type, meta, status}`) or one scope's policy
/// (`{meta, policy, effective}`, with the id it was read by).
#[derive(Clone, Debug, PartialEq)]
pub struct Policy(pub Json_);

/// (path segment, `PolicyType`, label).
const TYPES: &[(&str, &str)] = &[
    ("workspaces", "Workspace"),
    ("trainings", "Training"),
    ("distributed", "Distributed training"),
    ("inferences", "Inference"),
    ("distributed-inferences", "Distributed inference"),
    ("nim-services", "NIM service"),
];
const TYPE_OF: &[(&str, &str)] = &[
    ("workspace", "workspaces"),
    ("training", "trainings"),
    ("distributed", "distributed"),
    ("inference", "inferences"),
    ("distributedInference", "distributed-inferences"),
    ("nimService", "nim-services"),
];

impl Policy {
    fn meta(&self, key: &str) -> Option<String> {
        match &self.0["meta"][key] {
            Json_::String(s) if !s.is_empty() => Some(s.clone()),
            Json_::Number(n) => n.as_i64().map(|n| n.to_string()),
            _ => None,
        }
    }
    /// `workspaces.project.4500005`: type, scope and the scope's unit.
    fn id(&self) -> String {
        if let Some(id) = self.0["id"].as_str() {
            return id.to_owned();
        }
        let segment = TYPE_OF.iter().find(|(t, _)| self.0["type"] == *t).map_or("", |(_, s)| *s);
        let scope = self.meta("scope").unwrap_or_default();
        let unit = ["projectId", "departmentId", "clusterId"].iter().find_map(|k| self.meta(k));
        match unit.filter(|_| scope != "tenant") {
            Some(unit) => format!("{segment}.{scope}.{unit}"),
            None => format!("{segment}.{scope}"),
        }
    }
    fn parts(&self) -> (String, String, String) {
        let id = self.id();
        let mut parts = id.splitn(3, '.').map(str::to_owned);
        (parts.next().unwrap_or_default(), parts.next().unwrap_or_default(), parts.next().unwrap_or_default())
    }
    fn type_label(&self) -> &'static str {
        let segment = self.parts().0;
        TYPES.iter().find(|(s, _)| *s == segment).map_or("", |(_, l)| *l)
    }
    fn scope_label(&self) -> String {
        let (_, scope, unit) = self.parts();
        let scope = crate::util::capitalized(&scope);
        if unit.is_empty() { scope } else { format!("{scope} {unit}") }
    }
    fn name(&self) -> String {
        self.meta("name").unwrap_or_else(|| format!("{} policy of {}", self.type_label(), self.scope_label().to_ascii_lowercase()))
    }
}

impl Record for Policy {
    fn id(&self) -> String {
        Policy::id(self)
    }
    fn name(&self) -> String {
        Policy::name(self)
    }
    fn sections(&self) -> Vec<Section> {
        let at = |k: &str| self.meta(k);
        let fields = vec![
            ("Type", Cell::Text(self.type_label().into())),
            ("Scope", Cell::Text(self.scope_label())),
            ("Created by", Cell::opt(at("createdBy").as_deref())),
            ("Created", Cell::opt_time(at("createdAt").as_deref())),
            ("Updated by", Cell::opt(at("updatedBy").as_deref())),
            ("Updated", Cell::opt_time(at("updatedAt").as_deref())),
        ];
        let effective = &self.0["effective"];
        let mut rules = Vec::new();
        leaves(&effective["rules"], "", true, &mut rules);
        let mut defaults = Vec::new();
        leaves(&effective["defaults"], "", false, &mut defaults);
        let mut own = Vec::new();
        leaves(&self.0["policy"], "", false, &mut own);
        own.retain(|(path, ..)| !path.starts_with("status"));
        let heads = |third: &'static str| vec![ColumnHead::new("parameter", "Parameter"), ColumnHead::new("value", third), ColumnHead::new("source", "Set at")];
        let rows = |items: Vec<(String, String, String)>| {
            items.into_iter().map(|(path, value, source)| TableRow { key: path.clone(), name: path.clone(), href: None, cells: vec![Cell::Text(path), Cell::Text(value), Cell::Text(source)] }).collect()
        };
        vec![
            Section { title: "Overview", body: SectionBody::Fields(fields) },
            Section { title: "Effective rules", body: SectionBody::Table { heads: heads("Rule"), rows: rows(rules), empty: "No rule applies here." } },
            Section { title: "Effective defaults", body: SectionBody::Table { heads: heads("Default"), rows: rows(defaults), empty: "No default applies here." } },
            Section { title: "Set at this scope", body: SectionBody::Table { heads: heads("Value"), rows: rows(own), empty: "This scope has no policy of its own." } },
        ]
    }
    fn deletable(&self) -> bool {
        !self.0["meta"].is_null()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The leaves of a rules or defaults tree as (dotted parameter, what it says, where it is set).
pub(crate) fn leaves(tree: &Json_, path: &str, rules: bool, out: &mut Vec<(String, String, String)>) {
    let Some(members) = tree.as_object() else { return };
    for (k, v) in members {
        let at = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
        let is_rule = rules && v.get("sourceOfRule").is_some();
        if v.is_object() && !is_rule {
            leaves(v, &at, rules, out);
            continue;
        }
        let (said, source) = if is_rule {
            let said: Vec<String> = v.as_object().into_iter().flatten().filter(|(k, _)| *k != "sourceOfRule").map(|(k, v)| format!("{k} {}", shown(v))).collect();
            let s = &v["sourceOfRule"];
            let unit = ["projectId", "departmentId", "clusterId"].iter().find_map(|k| match &s[*k] {
                Json_::Null => None,
                id => Some(shown(id)),
            });
            (said.join(", "), format!("{} {}", s["scope"].as_str().unwrap_or_default(), unit.unwrap_or_default()).trim().to_owned())
        } else {
            (shown(v), String::new())
        };
        out.push((at, said, source));
    }
}

fn shown(v: &Json_) -> String {
    match v {
        Json_::String(s) => s.clone(),
        other => crate::api::json::ToJson::to_json(other),
    }
}

const COLUMNS: &[(&str, &str)] = &[("name", "Policy"), ("type", "Type"), ("scope", "Scope"), ("createdBy", "Created by"), ("updated", "Last updated")];

fn columns() -> Vec<ColumnInfo> {
    COLUMNS.iter().map(|(key, title)| ColumnInfo { head: ColumnHead::new(key, title), sort: Some(key), filter: Some(ColumnFilter { field: key, ops: &Op::TEXT, dates: false }), shown: true }).collect()
}

fn rows(records: &[Rec]) -> Vec<TableRow> {
    let row = |p: &Policy| TableRow {
        key: p.id(),
        name: p.name(),
        href: Some(format!("/policies/{}", p.id())),
        cells: vec![Cell::Text(p.name()), Cell::Text(p.type_label().into()), Cell::Text(p.scope_label()), Cell::opt(p.meta("createdBy").as_deref()), Cell::opt_time(p.meta("updatedAt").as_deref())],
    };
    records.iter().filter_map(|r| r.as_any().downcast_ref::<Policy>()).map(row).collect()
}

fn decode(value: &Json_) -> Rec {
    Rc::new(Policy(value.clone()))
}

const TYPE: Key<String> = Key::new("type");
const BODY: Key<String> = Key::new("policy");

const FIELDS: &[Field] = &[
    Field::choice(TYPE, "Workload type", TYPES).required().create_only(),
    Field::text(NAME, "Name", 63).required(),
    Field::choice(SCOPE, "Scope", SCOPES).required().create_only().help("Where it applies: the tenant, or one cluster, department or project and what is under it."),
    Field::reference(CLUSTER, "Cluster", clusters).required().create_only().shown_for(SCOPE, &["cluster", "department", "project"]),
    Field::reference(DEPARTMENT, "Department", departments_in).depends_on(CLUSTER).required().create_only().shown_for(SCOPE, &["department"]),
    Field::reference(PROJECT, "Project", projects).depends_on(CLUSTER).required().create_only().shown_for(SCOPE, &["project"]),
    Field::custom(BODY, "Defaults and rules (JSON)", json_editor, json_problem)
        .help(r#"Such as {"defaults": {"imagePullPolicy": "IfNotPresent"}, "rules": {"compute": {"gpuDevicesRequest": {"max": 2}}}}. A rule set higher up wins; a default set lower down wins."#),
];

fn json_editor(cx: FieldContext) -> leptos::prelude::AnyView {
    use leptos::prelude::*;
    let FieldContext { values, key, .. } = cx;
    view! {
        <textarea id=format!("field-{key}") rows="10" spellcheck="false" class="code" aria-describedby=format!("error-{key}")
            prop:value=move || values.with(|v| v.raw(key)) on:input=move |ev| values.update(|v| v.typed(key, Value::Text(event_target_value(&ev))))></textarea>
    }
    .into_any()
}

fn json_problem(value: &Value) -> Option<String> {
    let Value::Text(text) = value else { return None };
    match crate::api::parse::parse(text).ok_or(()) {
        _ if text.trim().is_empty() => None,
        Ok(Json_::Object(o)) if o.keys().all(|k| ["defaults", "rules", "imposedAssets"].contains(&k.as_str())) => None,
        Ok(_) => Some(r#"Write an object with "defaults" and "rules"."#.into()),
        Err(_) => Some("This is not JSON: check the quotes, commas and braces.".into()),
    }
}

fn form() -> Option<Form> {
    Some(Form {
        fields: || FIELDS.to_vec(),
        initial: Rc::new(|record: Option<&dyn Record>| initial(record.and_then(|r| r.as_any().downcast_ref::<Policy>()))),
        payload,
        secrets: Rc::new(|_| Vec::new()),
        editable: true,
        submit: Some(create as Submit),
    })
}

fn initial(policy: Option<&Policy>) -> Values {
    let mut v = Values::default();
    v.put(TYPE, "workspaces".to_owned());
    v.put(SCOPE, "project".to_owned());
    let Some(p) = policy else { return v };
    let (segment, scope, _) = p.parts();
    v.put(TYPE, segment);
    v.put(NAME, p.name());
    v.put(SCOPE, scope);
    v.put_text(CLUSTER, p.meta("clusterId"));
    v.put_text(DEPARTMENT, p.meta("departmentId"));
    v.put_text(PROJECT, p.meta("projectId"));
    let own = &p.0["policy"];
    let body = |k: &'static str| (!own[k].is_null()).then(|| (k, &own[k]));
    let members: Vec<(&str, &Json_)> = ["defaults", "rules", "imposedAssets"].into_iter().filter_map(body).collect();
    let members: Vec<(&str, &dyn crate::api::json::ToJson)> = members.iter().map(|(k, j)| (*k, *j as &dyn crate::api::json::ToJson)).collect();
    v.put(BODY, object(&members).0);
    v
}

/// `{meta: {name, scope, <unit>}, policy}`; the scope's unit as the API types it.
fn payload(v: &Values, _: bool) -> String {
    let scope = v.get(SCOPE);
    let at = |level: &str| (scope == level).then_some(());
    let cluster = v.some(CLUSTER).filter(|_| scope != "tenant");
    let department = v.some(DEPARTMENT).filter(|_| at("department").is_some());
    let project = v.some(PROJECT).filter(|_| at("project").is_some()).and_then(|p| p.parse::<i64>().ok());
    let meta = object(&[("name", &v.get(NAME)), ("scope", &scope), ("clusterId", &cluster), ("departmentId", &department), ("projectId", &project)]);
    let body = v.get(BODY);
    let policy = Json(if body.trim().is_empty() { "{}".into() } else { body });
    object(&[("meta", &meta), ("policy", &policy)]).0
}

/// A new policy is written (PUT) at its type's path; it is then named by type and scope.
fn create(api: Api, v: &Values, body: String) -> Pending<(String, String, crate::components::secret::Secrets)> {
    let segment = v.get(TYPE);
    Box::pin(async move {
        let answer = api.write_policy(&segment, body).await?;
        let mut policy = Policy(answer);
        policy.0["type"] = TYPE_OF.iter().find(|(_, s)| *s == segment).map_or("", |(t, _)| *t).into();
        Ok((policy.id(), policy.name(), Vec::new()))
    })
}

fn no_actions() -> Vec<Act> {
    Vec::new()
}

const KIND: Kind = Kind {
    slug: "policies",
    title: "Policies",
    noun: "policy",
    plural: "policies",
    permission: Some(ResourceType::Policies),
    detail: true,
    deletable: true,
    searchable: true,
    refresh: None,
    cluster_field: None,
    paging: Paging::None,
    columns,
    wire: Wire { collection: crate::api::policies::COLLECTION, items: Some("policies"), next: false, searchable: false, patch: false, item, reads: &[], usage: None, decode },
    rows,
    form,
    actions: no_actions,
};

pub const ENTRY: ResourceEntry = ResourceEntry { slug: "policies", title: "Policies", group: "Assets", permission: Some(ResourceType::Policies), tenant_wide: false, pages: Pages::Resource { kind: KIND, notice: None } };

/// The link from a department's or project's page to the effective policy of each type there.
pub fn view_links(scope: &'static str, id: &str) -> Vec<(&'static str, Cell)> {
    TYPES
        .iter()
        .map(|(segment, label)| (*label, Cell::Link { text: "View policy".into(), href: format!("/policies/{segment}.{scope}.{id}") }))
        .collect()
}
