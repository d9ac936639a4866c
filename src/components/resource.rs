//! A resource type, described once: where it lives in the console (slug, nouns, navigation
//! group), which permission governs it, its columns, detail sections, form and actions. The
//! routes, navigation, breadcrumbs, links, list actions and permission gating all come from
//! this description; a resource module implements `Resource` and adds one registry line.
//!
//! The generic pages are written once against `Kind`, the description with the record type
//! erased: only the few functions here that decode and convert records are instantiated per
//! type, which keeps each resource type to a few KB of the bundle.

use super::actions::{Outcome, RecordAction};
use super::detail::{resource_detail, Section};
use super::form::{FormPage, FormSpec};
use super::list::{resource_table, Column, ColumnFilter, ColumnInfo};
use super::list_state::ListState;
use super::secret::Secrets;
use super::table::{ColumnHead, TableRow};
use crate::api::authorization::{Action, ResourceType};
use crate::api::filter::{Filter, Op};
use crate::api::list::{ListQuery, Paging};
use crate::api::resource::{wire, Wire};
use crate::api::{Api, ApiResource, Pending};
use crate::auth::use_session;
use leptos::prelude::*;
use std::any::Any;
use std::rc::Rc;

pub trait Resource: ApiResource {
    /// The URL segment: the list is at `/<slug>`, a record at `/<slug>/<id>`.
    const SLUG: &'static str;
    /// The list's title and navigation label, e.g. "Node pools".
    const TITLE: &'static str;
    /// One record, lowercase, e.g. "node pool".
    const NOUN: &'static str;
    /// Several records, lowercase, e.g. "node pools".
    const PLURAL: &'static str;
    /// The navigation group.
    const GROUP: &'static str;
    /// The API resource type whose permissions gate the area and its controls; `None` for
    /// areas every principal has (their own access keys).
    const PERMISSION: Option<ResourceType>;
    /// Tenant-wide records (users, roles): shown only to principals with a rule at tenant
    /// scope, since the API refuses everyone else.
    const TENANT_WIDE: bool = false;
    /// Whether records have a detail page (else only the list's details pane).
    const DETAIL: bool = true;
    /// Whether the console offers deleting records.
    const DELETABLE: bool = true;
    /// A note above the list (a deprecation, say).
    const NOTICE: Option<&'static str> = None;
    /// Seconds between the list's own refreshes, for records that change by themselves.
    const REFRESH_SECS: Option<u32> = None;
    /// The API's field naming a record's cluster, by which the cluster chosen in the top bar
    /// scopes the list.
    const CLUSTER_FIELD: Option<&'static str> = None;

    /// The list's columns, in order.
    fn columns() -> Vec<Column<Self>>;
    /// The detail page's (and details pane's) sections.
    fn sections(&self) -> Vec<Section>;
    /// How records are created (and edited, if the form says so); `None` for read-only types.
    fn form() -> Option<FormSpec<Self>> {
        None
    }
    /// Actions beyond create, edit and delete.
    fn actions() -> Vec<RecordAction<Self>> {
        Vec::new()
    }
    /// When the record was created, for the built-in `created` column.
    fn created(&self) -> Option<&str> {
        None
    }
    /// Whether this record may be deleted at all (the API refuses some, such as the default
    /// node pool); delete is then not offered for it.
    fn deletable(&self) -> bool {
        true
    }
}

/// A record of any resource type, as the generic pages hold it.
pub trait Record: 'static {
    fn id(&self) -> String;
    fn name(&self) -> String;
    fn sections(&self) -> Vec<Section>;
    fn deletable(&self) -> bool;
    fn as_any(&self) -> &dyn Any;
}

