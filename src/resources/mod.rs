//! The registry: every resource type the console shows, declared once. It feeds the routes
//! (`/:slug`, `/:slug/new`, `/:slug/:id`, `/:slug/:id/edit`) and the navigation. Adding a
//! type means one module and one line here.

pub mod access_keys;
pub mod access_rules;
pub mod clusters;
pub mod departments;
pub mod nodepools;
pub mod nodes;
pub mod my_access;
pub mod org;
pub mod projects;
pub mod roles;
pub mod service_accounts;
pub mod users;

use leptos::prelude::AnyView;

pub struct ResourceEntry {
    /// The URL segment, e.g. `clusters`.
    pub slug: &'static str,
    /// Navigation label and page title.
    pub title: &'static str,
    /// Navigation group.
    pub group: &'static str,
    /// The API `ResourceType` whose permissions gate this area ("" for everyone).
    pub permission: &'static str,
    /// Tenant-wide records (users, service accounts, roles): shown only to principals with a
    /// rule at tenant scope, since the API refuses everyone else.
    pub tenant_wide: bool,
    pub list: fn() -> AnyView,
    /// The detail page of one record; `None` when records have none (nodes).
    pub detail: Option<fn(String) -> AnyView>,
    /// The create (`None`) and edit (`Some(id)`) page, when the type can be written.
    pub form: Option<fn(Option<String>) -> AnyView>,
}

pub static REGISTRY: &[ResourceEntry] = &[
    clusters::ENTRY,
    nodepools::ENTRY,
    nodes::ENTRY,
    departments::ENTRY,
    projects::ENTRY,
    users::ENTRY,
    service_accounts::ENTRY,
    service_accounts::APPLICATIONS,
    access_rules::ENTRY,
    roles::ENTRY,
    my_access::ENTRY,
    access_keys::MINE,
    access_keys::EVERYONES,
];

pub fn find(slug: &str) -> Option<&'static ResourceEntry> {
    REGISTRY.iter().find(|entry| entry.slug == slug)
}
