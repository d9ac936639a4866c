//! "My access": the signed-in principal's own access rules and what they add up to.

use crate::api::authorization::Permission;
use crate::api::iam::MyAccessRules;
use crate::api::{use_api, ApiError};
use crate::auth::use_session;
use crate::components::cell::{now_secs, Cell, Tone};
use crate::components::load::load;
use crate::components::detail::{section_view, Section, SectionBody};
use crate::components::status::{ErrorPanel, Loading};
use crate::components::resource::{Pages, ResourceEntry};
use crate::components::table::{ColumnHead, TableRow};
use leptos::prelude::*;

pub const ENTRY: ResourceEntry = ResourceEntry {
    slug: "my-access",
    title: "My access",
    group: "Access",
    // Everyone may see their own access.
    permission: None,
    tenant_wide: false,
    pages: Pages::Own(|| view! { <MyAccess/> }.into_any()),
};

#[component]
fn MyAccess() -> impl IntoView {
    let api = use_api();
    let who = use_session().principal().map(|p| p.client_id).unwrap_or_default();
    let data = load(move || {
        Box::pin(async move {
            let (rules, permissions) = futures::join!(api.my_access_rules(), api.permissions());
            Ok::<_, ApiError>((rules?, permissions?))
        })
    });
    let retry = data.retry();
    let body = move || match data.get() {
        None => view! { <Loading what="your access"/> }.into_any(),
        Some(Ok((rules, permissions))) => {
            let now = now_secs();
            sections(&rules, &permissions).into_iter().map(|s| section_view(s, now)).collect_view().into_any()
        }
        Some(Err(error)) => view! { <ErrorPanel error doing="load your access" retry/> }.into_any(),
    };
    view! {
        <section class="page" aria-labelledby="page-title">
            <header class="page-header"><h1 id="page-title">"My access"</h1><span class="hint">{format!("Signed in as {who}")}</span></header>
            {body}
        </section>
    }
}

fn sections(rules: &MyAccessRules, permissions: &[Permission]) -> Vec<Section> {
    let heads = |titles: &[&'static str]| titles.iter().map(|t| ColumnHead::new(t, t)).collect();
    let rule_rows = rules
        .access_rules
        .access_rules
        .iter()
        .map(|r| TableRow {
            key: r.id.to_string(),
            name: r.role_name.clone(),
            href: None,
            cells: vec![
                Cell::Link { text: r.role_name.clone(), href: format!("/roles/{}", r.role_id) },
                Cell::Text(format!("{} {}", r.scope_type, r.scope_name)),
                Cell::Text(format!("{} {}", r.subject_type, r.subject_id)),
            ],
        })
        .collect();
    let permission_rows = permissions
        .iter()
        .map(|p| TableRow {
            key: p.resource_type.clone(),
            name: p.resource_type.clone(),
            href: None,
            cells: vec![
                Cell::Text(if p.display_name.is_empty() { p.resource_type.clone() } else { p.display_name.clone() }),
                Cell::Status { label: p.actions.join(", "), tone: Tone::Neutral },
            ],
        })
        .collect();
    vec![
        Section {
            title: "Access rules",
            body: SectionBody::Table { heads: heads(&["Role", "Scope", "Granted to"]), rows: rule_rows, empty: "No access rule grants you anything." },
        },
        Section {
            title: "What you may do",
            body: SectionBody::Table { heads: heads(&["Resource type", "Actions"]), rows: permission_rows, empty: "You may do nothing in this tenant." },
        },
    ]
}
