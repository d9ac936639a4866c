//! A resource's list, generic over the record type only where it must be: fetching a page of
//! `R` and turning records into rows through the resource's column declarations. Everything
//! else (toolbar, filters, paging, selection, export, details) is `ListView`, written once.

use super::actions::bind;
use super::cell::{now_secs, Cell};
use super::list_state::ListState;
use super::list_view::{ListView, RowPage, Sources};
use super::resource::{Kind, Rec, Resource};
use super::table::{view_rows, ColumnHead, Sort, TableRow};
use crate::api::authorization::Action;
use crate::api::filter::{Filter, Op};
use crate::api::list::{ListQuery, Paging};
use crate::api::{use_api, ApiResource, Pending};
use leptos::prelude::*;
use serde_json::Value;
use std::rc::Rc;

/// One column of a resource's list: its header, how a record fills it, and how the API sorts
/// and filters by it.
pub struct Column<R> {
    pub key: &'static str,
    pub title: &'static str,
    pub cell: fn(&R) -> Cell,
    /// The API's `sortBy` value for this column.
    pub sort: Option<&'static str>,
    pub filter: Option<ColumnFilter>,
    /// Shown until the operator chooses columns.
    pub shown: bool,
}

/// The API's `filterBy` field for a column, the operators that make sense on it, and whether
/// its value is a day picked with a date input (then never free text).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ColumnFilter {
    pub field: &'static str,
    pub ops: &'static [Op],
    pub dates: bool,
}

impl<R> Column<R> {
    pub fn new(key: &'static str, title: &'static str, cell: fn(&R) -> Cell) -> Self {
        Column { key, title, cell, sort: None, filter: None, shown: true }
    }
    /// Sortable by the API's `sortBy=<key>`.
    pub fn sort(mut self, key: &'static str) -> Self {
        self.sort = Some(key);
        self
    }
    /// Filterable by the API's `filterBy=<field><op><value>`.
    pub fn filter(mut self, field: &'static str, ops: &'static [Op]) -> Self {
        self.filter = Some(ColumnFilter { field, ops, dates: false });
        self
    }
    /// A timestamp, sortable and filterable by day under the API name `field`.
    pub fn dates(mut self, field: &'static str) -> Self {
        self.filter = Some(ColumnFilter { field, ops: &Op::DATES, dates: true });
        self.sort(field)
    }
    /// Sortable and filterable under the same API name.
    pub fn api(self, field: &'static str, ops: &'static [Op]) -> Self {
        self.sort(field).filter(field, ops)
    }
    /// The built-in name column, titled as the list names its records (e.g. "Project").
    pub fn name(title: &'static str) -> Self
    where
        R: ApiResource,
    {
        Column::new("name", title, |r| Cell::Text(r.name()))
    }
    /// The built-in creation-time column.
    pub fn created() -> Self
    where
        R: Resource,
    {
        Column::new("created", "Created", |r| Cell::opt_time(r.created()))
    }
    /// Left out until the operator picks it in the column chooser.
    pub fn hidden(mut self) -> Self {
        self.shown = false;
        self
    }
}

/// A column as the view sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnInfo {
    pub head: ColumnHead,
    pub sort: Option<&'static str>,
    pub filter: Option<ColumnFilter>,
    pub shown: bool,
}

/// What a list lets the operator do besides reading.
#[derive(Clone, Default)]
pub struct ListActions {
    /// The create page, when creating is allowed.
    pub create_href: Option<String>,
    /// The record paths (`/projects`), when editing is allowed (`<base>/<id>/edit`).
    pub edit_base: Option<String>,
    /// Whether deleting is allowed.
    pub delete: bool,
}

impl ListActions {
    /// What the signed-in principal may do with records of `kind`, as it declares them.
    pub fn of(kind: &Kind) -> Self {
        let form = (kind.form)();
        let base = format!("/{}", kind.slug);
        ListActions {
            create_href: (form.is_some() && kind.may(Action::Create)).then(|| format!("{base}/new")),
            edit_base: (form.is_some_and(|f| f.editable) && kind.may(Action::Update)).then_some(base),
            delete: kind.deletable && kind.may(Action::Delete),
        }
    }
}

