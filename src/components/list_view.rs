//! The list view, written once for every resource: toolbar (search, filters, columns,
//! export, refresh, create), the table with row selection and an action bar, paging, and a
//! details pane. It reaches the data only through `Sources`, so it knows no record type.

use super::cell::now_secs;
use super::detail::{section_view, Section};
use super::dialog::ConfirmDialog;
use super::export::{download, to_csv, EXPORT_LIMIT};
use super::filter_bar::{ColumnChooser, FilterBar, FilterChips};
use super::actions::{ActionButtons, BoundAction};
use super::latest::latest_only;
use super::list::{ColumnInfo, ListActions};
use super::live::refreshing;
use super::list_state::{ListState, Pager};
use super::selection_keys::{back_to_rows, to_actions};
use super::status::{ErrorPanel, Loading};
use super::table::{DataTable, Sort, TableRow};
use super::toast::use_toaster;
use crate::api::filter::Filter;
use crate::api::list::ListQuery;
use crate::api::{ApiError, Pending};
use leptos::prelude::*;
use std::rc::Rc;
use std::time::Duration;


/// One page of rows, whether more follow, and the total when the source knows it.
#[derive(Clone, Debug, PartialEq)]
pub struct RowPage {
    pub rows: Vec<TableRow>,
    pub more: bool,
    pub total: Option<u64>,
    /// Its rows wait for figures that come after them (`Sources::fill`).
    pub partial: bool,
    /// Why those figures could not be read.
    pub unfilled: Option<ApiError>,
}

/// Where a list's data comes from and goes to.
#[derive(Clone)]
pub struct Sources {
    /// A page of rows; `true` keeps its records for the details pane.
    pub rows: Rc<dyn Fn(ListQuery, bool) -> Pending<RowPage>>,
    /// A partial page completed with the figures of the columns shown (or with why they
    /// could not be read).
    pub fill: Option<Rc<dyn Fn(&RowPage, Vec<&'static str>) -> Pending<RowPage>>>,
    /// The total for a query's filters and search.
    pub count: Option<Rc<dyn Fn(ListQuery) -> Pending<u64>>>,
    /// The sections of a record on the current page.
    pub details: Option<Rc<dyn Fn(&str) -> Option<Vec<Section>>>>,
    /// Deletes one record by id.
    pub delete: Option<Rc<dyn Fn(String) -> Pending<()>>>,
    /// Whether the record with this id may be deleted (the API refuses some).
    pub deletable: Rc<dyn Fn(&str) -> bool>,
}

#[component]
pub fn ListView(
    title: &'static str,
    noun: &'static str,
    columns: Vec<ColumnInfo>,
    state: ListState,
    sources: Sources,
    scope: Vec<Filter>,
    actions: ListActions,
    /// The resource's own actions on selected records.
    extra: Vec<BoundAction>,
    searchable: bool,
    embedded: bool,
    /// Seconds between the list's own refreshes (records that change by themselves).
    #[prop(default = None)]
    refresh_every: Option<u32>,
) -> impl IntoView {
    let toaster = use_toaster();
    let columns = StoredValue::new(columns);
    let scope = StoredValue::new(scope);
    let selection = RwSignal::new(Vec::<String>::new());
    let details_of = RwSignal::new(None::<String>);
    let loaded: StoredValue<Vec<(String, String)>> = StoredValue::new(Vec::new());
    let (can_detail, can_delete) = (sources.details.is_some(), sources.delete.is_some());
    // Closures in views must be Send; the sources are not, so they are reached through this.
    let stored = StoredValue::new_local(sources.clone());

    let query = Memo::new(move |_| {
        let size = state.size();
        let sort = state.sort().and_then(|(key, descending)| {
            columns.with_value(|cs| cs.iter().find(|c| c.head.key == key).and_then(|c| c.sort)).map(|k| (k, descending))
        });
        let mut filters = scope.get_value();
        filters.extend(state.filters());
        ListQuery { offset: (state.page() - 1) * size, limit: size, sort, filters, search: state.search() }
    });
    let count_query = Memo::new(move |_| ListQuery { offset: 0, limit: 0, sort: None, ..query.get() });
    let rows_source = sources.rows.clone();
    // A refresh that failed for a passing reason, while the last rows stay on screen.
    let stale = RwSignal::new(None::<ApiError>);
    let visible = Memo::new(move |_| {
        let chosen = state.columns();
        columns.with_value(|cs| {
            let keys: Vec<&'static str> = cs
                .iter()
                .filter(|c| chosen.as_ref().map_or(c.shown, |keys| keys.iter().any(|k| k == c.head.key)))
                .map(|c| c.head.key)
                .collect();
            if keys.is_empty() { cs.iter().filter(|c| c.shown).map(|c| c.head.key).collect() } else { keys }
        })
    });
    // Figures come after the rows, for the columns shown: showing another reads them.
    let filled = sources.fill.is_some();
    let fill = sources.fill.clone().map(|fill| Rc::new(move |p: &RowPage| p.partial.then(|| fill(p, visible.get_untracked()))) as _);
    let page = latest_only(query, stale, move |q| {
        if filled {
            visible.track();
        }
        rows_source(q, true)
    }, fill);
    let count = sources.count.clone().map(|count| latest_only(count_query, RwSignal::new(None), move |q| count(q), None));
    let total = move || match page.with(|p| p.and_then(Result::ok).map(|p| p.total)) {
        Some(Some(t)) => Some(t),
        _ => count.and_then(|c| c.get()).and_then(Result::ok),
    };
    let total = Signal::derive(total);
    let on_sort = Callback::new(move |key: String| state.toggle_sort(key));
    // Reloads keep the rows on screen if they fail for a passing reason; a new query does not.
    let retry = Callback::new(move |_| {
        page.reload();
        count.inspect(|c| c.reload());
    });
    let refresh = move || retry.run(());

    let body_ref = NodeRef::<leptos::html::Div>::new();
    let (quiet, auto_toggle) = refreshing(refresh_every, page.busy, body_ref, refresh);

    // Search waits for a pause in typing before asking the server; the wait is called off
    // when the list goes, so that it never reaches into a page that is gone.
    let search_text = RwSignal::new(untrack(|| state.search()));
    let search_timer = StoredValue::new(None::<TimeoutHandle>);
    on_cleanup(move || {
        if let Some(timer) = search_timer.try_get_value().flatten() {
            timer.clear();
        }
    });
    let on_search = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        search_text.set(text.clone());
        if let Some(t) = search_timer.get_value() {
            t.clear();
        }
        let timer = set_timeout_with_handle(
            move || {
                search_timer.try_set_value(None);
                state.set_search(text);
            },
            Duration::from_millis(300),
        )
        .ok();
        search_timer.set_value(timer);
    };

