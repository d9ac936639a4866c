//! A record's detail page: a header with edit and delete, a grid of fields, and sub-tables,
//! all declared by the resource as sections.

use super::cell::{now_secs, Cell};
use super::dialog::ConfirmDialog;
use super::status::{ErrorPanel, Loading};
use super::table::{ColumnHead, DataTable, TableRow};
use super::toast::use_toaster;
use crate::api::{use_api, ApiError, ApiResource};
use crate::auth::use_session;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[derive(Clone)]
pub enum SectionBody {
    /// Label and value pairs.
    Fields(Vec<(&'static str, Cell)>),
    /// A table of plain rows, with what to say when it has none.
    Table { heads: Vec<ColumnHead>, rows: Vec<TableRow>, empty: &'static str },
    /// A related list that loads itself (a cluster's node pools), given this record's id.
    Related { id: String, render: fn(String) -> AnyView },
}

#[derive(Clone)]
pub struct Section {
    pub title: &'static str,
    pub body: SectionBody,
}

/// The detail page of one `R`.
#[component]
pub fn ResourceDetail<R: ApiResource>(
    /// The record's id.
    id: String,
    /// Singular noun for messages, e.g. "cluster".
    noun: &'static str,
    /// The list page, for the way back; records are at `<list_href>/<id>`.
    list_href: &'static str,
    /// List title, for the breadcrumb.
    list_title: &'static str,
    /// The sections of a record.
    sections: fn(&R) -> Vec<Section>,
    /// The API `ResourceType` whose permissions offer edit and delete (none when empty).
    #[prop(optional)]
    permission: &'static str,
    /// Whether the API can update these records at all (users, for one, cannot be edited).
    #[prop(default = true)]
    editable: bool,
) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let can = |action| !permission.is_empty() && session.can(permission, action);
    let (can_edit, can_delete) = (editable && can("update"), can("delete"));
    let fetch_id = id.clone();
    let data = LocalResource::new(move || {
        let id = fetch_id.clone();
        async move { api.fetch_one::<R>(&id).await.map(|record| (record.name(), sections(&record))) }
    });
    let delete_id = id.clone();
    let delete = Action::new_local(move |_: &()| {
        let id = delete_id.clone();
        async move { api.delete::<R>(&id).await }
    });
    view! { <DetailView id noun list_href list_title data can_edit can_delete delete/> }
}

#[component]
fn DetailView(
    id: String,
    noun: &'static str,
    list_href: &'static str,
    list_title: &'static str,
    data: LocalResource<Result<(String, Vec<Section>), ApiError>>,
    can_edit: bool,
    can_delete: bool,
    delete: Action<(), Result<(), ApiError>>,
) -> impl IntoView {
    let toaster = use_toaster();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    Effect::new(move |_| match delete.value().get() {
        Some(Ok(())) => {
            toaster.success(format!("Deleted {noun} {}.", name.get_untracked()));
            navigate(list_href, Default::default());
        }
        Some(Err(error)) => {
            confirming.set(false);
            toaster.failure(error.explain(&format!("delete the {noun}")));
        }
        None => {}
    });
    let edit_href = format!("{list_href}/{id}/edit");
    // Outside the Suspend below, which disposes what it creates on every reload.
    let retry = Callback::new(move |_| data.refetch());
    let body = move || {
        let (id, edit_href) = (id.clone(), edit_href.clone());
        Suspend::new(async move {
            match data.await {
                Ok((title, sections)) => {
                    name.set(title.clone());
                    let now = now_secs();
                    let sections = sections.into_iter().map(|s| section_view(s, now)).collect_view();
                    let edit = can_edit.then(|| view! { <a class="button" href=edit_href>"Edit"</a> });
                    let remove = can_delete.then(|| view! { <button class="button danger" on:click=move |_| confirming.set(true)>"Delete"</button> });
                    view! {
                        <header class="page-header"><h1 id="page-title">{title}</h1><div class="toolbar">{edit}{remove}</div></header>
                        {sections}
                    }
                    .into_any()
                }
                Err(error) => {
                    let doing = format!("load {noun} {id}");
                    view! {
                        <h1 id="page-title">{format!("{noun} {id}")}</h1>
                        <ErrorPanel error doing retry>
                            <a class="button" href=list_href>{format!("Back to {}", list_title.to_lowercase())}</a>
                        </ErrorPanel>
                    }
                    .into_any()
                }
            }
        })
    };
    view! {
        <section class="page detail" aria-labelledby="page-title">
            <nav class="breadcrumb" aria-label="Breadcrumb"><a href=list_href>{list_title}</a></nav>
            <Transition fallback=move || view! { <Loading what=noun/> }>{body}</Transition>
            <ConfirmDialog open=confirming title=Signal::derive(move || format!("Delete {noun} {}?", name.get()))
                items=Signal::derive(move || vec![name.get()]) confirm_label="Delete" pending=delete.pending()
                on_confirm=Callback::new(move |_| { delete.dispatch(()); }) on_cancel=Callback::new(move |_| confirming.set(false))/>
        </section>
    }
}

/// One section as markup (also used by the list's details pane).
pub fn section_view(section: Section, now: i64) -> impl IntoView {
    let body = match section.body {
        SectionBody::Fields(fields) => {
            let items = fields
                .into_iter()
                .map(|(label, cell)| view! { <div class="field"><dt>{label}</dt><dd>{cell.render(now)}</dd></div> })
                .collect_view();
            view! { <dl class="fields">{items}</dl> }.into_any()
        }
        SectionBody::Table { rows, empty, .. } if rows.is_empty() => view! { <p class="summary">{empty}</p> }.into_any(),
        SectionBody::Table { heads, rows, .. } => view! { <DataTable label=section.title heads rows/> }.into_any(),
        SectionBody::Related { id, render } => render(id),
    };
    view! { <section class="card"><h2>{section.title}</h2>{body}</section> }
}
