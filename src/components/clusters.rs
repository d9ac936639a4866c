//! The tenant's cluster names, read once per sign-in, so that a cluster is shown by its name
//! wherever the API gives only its UUID (`Cell::Cluster`); and the choices that scope a
//! dashboard (a cluster, a department), kept in its address.

use crate::api::clusters::Cluster;
use crate::api::Api;
use leptos::prelude::*;

thread_local! {
    /// (uuid, name) of every cluster the principal may read; empty until they come, or if
    /// they cannot be read (a cluster is then shown by its UUID). Reference-counted, not owned
    /// by the page that first reads it: an owned signal would go with that page's shell at
    /// sign-out, and the next principal's pages would read a disposed signal.
    static NAMES: ArcRwSignal<Vec<(String, String)>> = ArcRwSignal::new(Vec::new());
}

/// Reads the names afresh (at sign-in: another principal may see other clusters).
pub fn learn_cluster_names(api: Api) {
    NAMES.with(|n| n.set(Vec::new()));
    leptos::task::spawn_local(async move {
        if let Ok(clusters) = api.list::<Cluster>().await {
            NAMES.with(|n| n.set(clusters.into_iter().map(|c| (c.uuid, c.name)).collect()));
        }
    });
}

/// The name of cluster `uuid`, if known; tracked when read in a reactive scope.
pub fn cluster_name(uuid: &str) -> Option<String> {
    NAMES.with(|n| n.with(|names| names.iter().find(|(id, _)| id == uuid).map(|(_, name)| name.clone())))
}

/// A choice kept in the page's address as `?<key>=<value>` ("All" removes it), for what a
/// dashboard is scoped to: a cluster, a department.
pub fn scope_select(label: &'static str, key: &'static str, all: &'static str, options: Vec<(String, String)>) -> impl IntoView {
    let location = crate::router::use_location();
    let chosen = location.query.with_untracked(|q| q.get(key)).unwrap_or_default();
    let choose = move |ev| {
        let value = event_target_value(&ev);
        let mut query = location.query.get_untracked();
        if value.is_empty() { query.remove(key) } else { query.replace(key, value) }
        location.go(&(location.path.get_untracked() + &query.to_query_string()), true);
    };
    let options = options.into_iter().map(|(value, name)| view! { <option selected=value == chosen value=value>{name}</option> }).collect_view();
    view! { <label>{label}" "<select id=format!("scope-{key}") on:change=choose><option value="">{all}</option>{options}</select></label> }
}

/// The cluster chooser of a dashboard, when the tenant has several.
pub fn cluster_select() -> impl IntoView {
    move || {
        let names = NAMES.with(|n| n.get());
        (names.len() > 1).then(|| scope_select("Cluster", "cluster", "All clusters", names))
    }
}

/// The value of `key` chosen in the address, if any.
pub fn chosen(key: &'static str) -> Memo<Option<String>> {
    let location = crate::router::use_location();
    Memo::new(move |_| location.query.with(|q| q.get(key)).filter(|c| !c.is_empty()))
}