impl<R: Resource> Record for R {
    fn id(&self) -> String {
        ApiResource::id(self)
    }
    fn name(&self) -> String {
        ApiResource::name(self)
    }
    fn sections(&self) -> Vec<Section> {
        Resource::sections(self)
    }
    fn deletable(&self) -> bool {
        Resource::deletable(self)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

pub type Rec = Rc<dyn Record>;

/// A form with the record type erased.
pub struct Form {
    pub fields: fn() -> Vec<super::form_model::Field>,
    pub initial: Rc<dyn Fn(Option<&dyn Record>) -> super::form_model::Values>,
    pub payload: fn(&super::form_model::Values, bool) -> String,
    pub secrets: Rc<dyn Fn(&dyn Record) -> Secrets>,
    pub editable: bool,
    pub submit: Option<super::form::Submit>,
}

/// An action with the record type erased.
pub struct Act {
    pub label: &'static str,
    pub needs: Action,
    pub confirm: Option<&'static str>,
    pub bulk: bool,
    pub applies: Box<dyn Fn(&dyn Record) -> bool>,
    pub run: Box<dyn Fn(Api, &dyn Record) -> Pending<Outcome>>,
}

/// A resource type as the generic pages see it: its description, and its records reached
/// through plain functions.
#[derive(Clone, Copy)]
pub struct Kind {
    pub slug: &'static str,
    pub title: &'static str,
    pub noun: &'static str,
    pub plural: &'static str,
    pub permission: Option<ResourceType>,
    pub detail: bool,
    pub deletable: bool,
    pub searchable: bool,
    /// Seconds between the list's own refreshes, if it has them.
    pub refresh: Option<u32>,
    pub cluster_field: Option<&'static str>,
    pub paging: Paging,
    pub columns: fn() -> Vec<ColumnInfo>,
    /// Reads and writes, compiled once for every type (see `Wire`).
    pub wire: Wire<Rec>,
    pub rows: fn(&[Rec]) -> Vec<TableRow>,
    pub form: fn() -> Option<Form>,
    pub actions: fn() -> Vec<Act>,
}

impl Kind {
    /// Whether the signed-in principal may `action` on records of this kind.
    pub fn may(&self, action: Action) -> bool {
        self.permission.is_none_or(|kind| use_session().can(kind, action))
    }
    pub fn href(&self, id: &str) -> String {
        format!("/{}/{id}", self.slug)
    }
    /// A page of records as the API sends them, as the query asks (all of them where the API
    /// does not page), and whether more follow; `measured` as in `Wire::page_read`.
    pub fn page(self, api: Api, query: ListQuery, measured: bool) -> Pending<(Vec<serde_json::Value>, bool)> {
        Box::pin(async move { self.wire.untyped().read(api, (self.paging == Paging::Server).then_some(&query), measured).await })
    }
    pub fn count(self, api: Api, query: ListQuery) -> Pending<u64> {
        Box::pin(async move { self.wire.count(api, &query).await })
    }
    pub fn one(self, api: Api, id: String) -> Pending<Rec> {
        Box::pin(async move { self.wire.one(api, &id).await })
    }
    /// Creates (`None`) or updates (`Some(id)`) a record from a JSON body.
    pub fn save(self, api: Api, id: Option<String>, body: String) -> Pending<Rec> {
        Box::pin(async move { self.wire.save(api, id.as_deref(), body).await })
    }
    pub fn delete(self, api: Api, id: String) -> Pending<()> {
        Box::pin(async move { self.wire.delete(api, &id).await })
    }
}

/// The kind of resource type `R`.
pub const fn kind<R: Resource>() -> Kind {
    Kind {
        slug: R::SLUG,
        title: R::TITLE,
        noun: R::NOUN,
        plural: R::PLURAL,
        permission: R::PERMISSION,
        detail: R::DETAIL,
        deletable: R::DELETABLE,
        searchable: R::SEARCHABLE || matches!(R::PAGING, Paging::None),
        refresh: R::REFRESH_SECS,
        cluster_field: R::CLUSTER_FIELD,
        paging: R::PAGING,
        columns: columns_of::<R>,
        wire: wire::<R, Rec>(decode::<R>),
        rows: rows_of::<R>,
        form: form_of::<R>,
        actions: actions_of::<R>,
    }
}

fn downcast<R: Resource>(record: &dyn Record) -> Option<&R> {
    record.as_any().downcast_ref::<R>()
}

fn columns_of<R: Resource>() -> Vec<ColumnInfo> {
    let local = R::PAGING == Paging::None;
    R::columns()
        .iter()
        .map(|c| ColumnInfo {
            head: ColumnHead::new(c.key, c.title),
            // Lists the API does not page are sorted and filtered here, by any column.
            sort: if local { Some(c.key) } else { c.sort },
            filter: if local { Some(ColumnFilter { field: c.key, ops: &Op::TEXT, dates: false }) } else { c.filter },
            shown: c.shown,
        })
        .collect()
}

fn decode<R: Resource>(value: &serde_json::Value) -> Rec {
    Rc::new(R::from_json(value))
}

fn rows_of<R: Resource>(records: &[Rec]) -> Vec<TableRow> {
    let columns = R::columns();
    records
        .iter()
        .filter_map(|record| {
            let item = downcast::<R>(record.as_ref())?;
            Some(TableRow {
                key: ApiResource::id(item),
                name: ApiResource::name(item),
                href: R::DETAIL.then(|| format!("/{}/{}", R::SLUG, ApiResource::id(item))),
                cells: columns.iter().map(|c| (c.cell)(item)).collect(),
            })
        })
        .collect()
}

fn form_of<R: Resource>() -> Option<Form> {
    let spec = R::form()?;
    let (initial, secrets) = (spec.initial, spec.secrets);
    Some(Form {
        fields: spec.fields,
        initial: Rc::new(move |record| initial(record.and_then(downcast::<R>))),
        payload: spec.payload,
        secrets: Rc::new(move |record| downcast::<R>(record).map(secrets).unwrap_or_default()),
        editable: spec.editable,
        submit: spec.submit,
    })
}

fn actions_of<R: Resource>() -> Vec<Act> {
    R::actions()
        .into_iter()
        .map(|a| {
            let (applies, run) = (a.applies, a.run);
            Act {
                label: a.label,
                needs: a.needs,
                confirm: a.confirm,
                bulk: a.bulk,
                applies: Box::new(move |record| downcast::<R>(record).is_some_and(applies)),
                run: Box::new(move |api, record| match downcast::<R>(record) {
                    Some(r) => run(api, r),
                    None => Box::pin(async { Ok(Outcome::Done(String::new())) }),
                }),
            }
        })
        .collect()
}

/// The list of `kind` within `scope` (e.g. one cluster's node pools); `embedded` lists sit in
/// another page and keep their state to themselves.
pub fn table(kind: Kind, scope: Vec<Filter>, embedded: bool) -> AnyView {
    let state = if embedded { ListState::local() } else { ListState::in_url() };
    resource_table(kind, scope, state, embedded).into_any()
}

/// The records of `R` whose `field` equals `value`, as a list inside another page (a
/// cluster's node pools, a subject's access rules).
pub fn related<R: Resource>(field: &'static str, value: String) -> AnyView {
    table(kind::<R>(), vec![Filter { field: field.into(), op: Op::Eq, value }], true)
}

/// A list, within the cluster chosen in the top bar if its records belong to one.
fn list_page(kind: Kind, notice: Option<&'static str>) -> AnyView {
    let notice = notice.map(|n| view! { <p class="notice">{n}</p> });
    let scoped = move || {
        let chosen = kind.cluster_field.zip(super::clusters::chosen_cluster());
        table(kind, chosen.map(|(field, value)| Filter { field: field.into(), op: Op::Eq, value }).into_iter().collect(), false)
    };
    view! { {notice}{scoped} }.into_any()
}

/// The create (`None`) and edit (`Some(id)`) page; a principal who may not gets told so.
fn form_page(kind: Kind, id: Option<String>, from: Option<String>) -> AnyView {
    let creating = id.is_none();
    let (verb, action) = if creating { ("create", Action::Create) } else { ("change", Action::Update) };
    match (kind.form)().filter(|form| creating || form.editable) {
        None => view! { <super::super::pages::NotFound/> }.into_any(),
        Some(_) if !kind.may(action) => view! {
            <section class="page" aria-labelledby="page-title">
                <h1 id="page-title">{kind.title}</h1>
                <p class="error-panel" role="alert">{format!("You do not have permission to {verb} {}.", kind.plural)}</p>
                <a class="button" href=crate::util::base::href(&format!("/{}", kind.slug))>{format!("Back to {}", kind.plural)}</a>
            </section>
        }
        .into_any(),
        Some(form) => view! { <FormPage kind form id from/> }.into_any(),
    }
}

/// A place in the console: a resource type's pages, or a page of its own (`My access`).
pub struct ResourceEntry {
    pub slug: &'static str,
    pub title: &'static str,
    pub group: &'static str,
    pub permission: Option<ResourceType>,
    pub tenant_wide: bool,
    pub pages: Pages,
}

pub enum Pages {
    /// The generic list, detail and form pages of a resource type.
    Resource { kind: Kind, notice: Option<&'static str> },
    /// A page of its own.
    Own(fn() -> AnyView),
}

impl ResourceEntry {
    pub fn list(&self) -> AnyView {
        match self.pages {
            Pages::Resource { kind, notice } => list_page(kind, notice),
            Pages::Own(page) => page(),
        }
    }
    pub fn detail(&self, id: String) -> Option<AnyView> {
        match self.pages {
            Pages::Resource { kind, .. } if kind.detail => Some(resource_detail(kind, id).into_any()),
            _ => None,
        }
    }
    /// The create page (`id` none; `from`, a record to copy) or the edit page of record `id`.
    pub fn form(&self, id: Option<String>, from: Option<String>) -> Option<AnyView> {
        match self.pages {
            Pages::Resource { kind, .. } => Some(form_page(kind, id, from)),
            Pages::Own(_) => None,
        }
    }
}

/// The registry entry of resource type `R`.
pub const fn entry<R: Resource>() -> ResourceEntry {
    ResourceEntry {
        slug: R::SLUG,
        title: R::TITLE,
        group: R::GROUP,
        permission: R::PERMISSION,
        tenant_wide: R::TENANT_WIDE,
        pages: Pages::Resource { kind: kind::<R>(), notice: R::NOTICE },
    }
}
