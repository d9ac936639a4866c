//! Data volumes: a copy of a project's PVC that workloads of other scopes may mount. The list
//! is the volumes that originate where the operator reads; a volume is made from its origin
//! project and PVC, and may be shared at creation with its cluster, a department or a project.
//! Only the description changes afterwards (the API's update takes nothing else).

use super::asset_forms::{CLUSTER, DEPARTMENT, NAME, PROJECT};
use super::org::{clusters, departments_in, projects};
use crate::api::authorization::ResourceType;
use crate::api::datavolumes::COLLECTION;
use crate::api::filter::Op;
use crate::api::json::object;
use crate::api::list::Paging;
use crate::api::resource::{plain_item, Wire};
use crate::api::{Api, ApiError, Pending};
use crate::components::cell::Cell;
use crate::components::detail::{Section, SectionBody};
use crate::components::form::Submit;
use crate::components::form_model::{Field, Key, Values};
use crate::components::list::{ColumnFilter, ColumnInfo};
use crate::components::resource::{Act, Form, Kind, Pages, Rec, Record, ResourceEntry};
use crate::components::table::{ColumnHead, TableRow};
use serde_json::Value;
use std::any::Any;
use std::rc::Rc;

/// A volume as the API sends it (`Datavolume`; lists leave out `sharedScopes`).
#[derive(Clone, Debug, PartialEq)]
pub struct DataVolume(pub Value);

impl DataVolume {
    fn text(&self, key: &str) -> Option<&str> {
        self.0[key].as_str().filter(|s| !s.is_empty())
    }
    /// Its phase, toned as the organization's phases are (the same words).
    fn phase(&self) -> Cell {
        super::org::phase_cell(self.0["status"]["phase"].as_str())
    }
}