    let bar = NodeRef::<leptos::html::Div>::new();
    let go_to_actions = to_actions(bar);
    let table = move || {
        // Read here, so that choosing columns re-renders the table.
        let shown = visible.get();
        match page.get() {
            None => view! { <Loading what=noun/> }.into_any(),
            Some(Ok(RowPage { rows, more, unfilled, .. })) => {
                loaded.set_value(rows.iter().map(|r| (r.key.clone(), r.name.clone())).collect());
                let keys: Vec<String> = rows.iter().map(|r| r.key.clone()).collect();
                selection.update(|s| s.retain(|k| keys.contains(k)));
                let positions: Vec<usize> =
                    columns.with_value(|cs| cs.iter().enumerate().filter(|(_, c)| shown.contains(&c.head.key)).map(|(i, _)| i).collect());
                let heads = columns.with_value(|cs| positions.iter().map(|i| cs[*i].head.clone()).collect::<Vec<_>>());
                let sortable = columns.with_value(|cs| cs.iter().filter(|c| c.sort.is_some()).map(|c| c.head.key).collect());
                let rows: Vec<TableRow> = rows
                    .into_iter()
                    .map(|r| TableRow { cells: positions.iter().map(|i| r.cells[*i].clone()).collect(), ..r })
                    .collect();
                // The query memo already tracks the state; here it is only read.
                let (sort, filtered, page_number) =
                    untrack(|| (state.sort(), !state.filters().is_empty() || !state.search().is_empty(), state.page()));
                let sort = sort.map(|(key, descending)| Sort { key, descending });
                let empty = rows.is_empty();
                let body = if empty {
                    let message = match (page_number > 1, filtered) {
                        (true, _) => format!("This page is past the last of the {noun}."),
                        (false, true) => format!("No {noun} match the search and filters."),
                        (false, false) => format!("There are no {noun} yet."),
                    };
                    view! { <p class="empty" data-testid="list-empty">{message}</p> }.into_any()
                } else {
                    view! { <DataTable label=title heads rows sort on_sort=Some(on_sort) sortable=Some(sortable) selection=Some(selection) on_act=Some(go_to_actions)/> }.into_any()
                };
                // Figures read after the rows: the rows stay when they fail, and say so.
                let unfilled = unfilled.map(|e| super::status::field_error(e.explain(&format!("read the allocation of these {noun}")), Box::new(refresh)));
                view! { <div class="list-main">{unfilled}{body}<Pager title more total state/></div> }.into_any()
            }
            Some(Err(error)) => view! {
                <div class="list-main"><ErrorPanel error doing=format!("load {noun}") retry/></div>
            }
            .into_any(),
        }
    };

