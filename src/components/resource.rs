//! A resource type, described once: where it lives in the console (slug, nouns, navigation
//! group), which permission governs it, its columns, detail sections, form and actions. The
//! routes, navigation, breadcrumbs, links, list actions and permission gating all come from
//! this description; a resource module implements `Resource` and adds one registry line.

use super::actions::RecordAction;
use super::detail::{resource_detail, Section};
use super::form::{FormPage, FormSpec};
use super::list::{resource_table, Column};
use super::list_state::ListState;
use crate::api::authorization::{Action, ResourceType};
use crate::api::filter::Filter;
use crate::api::ApiResource;
use crate::auth::use_session;
use leptos::prelude::*;

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
}

/// Whether the signed-in principal may `action` on records of `R`.
pub fn may<R: Resource>(action: Action) -> bool {
    R::PERMISSION.is_none_or(|kind| use_session().can(kind, action))
}

/// The path of a record's detail page.
pub fn record_href<R: Resource>(record: &R) -> String {
    format!("/{}/{}", R::SLUG, record.id())
}

/// The list of `R` within `scope` (e.g. one cluster's node pools); `embedded` lists sit in
/// another page and keep their state to themselves.
pub fn table<R: Resource>(scope: Vec<Filter>, embedded: bool) -> AnyView {
    let state = if embedded { ListState::local() } else { ListState::in_url() };
    resource_table::<R>(scope, state, embedded).into_any()
}

fn list_page<R: Resource>() -> AnyView {
    let notice = R::NOTICE.map(|n| view! { <p class="notice">{n}</p> });
    view! { {notice}{table::<R>(Vec::new(), false)} }.into_any()
}

fn detail_page<R: Resource>(id: String) -> AnyView {
    resource_detail::<R>(id).into_any()
}

/// The create (`None`) and edit (`Some(id)`) page; a principal who may not gets told so.
fn form_page<R: Resource>(id: Option<String>) -> AnyView {
    let creating = id.is_none();
    let (verb, action) = if creating { ("create", Action::Create) } else { ("change", Action::Update) };
    match R::form().filter(|spec| creating || spec.editable) {
        None => view! { <super::super::pages::NotFound/> }.into_any(),
        Some(_) if !may::<R>(action) => view! {
            <section class="page" aria-labelledby="page-title">
                <h1 id="page-title">{R::TITLE}</h1>
                <p class="error-panel" role="alert">{format!("You do not have permission to {verb} {}.", R::PLURAL)}</p>
                <a class="button" href=format!("/{}", R::SLUG)>{format!("Back to {}", R::PLURAL)}</a>
            </section>
        }
        .into_any(),
        Some(spec) => view! { <FormPage<R> spec id/> }.into_any(),
    }
}

/// A place in the console: a resource type's pages, or a page of its own (`My access`).
pub struct ResourceEntry {
    pub slug: &'static str,
    pub title: &'static str,
    pub group: &'static str,
    pub permission: Option<ResourceType>,
    pub tenant_wide: bool,
    pub list: fn() -> AnyView,
    pub detail: Option<fn(String) -> AnyView>,
    pub form: Option<fn(Option<String>) -> AnyView>,
}

/// The registry entry of resource type `R`.
pub const fn entry<R: Resource>() -> ResourceEntry {
    ResourceEntry {
        slug: R::SLUG,
        title: R::TITLE,
        group: R::GROUP,
        permission: R::PERMISSION,
        tenant_wide: R::TENANT_WIDE,
        list: list_page::<R>,
        detail: if R::DETAIL { Some(detail_page::<R>) } else { None },
        form: Some(form_page::<R>),
    }
}

/// The records of `R` whose `field` equals `value`, as a list inside another page (a
/// cluster's node pools, a subject's access rules).
pub fn related<R: Resource>(field: &'static str, value: String) -> AnyView {
    table::<R>(vec![Filter { field: field.into(), op: crate::api::filter::Op::Eq, value }], true)
}
