//! A record's detail page: a header, a grid of fields and sub-tables, all declared by the
//! resource as sections of cells.

use super::cell::{now_secs, Cell};
use super::status::{ErrorPanel, Loading};
use super::table::{ColumnHead, DataTable, TableRow};
use crate::api::{use_api, ApiError, ApiResource};
use leptos::prelude::*;

#[derive(Clone)]
pub enum SectionBody {
    /// Label and value pairs.
    Fields(Vec<(&'static str, Cell)>),
    /// A sub-table, with what to say when it has no rows.
    Table { heads: Vec<ColumnHead>, rows: Vec<TableRow>, empty: &'static str },
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
    /// The list page, for the way back.
    list_href: &'static str,
    /// List title, for the breadcrumb.
    list_title: &'static str,
    /// The sections of a record.
    sections: fn(&R) -> Vec<Section>,
) -> impl IntoView {
    let api = use_api();
    let fetch_id = id.clone();
    let data = LocalResource::new(move || {
        let id = fetch_id.clone();
        async move { api.fetch_one::<R>(&id).await.map(|record| (record.name(), sections(&record))) }
    });
    view! { <DetailView id noun list_href list_title data/> }
}

#[component]
fn DetailView(
    id: String,
    noun: &'static str,
    list_href: &'static str,
    list_title: &'static str,
    data: LocalResource<Result<(String, Vec<Section>), ApiError>>,
) -> impl IntoView {
    let body = move || {
        let id = id.clone();
        Suspend::new(async move {
            match data.await {
                Ok((name, sections)) => {
                    let now = now_secs();
                    let sections = sections.into_iter().map(|s| section_view(s, now)).collect_view();
                    view! {
                        <header class="page-header"><h1 id="page-title">{name}</h1></header>
                        {sections}
                    }
                    .into_any()
                }
                Err(error) => {
                    let doing = format!("load {noun} {id}");
                    view! {
                        <h1 id="page-title">{format!("{noun} {id}")}</h1>
                        <ErrorPanel error doing retry=Callback::new(move |_| data.refetch())>
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
        </section>
    }
}

fn section_view(section: Section, now: i64) -> impl IntoView {
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
    };
    view! { <section class="card"><h2>{section.title}</h2>{body}</section> }
}