    // Deleting the selected records, after confirmation.
    let confirming = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let targets = Signal::derive(move || {
        let chosen = selection.get();
        loaded.with_value(|l| l.iter().filter(|(k, _)| chosen.contains(k)).cloned().collect::<Vec<_>>())
    });
    let selected_names = Signal::derive(move || targets.get().into_iter().map(|(_, name)| name).collect());
    let confirm_delete = Callback::new(move |_| {
        let Some(delete) = stored.with_value(|s| s.delete.clone()) else { return };
        if deleting.get_untracked() {
            return;
        }
        let ids = selection.get_untracked();
        deleting.set(true);
        leptos::task::spawn_local(async move {
            let mut failures = Vec::new();
            for id in &ids {
                if let Err(e) = delete(id.clone()).await {
                    failures.push(e.explain(&format!("delete {id}")));
                }
            }
            let done = ids.len() - failures.len();
            if done > 0 {
                toaster.success(format!("Deleted {done} of {} {noun}.", ids.len()));
            }
            if let Some(first) = failures.first() {
                toaster.failure(first.clone());
            }
            // The list may be gone by now; then there is nothing to update.
            deleting.try_set(false);
            confirming.try_set(false);
            selection.try_set(Vec::new());
            refresh();
        });
    });

    let export_progress = RwSignal::new(None::<String>);
    let export_cancel = RwSignal::new(false);
    let export_source = sources.rows.clone();
    let export = move |_| {
        let source = export_source.clone();
        export_cancel.set(false);
        leptos::task::spawn_local(async move {
            let shown = visible.get_untracked();
            let (titles, positions): (Vec<&str>, Vec<usize>) =
                columns.with_value(|cs| cs.iter().enumerate().filter(|(_, c)| shown.contains(&c.head.key)).map(|(i, c)| (c.head.title, i)).unzip());
            let mut query = ListQuery { offset: 0, limit: 500, ..query.get_untracked() };
            let mut cells = Vec::new();
            let expected = total.get_untracked();
            loop {
                let progress = match expected {
                    Some(t) => format!("Exporting {} of {} {noun}…", cells.len(), t.min(EXPORT_LIMIT as u64)),
                    None => format!("Exporting {} {noun}…", cells.len()),
                };
                // The list is gone (the operator left the page): stop paging.
                if export_progress.try_set(Some(progress)).is_some() {
                    return;
                }
                let page = match source(query.clone(), false).await {
                    Ok(page) => page,
                    Err(e) => {
                        if export_progress.try_set(None).is_none() {
                            toaster.failure(e.explain(&format!("export {noun}")));
                        }
                        return;
                    }
                };
                if export_cancel.try_get_untracked() != Some(false) {
                    export_progress.try_set(None);
                    return;
                }
                cells.extend(page.rows.into_iter().map(|r| positions.iter().map(|i| r.cells[*i].clone()).collect::<Vec<_>>()));
                if !page.more || cells.len() >= EXPORT_LIMIT {
                    break;
                }
                query.offset += query.limit;
            }
            cells.truncate(EXPORT_LIMIT);
            if export_progress.try_set(None).is_some() {
                return;
            }
            download(&format!("{noun}.csv"), &to_csv(&titles, &cells, now_secs()));
            toaster.success(format!("Exported {} {noun}.", cells.len()));
        });
    };

