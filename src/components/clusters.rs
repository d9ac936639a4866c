//! The tenant's cluster names, read once per sign-in, so that a cluster is shown by its name
//! wherever the API gives only its UUID (`Cell::Cluster`); the cluster chosen in the top bar,
//! which scopes the pages; and a dashboard's own choices (a department), kept in its address.

use crate::api::clusters::Cluster;
use crate::api::Api;
use crate::router::Location;
use leptos::prelude::*;

thread_local! {
    /// (uuid, name) of every cluster the principal may read; empty until they come, or if
    /// they cannot be read (a cluster is then shown by its UUID). Reference-counted, not owned
    /// by the page that first reads it: an owned signal would go with that page's shell at
    /// sign-out, and the next principal's pages would read a disposed signal.
    static NAMES: ArcRwSignal<Vec<(String, String)>> = ArcRwSignal::new(Vec::new());
    /// The cluster that scopes the pages (`None`: all), chosen in the top bar.
    static CHOSEN: ArcRwSignal<Option<String>> = ArcRwSignal::new(None);
}

/// Reads the names afresh (at sign-in: another principal may see other clusters).
pub fn learn_cluster_names(api: Api) {
    NAMES.with(|n| n.set(Vec::new()));
    CHOSEN.with(|c| c.set(None));
    leptos::task::spawn_local(async move {
        if let Ok(clusters) = api.list::<Cluster>().await {
            NAMES.with(|n| n.set(clusters.into_iter().map(|c| (c.uuid, c.name)).collect()));
        }
    });
}

/// Every cluster the principal may read, as (uuid, name); tracked.
pub fn cluster_names() -> Vec<(String, String)> {
    NAMES.with(|n| n.get())
}

/// Every cluster as (uuid, name): `known` (the names since sign-in), else read now (they may
/// not have come yet).
pub async fn every_cluster(api: Api, known: Vec<(String, String)>) -> Result<Vec<(String, String)>, crate::api::ApiError> {
    if !known.is_empty() {
        return Ok(known);
    }
    Ok(api.list::<Cluster>().await?.into_iter().map(|c| (c.uuid, c.name)).collect())
}

/// The name of cluster `uuid`, if known; tracked when read in a reactive scope.
pub fn cluster_name(uuid: &str) -> Option<String> {
    NAMES.with(|n| n.with(|names| names.iter().find(|(id, _)| id == uuid).map(|(_, name)| name.clone())))
}

/// A choice kept in the page's address as `?<key>=<value>` ("All" removes it), for what a
/// dashboard is scoped to (a department).
pub fn scope_select(label: &'static str, key: &'static str, all: &'static str, options: Vec<(String, String)>) -> impl IntoView {
    let chosen = crate::router::use_location().query.with_untracked(|q| q.get(key)).unwrap_or_default();
    choice(label, key, all, options, chosen, readdress)
}

/// A labelled `<select id="scope-<key>">`: "All …" (the empty value), then `options` as
/// (value, name); `choose` gets what is picked.
fn choice(label: &'static str, key: &'static str, all: &'static str, options: Vec<(String, String)>, chosen: String, choose: fn(Location, &'static str, String)) -> AnyView {
    let location = crate::router::use_location();
    let options = options.into_iter().map(|(value, name)| view! { <option selected=value == chosen value=value>{name}</option> }).collect_view();
    view! {
        <label class="scope">{label}" "
            <select id=format!("scope-{key}") on:change=move |ev| choose(location, key, event_target_value(&ev))><option value="">{all}</option>{options}</select>
        </label>
    }
    .into_any()
}

/// `?<key>=<value>` in the page's address, in place of the one there (none for "").
fn readdress(location: Location, key: &'static str, value: String) {
    let mut query = location.query.get_untracked();
    if value.is_empty() { query.remove(key) } else { query.replace(key, value) }
    location.go(&(location.path.get_untracked() + &query.to_query_string()), true);
}

/// The cluster that scopes the pages, if one is chosen (tracked).
pub fn chosen_cluster() -> Option<String> {
    CHOSEN.with(|c| c.get())
}

/// The top bar's cluster chooser, when the tenant has several clusters: it scopes the
/// dashboards and every list of records that belong to a cluster. An address with
/// `?cluster=<uuid>` (a link to one cluster's Overview) chooses too, and a choice made here
/// replaces the one in the address, so the two never disagree.
pub fn cluster_chooser() -> impl IntoView {
    let location = crate::router::use_location();
    Effect::new(move |_| {
        if let Some(uuid) = location.query.with(|q| q.get("cluster")) {
            CHOSEN.with(|c| c.set(Some(uuid).filter(|u| !u.is_empty())));
        }
    });
    let choose = |location: Location, key, uuid: String| {
        // Another cluster's list starts on its first page: the page it was on may be past
        // the new one's end.
        let mut query = location.query.get_untracked();
        let (named, paged) = (query.get(key).is_some(), query.get("page").is_some());
        query.remove("page");
        if named {
            query.replace(key, uuid.clone());
        }
        if named || paged {
            location.go(&(location.path.get_untracked() + &query.to_query_string()), true);
        }
        CHOSEN.with(|c| c.set(Some(uuid).filter(|u| !u.is_empty())));
    };
    move || {
        let names = cluster_names();
        (names.len() > 1).then(|| choice("Cluster", "cluster", "All clusters", names, chosen_cluster().unwrap_or_default(), choose))
    }
}

/// The value of `key` chosen in the address, if any.
pub fn chosen(key: &'static str) -> Memo<Option<String>> {
    let location = crate::router::use_location();
    Memo::new(move |_| location.query.with(|q| q.get(key)).filter(|c| !c.is_empty()))
}
