//! A record's detail page: a header with edit and delete, a grid of fields, and sub-tables,
//! all declared by the resource as sections.

use super::cell::{now_secs, Cell};
use super::dialog::ConfirmDialog;
use super::status::{ErrorPanel, Loading};
use super::table::{ColumnHead, DataTable, TableRow};
use super::toast::use_toaster;
use super::actions::{bind, ActionButtons, BoundAction};
use super::resource::{Kind, Rec};
use crate::api::{use_api, ApiError};
use leptos::prelude::*;

#[derive(Clone)]
pub enum SectionBody {
    /// Label and value pairs.
    Fields(Vec<(&'static str, Cell)>),
    /// A table of plain rows, with what to say when it has none.
    Table { heads: Vec<ColumnHead>, rows: Vec<TableRow>, empty: &'static str },
    /// A related list that loads itself (a cluster's node pools), given this record's id.
    Related { id: String, render: fn(String) -> AnyView },
    /// A table the section loads for itself (a workload's events), filterable and sortable.
    Feed(super::feed::Feed),
}

#[derive(Clone)]
pub struct Section {
    pub title: &'static str,
    pub body: SectionBody,
}

/// The detail page of record `id` of `kind`, with the edit, delete and other actions the
/// kind declares and the principal may use.
pub fn resource_detail(kind: Kind, id: String) -> impl IntoView {
    let api = use_api();
    // The same controls the list offers for its records.
    let allowed = super::list::ListActions::of(&kind);
    let (can_edit, can_delete) = (allowed.edit_base.is_some(), allowed.delete);
    let record: StoredValue<Option<Rec>, LocalStorage> = StoredValue::new_local(None);
    let fetch_id = id.clone();
    let data = super::load::load(move || {
        let id = fetch_id.clone();
        // Read (not used) so that the record reloads when the connection comes back.
        super::network::reconnections();
        Box::pin(async move {
            let r = kind.one(api, id).await?;
            let shown = (r.name(), r.sections(), r.deletable());
            record.try_set_value(Some(r));
            Ok(shown)
        })
    });
    let delete_id = id.clone();
    let delete = super::load::Task::new(move |_: &()| kind.delete(api, delete_id.clone()));
    let declared = (kind.actions)().into_iter().filter(|a| kind.may(a.needs)).collect();
    let lookup = std::rc::Rc::new(move |_: &str| record.try_with_value(Clone::clone).flatten());
    let actions = bind(api, declared, lookup);
    let list_href = format!("/{}", kind.slug);
    view! { <DetailView id noun=kind.noun list_href list_title=kind.title data can_edit can_delete delete actions/> }
}

#[component]
fn DetailView(
    id: String,
    noun: &'static str,
    list_href: String,
    list_title: &'static str,
    data: super::load::Load<(String, Vec<Section>, bool)>,
    can_edit: bool,
    can_delete: bool,
    delete: super::load::Task<(), Result<(), ApiError>>,
    actions: Vec<BoundAction>,
) -> impl IntoView {
    let actions = StoredValue::new_local(actions);
    let toaster = use_toaster();
    let location = crate::router::use_location();
    let confirming = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    // Whether this record may be deleted at all (the default node pool may not).
    let deletable = RwSignal::new(false);
    let back = list_href.clone();
    Effect::new(move |_| match delete.outcome() {
        Some(Ok(())) => {
            toaster.success(format!("Deleted {noun} {}.", name.get_untracked()));
            location.go(&back, false);
        }
        Some(Err(error)) => {
            confirming.set(false);
            toaster.failure(error.explain(&format!("delete the {noun}")));
        }
        None => {}
    });
    let edit_href = format!("{list_href}/{id}/edit");
    let retry = data.retry();
    let target = Signal::derive({
        let id = id.clone();
        move || vec![(id.clone(), name.get())]
    });
    // The header stays put while the record reloads (after an action, say), so the dialogs
    // its actions opened survive the reload.
    let heading = {
        let id = id.clone();
        move || name.with(|n| if n.is_empty() { format!("{noun} {id}") } else { n.clone() })
    };
    let toolbar = move || {
        let loaded = !name.with(String::is_empty);
        let edit = (loaded && can_edit).then(|| view! { <a class="button" href=crate::util::base::href(&edit_href)>"Edit"</a> });
        let remove = (loaded && can_delete && deletable.get()).then(|| view! { <button class="button danger" on:click=move |_| confirming.set(true)>"Delete"</button> });
        view! { {edit}{remove} }
    };
    let list = list_href.clone();
    let body = move || {
        let (id, list_href) = (id.clone(), list.clone());
        match data.get() {
            None => view! { <Loading what=noun/> }.into_any(),
            Some(Ok((title, sections, may_delete))) => {
                super::network::set_title(&title);
                deletable.set(may_delete);
                name.set(title);
                let now = now_secs();
                sections.into_iter().map(|s| section_view(s, now)).collect_view().into_any()
            }
            Some(Err(error)) => {
                name.set(String::new());
                let doing = format!("load {noun} {id}");
                view! {
                    <ErrorPanel error doing retry>
                        <a class="button" href=crate::util::base::href(&list_href)>{format!("Back to {}", list_title.to_ascii_lowercase())}</a>
                    </ErrorPanel>
                }
                .into_any()
            }
        }
    };
    // A memo: the actions (and a secret dialog one opened) stay while the record reloads.
    let loaded = Memo::new(move |_| !name.with(String::is_empty));
    view! {
        <section class="page detail" aria-labelledby="page-title">
            <nav class="breadcrumb" aria-label="Breadcrumb"><a href=crate::util::base::href(&list_href)>{list_title}</a></nav>
            <header class="page-header"><h1 id="page-title">{heading}</h1><div class="toolbar">
                {toolbar}
                {move || loaded.get().then(|| view! { <ActionButtons actions=actions.get_value() targets=target done=retry/> })}
            </div></header>
            {body}
            <ConfirmDialog open=confirming title=Signal::derive(move || format!("Delete {noun} {}?", name.get()))
                items=Signal::derive(move || vec![name.get()]) confirm_label="Delete" pending=delete.pending()
                on_confirm=Callback::new(move |_| if !delete.pending().get_untracked() { delete.dispatch(()); }) on_cancel=Callback::new(move |_| confirming.set(false))/>
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
        SectionBody::Feed(feed) => view! { <super::feed::FeedTable feed title=section.title/> }.into_any(),
    };
    view! { <section class="card"><h2>{section.title}</h2>{body}</section> }
}