    let extra = StoredValue::new_local(extra);
    let action_bar = move || {
        let chosen = selection.get();
        (!chosen.is_empty()).then(|| {
            let single = (chosen.len() == 1).then(|| chosen[0].clone());
            let details_button = single.clone().filter(|_| can_detail).map(|id| {
                view! { <button class="button" on:click=move |_| details_of.set(Some(id.clone()))>"Details"</button> }
            });
            let edit_link = single.zip(actions.edit_base.clone()).map(|(id, base)| view! { <a class="button" href=crate::util::base::href(&format!("{base}/{id}/edit"))>"Edit"</a> });
            let all_deletable = stored.with_value(|s| chosen.iter().all(|id| (s.deletable)(id)));
            let delete_button = (can_delete && all_deletable).then(|| view! { <button class="button danger" on:click=move |_| confirming.set(true)>"Delete"</button> });
            view! {
                <div class="action-bar" role="toolbar" aria-label="Actions on selected rows" data-testid="action-bar" node_ref=bar on:keydown=back_to_rows>
                    <span>{format!("{} selected", chosen.len())}</span>
                    {details_button}{edit_link}
                    <ActionButtons actions=extra.get_value() targets done=Callback::new(move |_| { selection.set(Vec::new()); refresh(); })/>
                    {delete_button}
                    <button class="link" on:click=move |_| selection.set(Vec::new())>"Clear selection"</button>
                </div>
            }
        })
    };

    // The pane takes focus when it opens, and Esc closes it.
    let pane = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |_| {
        if let Some(pane) = pane.get() {
            let _ = pane.focus();
        }
    });
    let close_on_escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            details_of.set(None);
        }
    };
    let details_pane = {
        move || {
            let id = details_of.get()?;
            let sections = stored.with_value(|s| s.details.as_ref().and_then(|d| d(&id)))?;
            let now = now_secs();
            let name = loaded.with_value(|l| l.iter().find(|(k, _)| *k == id).map(|(_, n)| n.clone())).unwrap_or(id);
            let label = format!("Details of {name}");
            Some(view! {
                <section class="details-pane card" aria-label=label data-testid="details-pane" tabindex="-1" node_ref=pane on:keydown=close_on_escape>
                    <header class="page-header"><h2>{name}</h2><button class="close" aria-label="Close details" on:click=move |_| details_of.set(None)>"×"</button></header>
                    {sections.into_iter().map(|s| section_view(s, now)).collect_view()}
                </section>
            })
        }
    };

    let heading = (!embedded).then(|| view! { <h1 id="page-title">{title}</h1> });
    let create = actions.create_href.clone().map(|href| view! { <a class="button primary" href=crate::util::base::href(&href)>{format!("New {}", singular(noun))}</a> });
    view! {
        <section class=if embedded { "list embedded" } else { "page list" } aria-label=title>
            <header class="page-header">
                {heading}
                <div class="toolbar">
                    {searchable.then(|| view! {
                        <input type="search" class="search" placeholder=format!("Search {noun}") aria-label=format!("Search {noun}")
                            prop:value=search_text on:input=on_search/>
                    })}
                    <ColumnChooser columns visible state/>
                    <button class="button" on:click=export disabled=move || export_progress.with(Option::is_some)>"Export CSV"</button>
                    <button class="button" on:click=move |_| refresh()>"Refresh"</button>
                    {auto_toggle}
                    {create}
                </div>
            </header>
            <FilterBar title columns state/>
            <FilterChips columns state/>
            {move || export_progress.get().map(|p| view! {
                <p class="progress" role="status">{p}" "<button class="link" on:click=move |_| export_cancel.set(true)>"Cancel"</button></p>
            })}
            {super::status::stale_banner(stale, format!("These {noun}"), format!("refresh the {noun}"), retry)}
            {action_bar}
            <div class="list-body" class:busy=move || page.busy.get() && !quiet.get() node_ref=body_ref>
                {table}
                {details_pane}
            </div>
            <ConfirmDialog open=confirming title=Signal::derive(move || format!("Delete {} {noun}?", selection.with(Vec::len)))
                items=selected_names confirm_label="Delete" pending=deleting on_confirm=confirm_delete
                on_cancel=Callback::new(move |_| confirming.set(false))/>
        </section>
    }
}

/// "project" from "projects", "node pool" from "node pools".
fn singular(noun: &str) -> &str {
    noun.strip_suffix('s').unwrap_or(noun)
}