impl Record for DataVolume {
    fn id(&self) -> String {
        self.text("id").unwrap_or_default().to_owned()
    }
    fn name(&self) -> String {
        self.text("name").unwrap_or_default().to_owned()
    }
    fn sections(&self) -> Vec<Section> {
        let t = |k| Cell::opt(self.text(k));
        let mut fields = vec![("Status", self.phase()), ("Description", t("description")), ("Origin project", t("projectName")), ("Origin PVC", t("originPvcName"))];
        fields.extend([("Copy's PVC", Cell::opt(self.0["status"]["datavolumePvcName"].as_str())), ("Message", Cell::opt(self.0["status"]["phaseMessage"].as_str()))]);
        fields.extend([("Created by", t("createdBy")), ("Created", Cell::opt_time(self.text("createdAt"))), ("Updated", Cell::opt_time(self.text("updatedAt")))]);
        let overview = Section { title: "Overview", body: SectionBody::Fields(fields) };
        // A list's answer leaves the shares out: only a volume read alone says them.
        let Some(shared) = self.0["sharedScopes"].as_array() else { return vec![overview] };
        let rows = shared
            .iter()
            .map(|s| {
                let text = |k: &str| s[k].as_str().unwrap_or_default();
                let name = text("scopeName").to_owned();
                let cells = vec![Cell::Text(name.clone()), Cell::opt(Some(text("scopeType"))), Cell::opt(Some(text("createdBy")))];
                // `Value`'s Display would bring serde's serializer into the bundle.
                TableRow { key: [text("scopeType"), text("scopeId")].concat(), name, href: None, cells }
            })
            .collect();
        let heads = vec![ColumnHead::new("scope", "Scope"), ColumnHead::new("type", "Type"), ColumnHead::new("by", "Shared by")];
        vec![
            overview,
            Section { title: "Shared with", body: SectionBody::Table { heads, rows, empty: "Only its own project mounts it." } },
        ]
    }
    fn deletable(&self) -> bool {
        true
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// (key, title, sortable and filtered by the API).
const COLUMNS: &[(&str, &str, bool)] = &[
    ("name", "Data volume", true),
    ("description", "Description", false),
    ("phase", "Status", true),
    ("projectName", "Origin project", true),
    ("originPvcName", "Origin PVC", false),
    ("createdBy", "Created by", true),
    ("createdAt", "Created", true),
];

fn columns() -> Vec<ColumnInfo> {
    let column = |&(key, title, api): &(&'static str, &'static str, bool)| ColumnInfo {
        head: ColumnHead::new(key, title),
        sort: api.then_some(key),
        filter: api.then_some(ColumnFilter { field: key, ops: &Op::TEXT, dates: key == "createdAt" }),
        shown: true,
    };
    COLUMNS.iter().map(column).collect()
}

fn rows(records: &[Rec]) -> Vec<TableRow> {
    let row = |v: &DataVolume| {
        let t = |k| Cell::opt(v.text(k));
        let cells = vec![t("name"), t("description"), v.phase(), t("projectName"), t("originPvcName"), t("createdBy"), Cell::opt_time(v.text("createdAt"))];
        TableRow { key: v.id(), name: v.name(), href: Some(format!("/data-volumes/{}", v.id())), cells }
    };
    records.iter().filter_map(|r| r.as_any().downcast_ref::<DataVolume>()).map(row).collect()
}

fn decode(value: &Value) -> Rec {
    Rc::new(DataVolume(value.clone()))
}

const DESCRIPTION: Key<String> = Key::new("description");
const PVC: Key<String> = Key::new("originPvcName");
const SHARE: Key<String> = Key::new("share");
const SHARED_PROJECT: Key<String> = Key::new("sharedProjectId");

const SHARES: &[(&str, &str)] = &[("none", "Only its project"), ("cluster", "Its cluster"), ("department", "A department"), ("project", "Another project")];

const FIELDS: &[Field] = &[
    Field::kubernetes_name(NAME, "Name").required().create_only().help("Unique in its cluster."),
    Field::text(DESCRIPTION, "Description", 127),
    Field::reference(CLUSTER, "Cluster", clusters).required().create_only(),
    Field::reference(PROJECT, "Origin project", projects).depends_on(CLUSTER).required().create_only().help("The project whose namespace holds the PVC."),
    Field::kubernetes_name(PVC, "Origin PVC").required().create_only(),
    Field::choice(SHARE, "Shared with", SHARES).create_only().help("Who else may mount it: its own project always does."),
    Field::reference(DEPARTMENT, "Department", departments_in).depends_on(CLUSTER).required().create_only().shown_for(SHARE, &["department"]),
    Field::reference(SHARED_PROJECT, "Project", projects).depends_on(CLUSTER).required().create_only().shown_for(SHARE, &["project"]),
];

fn form() -> Option<Form> {
    Some(Form {
        fields: || FIELDS.to_vec(),
        initial: Rc::new(|record: Option<&dyn Record>| {
            let mut v = Values::default();
            v.put(SHARE, "none".to_owned());
            // Editing shows where the volume came from and its first share, read-only.
            if let Some(d) = record.and_then(|r| r.as_any().downcast_ref::<DataVolume>()) {
                for (key, member) in [(NAME, "name"), (DESCRIPTION, "description"), (CLUSTER, "clusterId"), (PROJECT, "projectId"), (PVC, "originPvcName")] {
                    v.put_text(key, d.text(member));
                }
                let share = &d.0["sharedScopes"][0];
                if let Some(scope) = share["scopeType"].as_str() {
                    v.put(SHARE, scope.to_owned());
                    let unit = match scope {
                        "project" => SHARED_PROJECT,
                        "department" => DEPARTMENT,
                        _ => CLUSTER,
                    };
                    v.put_text(unit, share["scopeId"].as_str());
                }
            }
            v
        }),
        payload,
        secrets: Rc::new(|_| Vec::new()),
        editable: true,
        submit: Some(create as Submit),
    })
}

fn payload(v: &Values, creating: bool) -> String {
    let description = v.some(DESCRIPTION);
    if !creating {
        return object(&[("description", &description.unwrap_or_default())]).0;
    }
    object(&[("name", &v.get(NAME)), ("description", &description), ("projectId", &v.get(PROJECT)), ("originPvcName", &v.get(PVC))]).0
}

/// Creates the volume, then shares it with the scope chosen. A failed share is reported as
/// such: the volume exists, and retrying the form would only find its name taken.
fn create(api: Api, v: &Values, body: String) -> Pending<(String, String, crate::components::secret::Secrets)> {
    let share = match v.get(SHARE).as_str() {
        "cluster" => Some(("cluster", v.get(CLUSTER))),
        "department" => Some(("department", v.get(DEPARTMENT))),
        "project" => Some(("project", v.get(SHARED_PROJECT))),
        _ => None,
    };
    Box::pin(async move {
        let made = KIND.wire.save(api, None, body).await?;
        let (id, name) = (made.id(), made.name());
        if let Some((scope_type, scope_id)) = share {
            let not_shared = |e| match e {
                ApiError::Status { status, message, details, oauth_error } => {
                    ApiError::Status { status, message: format!("{name} was created, but sharing it failed: {message}"), details, oauth_error }
                }
                e => e,
            };
            api.share_volume(&id, scope_type, &scope_id).await.map_err(not_shared)?;
        }
        Ok((id, name, Vec::new()))
    })
}

fn no_actions() -> Vec<Act> {
    Vec::new()
}

const KIND: Kind = Kind {
    slug: "data-volumes",
    title: "Data volumes",
    noun: "data volume",
    plural: "data volumes",
    permission: Some(ResourceType::Datavolumes),
    detail: true,
    deletable: true,
    searchable: true,
    refresh: None,
    cluster_field: None,
    paging: Paging::Server,
    columns,
    wire: Wire { collection: COLLECTION, items: Some("datavolumes"), next: true, searchable: true, patch: true, item: plain_item, reads: &[("requestType", "Originated")], usage: None, decode },
    rows,
    form,
    actions: no_actions,
};

pub const ENTRY: ResourceEntry = ResourceEntry { slug: "data-volumes", title: "Data volumes", group: "Assets", permission: Some(ResourceType::Datavolumes), tenant_wide: false, pages: Pages::Resource { kind: KIND, notice: None } };
