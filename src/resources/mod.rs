//! The registry: every resource type the console shows, declared once. It feeds the routes
//! (`/:slug`, `/:slug/:id`) and the navigation. Adding a type means one module and one line.

pub mod clusters;

use leptos::prelude::AnyView;

pub struct ResourceEntry {
    /// The URL segment, e.g. `clusters`.
    pub slug: &'static str,
    /// Navigation label and page title.
    pub title: &'static str,
    /// Navigation group.
    pub group: &'static str,
    /// The API `ResourceType` whose `read` permission shows this area.
    pub permission: &'static str,
    pub list: fn() -> AnyView,
    pub detail: fn(String) -> AnyView,
}

pub static REGISTRY: &[ResourceEntry] = &[clusters::ENTRY];

pub fn find(slug: &str) -> Option<&'static ResourceEntry> {
    REGISTRY.iter().find(|entry| entry.slug == slug)
}