/// The list of records of `kind`, everything about it from the kind's declaration: within
/// `scope` (filters always applied, e.g. one cluster's node pools), its state kept in
/// `state`; `embedded` lists sit inside another page (no title, smaller toolbar).
pub fn resource_table(kind: Kind, scope: Vec<Filter>, state: ListState, embedded: bool) -> impl IntoView {
    let api = use_api();
    let records: StoredValue<Vec<Rec>, LocalStorage> = StoredValue::new_local(Vec::new());
    // A list of records with usage (`Usage`) draws its rows first and their figures when they
    // come (`Sources::fill`): what the page read is kept for that second read.
    let partial_reads = kind.wire.usage.is_some() && kind.paging == Paging::Server;
    let read: StoredValue<(Vec<Value>, Vec<Filter>), LocalStorage> = StoredValue::new_local(Default::default());
    let rows = Rc::new(move |query: ListQuery, remember: bool| {
        Box::pin(async move {
            let partial = remember && partial_reads;
            let (values, more) = kind.page(api, query.clone(), !partial).await?;
            let items: Vec<Rec> = values.iter().map(kind.wire.decode).collect();
            let rows = (kind.rows)(&items);
            if remember {
                records.try_set_value(items);
            }
            if partial {
                read.try_set_value((values, query.filters.clone()));
            }
            Ok(match kind.paging {
                Paging::None => local_page(rows, &(kind.columns)(), &query),
                Paging::Server => RowPage { rows, more, total: None, partial, unfilled: None },
            })
        }) as Pending<RowPage>
    });
    let fill = partial_reads.then(|| {
        Rc::new(move |page: &RowPage, shown: Vec<&'static str>| {
            let page = page.clone();
            // Gone only with the list, when what this brings lands nowhere.
            let (mut values, filters) = read.try_get_value().unwrap_or_default();
            Box::pin(async move {
                if let Err(error) = api.measure(kind.wire.usage, &mut values, &filters, Some(&shown)).await {
                    return Ok(RowPage { partial: false, unfilled: Some(error), ..page });
                }
                let items: Vec<Rec> = values.iter().map(kind.wire.decode).collect();
                let rows = (kind.rows)(&items);
                records.try_set_value(items);
                Ok(RowPage { rows, partial: false, ..page })
            }) as Pending<RowPage>
        }) as _
    });
    let count = (kind.paging == Paging::Server).then(|| Rc::new(move |query: ListQuery| kind.count(api, query)) as _);
    let lookup: Rc<dyn Fn(&str) -> Option<Rec>> = Rc::new(move |id: &str| records.try_with_value(|items| items.iter().find(|r| r.id() == id).cloned()).flatten());
    let details = {
        let lookup = lookup.clone();
        Some(Rc::new(move |id: &str| lookup(id).map(|r| r.sections())) as _)
    };
    let actions = ListActions::of(&kind);
    let delete = actions.delete.then(|| Rc::new(move |id: String| kind.delete(api, id)) as _);
    let deletable = {
        let lookup = lookup.clone();
        Rc::new(move |id: &str| lookup(id).is_some_and(|r| r.deletable())) as _
    };
    let declared = (kind.actions)().into_iter().filter(|a| kind.may(a.needs)).collect();
    let extra = bind(api, declared, lookup);
    let sources = Sources { rows, fill, count, details, delete, deletable };
    view! { <ListView title=kind.title noun=kind.plural columns=(kind.columns)() state sources scope actions extra searchable=kind.searchable refresh_every=kind.refresh embedded/> }
}

/// A page of a list the API hands over whole: filtered, searched, sorted and cut here.
fn local_page(rows: Vec<TableRow>, columns: &[ColumnInfo], query: &ListQuery) -> RowPage {
    let heads: Vec<ColumnHead> = columns.iter().map(|c| c.head.clone()).collect();
    let now = now_secs();
    let filtered: Vec<TableRow> = rows
        .into_iter()
        .filter(|row| {
            query.filters.iter().all(|f| {
                let Some(i) = heads.iter().position(|h| h.key == f.field) else { return true };
                matches_text(&row.cells[i].text(now), f.op, &f.value)
            })
        })
        .collect();
    let sort = query.sort.map(|(key, descending)| Sort { key: key.to_owned(), descending });
    let shown = view_rows(&filtered, &heads, &query.search, sort.as_ref(), now);
    let total = shown.len() as u64;
    let start = (query.offset as usize).min(shown.len());
    let end = (start + query.limit as usize).min(shown.len());
    RowPage { more: end < shown.len(), rows: shown[start..end].to_vec(), total: Some(total), partial: false, unfilled: None }
}

/// Text operators as the API applies them, for lists filtered in the browser.
pub fn matches_text(text: &str, op: Op, value: &str) -> bool {
    let (text, value) = (text.to_ascii_lowercase(), value.to_ascii_lowercase());
    match op {
        Op::Eq => text == value,
        Op::Ne => text != value,
        Op::Le => text <= value,
        Op::Ge => text >= value,
        Op::Contains => text.contains(&value),
        Op::NotContains => !text.contains(&value),
        Op::StartsWith => text.starts_with(&value),
        Op::EndsWith => text.ends_with(&value),
    }
}
