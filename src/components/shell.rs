//! The frame around every signed-in page: who is signed in where, sign-out, and navigation
//! built from the resource registry (areas the principal may not read are left out).

use crate::api::authorization::{allows, Action};
use crate::auth::use_session;
use crate::components::network::{announce_pages, provide_network, NetworkBanners};
use crate::components::toast::Toasts;
use crate::resources::REGISTRY;
use leptos::prelude::*;
use crate::router::use_location;

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let session = use_session();
    provide_network();
    crate::components::clusters::learn_cluster_names(crate::api::use_api());
    announce_pages();
    let idle_warning = crate::auth::limits::watch();
    let principal = move || session.principal();
    let location = use_location();
    let sign_out = move |_| {
        session.sign_out();
        location.go("/", false);
    };
    let here = location.path;
    let utc = RwSignal::from(crate::components::cell::in_utc());
    let nav = move || {
        let (permissions, tenant_wide) = principal().map_or((None, None), |p| (p.permissions, p.tenant_wide));
        let visible: Vec<_> = REGISTRY
            .iter()
            .filter(|entry| entry.permission.is_none_or(|kind| permissions.as_ref().is_none_or(|p| allows(p, kind, Action::Read))))
            .filter(|entry| !entry.tenant_wide || tenant_wide != Some(false))
            .collect();
        let mut groups: Vec<&str> = visible.iter().map(|e| e.group).collect();
        groups.dedup();
        groups
            .into_iter()
            .map(|group| {
                let links = visible
                    .iter()
                    .copied()
                    .filter(|e| e.group == group)
                    .map(|e| {
                        // Under the console's base path; marked current on its list and records.
                        let list = format!("/{}", e.slug);
                        let (target, within) = (crate::util::base::href(&list), format!("{list}/"));
                        let current = move || here.with(|p| (*p == list || p.starts_with(&within)).then_some("page"));
                        view! { <li><a href=target aria-current=current>{e.title}</a></li> }
                    })
                    .collect_view();
                view! { <div class="nav-group"><h2>{group}</h2><ul>{links}</ul></div> }
            })
            .collect_view()
    };
    view! {
        <div class="shell">
            <a class="skip-link" href="#content" rel="external">"Skip to the content"</a>
            <header class="topbar">
                <a class="brand" href=crate::util::base::href("/")>"Run:ai console"</a>
                <div class="who">
                    <span class="host" title="Control plane" data-testid="control-plane-host">
                        {move || principal().map(|p| p.host)}
                    </span>
                    <span class="client" title="Signed in as" data-testid="signed-in-client">
                        {move || principal().map(|p| p.client_id)}
                    </span>
                    {crate::components::clusters::cluster_chooser()}
                    <label class="utc" title="Show times in UTC instead of this browser's time zone">
                        <input type="checkbox" data-testid="utc" prop:checked=utc on:change=move |ev| crate::components::cell::show_utc(event_target_checked(&ev))/>"UTC"
                    </label>
                    <button class="button" on:click=sign_out>"Sign out"</button>
                </div>
            </header>
            <nav class="sidenav" aria-label="Main">
                <div class="nav-group"><ul><li><a href=crate::util::base::href("/") aria-current=move || here.with(|p| (p == "/").then_some("page"))>"Overview"</a></li></ul></div>
                {nav}
            </nav>
            <main class="content" id="content" tabindex="-1">
                <NetworkBanners/>
                {move || idle_warning.get().map(|secs| view! {
                    <p class="banner" role="alert" data-testid="idle-warning">
                        {format!("You will be signed out in {secs} s for inactivity. ")}
                        <button class="button">"Stay signed in"</button>
                    </p>
                })}
                {children()}
            </main>
            <Toasts/>
        </div>
    }
}
