//! The table view: plain rows of cells in, markup out. It fetches nothing and knows no
//! resource type, so one copy of it serves every list and sub-table.

use super::cell::{now_secs, Cell, SortKey};
use leptos::prelude::*;
use std::cmp::Ordering;

#[derive(Clone, Debug, PartialEq)]
pub struct ColumnHead {
    /// Stable key, used in the URL's `sort` and `cols`.
    pub key: &'static str,
    pub title: &'static str,
}

impl ColumnHead {
    pub fn new(key: &'static str, title: &'static str) -> Self {
        ColumnHead { key, title }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    pub key: String,
    /// The record's name, for confirmations and messages.
    pub name: String,
    /// Where the first cell links to (the record's detail page).
    pub href: Option<String>,
    pub cells: Vec<Cell>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Sort {
    pub key: String,
    pub descending: bool,
}

/// The rows that match `search` (any cell, case-insensitive), sorted by `sort`.
pub fn view_rows(rows: &[TableRow], heads: &[ColumnHead], search: &str, sort: Option<&Sort>, now: i64) -> Vec<TableRow> {
    // ASCII folding: Kubernetes names are ASCII, and Unicode case tables would add ~15 KB.
    let needle = search.trim().to_ascii_lowercase();
    let mut shown: Vec<TableRow> = rows
        .iter()
        .filter(|row| needle.is_empty() || row.cells.iter().any(|c| c.text(now).to_ascii_lowercase().contains(&needle)))
        .cloned()
        .collect();
    if let Some(sort) = sort {
        if let Some(i) = heads.iter().position(|h| h.key == sort.key) {
            shown.sort_by(|a, b| {
                let (ka, kb) = (a.cells[i].sort_key(), b.cells[i].sort_key());
                // Missing values stay last whichever way the column is sorted.
                let order = match (&ka, &kb) {
                    (SortKey::Missing, SortKey::Missing) => Ordering::Equal,
                    (SortKey::Missing, _) => return Ordering::Greater,
                    (_, SortKey::Missing) => return Ordering::Less,
                    _ => ka.partial_cmp(&kb).unwrap_or(Ordering::Equal),
                };
                if sort.descending { order.reverse() } else { order }
            });
        }
    }
    shown
}

#[component]
pub fn DataTable(
    /// Accessible name of the table.
    #[prop(into)]
    label: String,
    /// The columns, in order.
    heads: Vec<ColumnHead>,
    /// The rows, already filtered and sorted.
    rows: Vec<TableRow>,
    /// The current sort, marked on its header.
    #[prop(default = None)]
    sort: Option<Sort>,
    /// Called with a column key when its header is clicked; without it headers are not buttons.
    #[prop(default = None)]
    on_sort: Option<Callback<String>>,
    /// Column keys that may be sorted (all when `None`).
    #[prop(default = None)]
    sortable: Option<Vec<&'static str>>,
    /// Selected row keys; with it, each row gets a checkbox.
    #[prop(default = None)]
    selection: Option<RwSignal<Vec<String>>>,
    /// Enter on a row's checkbox selects the row and calls this: the way to the actions on
    /// the selection without tabbing back past every row above.
    #[prop(default = None)]
    on_act: Option<Callback<()>>,
) -> impl IntoView {
    let now = now_secs();
    let page_keys: Vec<String> = rows.iter().map(|r| r.key.clone()).collect();
    let select_all = selection.map(|selection| {
        let all_checked = {
            let keys = page_keys.clone();
            move || !keys.is_empty() && selection.with(|s| keys.iter().all(|k| s.contains(k)))
        };
        let keys = page_keys.clone();
        let toggle = move |_| {
            let on = !all_checked();
            selection.update(|s| {
                s.retain(|k| !keys.contains(k));
                if on {
                    s.extend(keys.iter().cloned());
                }
            });
        };
        let checked = {
            let keys = page_keys.clone();
            move || !keys.is_empty() && selection.with(|s| keys.iter().all(|k| s.contains(k)))
        };
        view! { <th class="select"><input type="checkbox" aria-label="Select all rows on this page" prop:checked=checked on:change=toggle/></th> }
    });
    let header = heads
        .iter()
        .map(|head| {
            let state = sort.as_ref().filter(|s| s.key == head.key).map(|s| s.descending);
            let aria = match state {
                Some(true) => "descending",
                Some(false) => "ascending",
                None => "none",
            };
            let arrow = match state {
                Some(true) => "▼",
                Some(false) => "▲",
                None => "",
            };
            let key = head.key;
            let title = head.title;
            let can_sort = sortable.as_ref().is_none_or(|keys| keys.contains(&key));
            match on_sort.filter(|_| can_sort) {
                Some(on_sort) => view! {
                    <th scope="col" aria-sort=aria data-column=key>
                        <button class="sort" on:click=move |_| on_sort.run(key.to_owned())>
                            {title}<span class="arrow" aria-hidden="true">{arrow}</span>
                        </button>
                    </th>
                }
                .into_any(),
                None => view! { <th scope="col" data-column=key>{title}</th> }.into_any(),
            }
        })
        .collect_view();
    let body = rows
        .into_iter()
        .map(|row| {
            let href = row.href.clone();
            let cells = row
                .cells
                .iter()
                .enumerate()
                .map(|(i, cell)| match (&href, i) {
                    (Some(href), 0) => view! { <td><a href=crate::util::base::href(href)>{cell.text(now)}</a></td> }.into_any(),
                    _ => view! { <td>{cell.render(now)}</td> }.into_any(),
                })
                .collect_view();
            let checkbox = selection.map(|selection| {
                let (key, name) = (row.key.clone(), row.name.clone());
                let checked = {
                    let key = key.clone();
                    move || selection.with(|s| s.contains(&key))
                };
                let toggle = {
                    let key = key.clone();
                    move |_| {
                        selection.update(|s| match s.iter().position(|k| *k == key) {
                            Some(i) => {
                                s.remove(i);
                            }
                            None => s.push(key.clone()),
                        })
                    }
                };
                let act = move |ev: leptos::ev::KeyboardEvent| {
                    let Some(on_act) = on_act.filter(|_| ev.key() == "Enter") else { return };
                    ev.prevent_default();
                    if !selection.with_untracked(|s| s.contains(&key)) {
                        selection.update(|s| s.push(key.clone()));
                    }
                    on_act.run(());
                };
                let keys = on_act.map(|_| "Enter");
                view! {
                    <td class="select">
                        <input type="checkbox" aria-label=format!("Select {name}") aria-keyshortcuts=keys title=keys.map(|_| "Enter: actions on the selection")
                            prop:checked=checked on:change=toggle on:keydown=act/>
                    </td>
                }
            });
            view! { <tr data-key=row.key>{checkbox}{cells}</tr> }
        })
        .collect_view();
    view! {
        // Focusable, so that a table wider than the page can be scrolled from the keyboard.
        <div class="table-wrap" tabindex="0">
            <table class="data-table" aria-label=label>
                <thead><tr>{select_all}{header}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> (Vec<ColumnHead>, Vec<TableRow>) {
        let heads = vec![ColumnHead { key: "name", title: "Name" }, ColumnHead { key: "gpus", title: "GPUs" }];
        let row = |name: &str, gpus: Option<f64>| TableRow {
            key: name.into(),
            name: name.into(),
            href: None,
            cells: vec![Cell::Text(name.into()), gpus.map_or(Cell::Missing, Cell::Number)],
        };
        (heads, vec![row("beta", Some(8.0)), row("Alpha", Some(16.0)), row("gamma", None), row("delta", Some(2.0))])
    }

    fn names(rows: &[TableRow]) -> Vec<&str> {
        rows.iter().map(|r| r.key.as_str()).collect()
    }

    #[test]
    fn searches_any_cell_case_insensitively() {
        let (heads, rows) = rows();
        assert_eq!(names(&view_rows(&rows, &heads, "ALP", None, 0)), ["Alpha"]);
        assert_eq!(names(&view_rows(&rows, &heads, "16", None, 0)), ["Alpha"]);
        assert_eq!(view_rows(&rows, &heads, "  ", None, 0).len(), 4);
        assert!(view_rows(&rows, &heads, "nothing like it", None, 0).is_empty());
    }

    #[test]
    fn sorts_both_ways_with_missing_values_last() {
        let (heads, rows) = rows();
        let by = |key: &str, descending| Sort { key: key.into(), descending };
        assert_eq!(names(&view_rows(&rows, &heads, "", Some(&by("name", false)), 0)), ["Alpha", "beta", "delta", "gamma"]);
        assert_eq!(names(&view_rows(&rows, &heads, "", Some(&by("gpus", false)), 0)), ["delta", "beta", "Alpha", "gamma"]);
        assert_eq!(names(&view_rows(&rows, &heads, "", Some(&by("gpus", true)), 0)), ["Alpha", "beta", "delta", "gamma"]);
        assert_eq!(names(&view_rows(&rows, &heads, "", Some(&by("nope", true)), 0)), ["beta", "Alpha", "gamma", "delta"]);
    }
}

/// A table of figures (a dashboard's): sortable by any column, with a CSV of every row. It
/// shows the first `FIGURES_SHOWN` rows in the order chosen: a tenant of thousands of projects
/// gets a table the browser draws at once, not one of tens of thousands of rows.
pub fn figures(caption: &'static str, titles: &'static [&'static str], rows: Vec<Vec<Cell>>) -> impl IntoView {
    let csv = super::export::to_csv(titles, &rows, 0);
    let file = format!("{}.csv", caption.to_ascii_lowercase().replace(' ', "-"));
    let heads: Vec<ColumnHead> = titles.iter().map(|t| ColumnHead::new(t, t)).collect();
    let rows: Vec<TableRow> = rows.into_iter().enumerate().map(|(i, cells)| TableRow { key: i.to_string(), name: cells[0].text(0), href: None, cells }).collect();
    let sort = RwSignal::new(None::<Sort>);
    // A first click sorts ascending, a second on the same column descending.
    let on_sort = Callback::new(move |key: String| sort.update(|s| *s = Some(Sort { descending: s.as_ref().is_some_and(|s| s.key == key && !s.descending), key })));
    let table = move || {
        let (sort, heads) = (sort.get(), heads.clone());
        let mut shown = view_rows(&rows, &heads, "", sort.as_ref(), 0);
        let all = shown.len();
        shown.truncate(FIGURES_SHOWN);
        let more = (all > FIGURES_SHOWN).then(|| view! { <p class="hint">{format!("The first {FIGURES_SHOWN} of {all} rows, in the order chosen; the CSV has them all.")}</p> });
        view! { <DataTable label=caption heads rows=shown sort on_sort=Some(on_sort)/>{more} }
    };
    view! {
        <figure class="chart">
            <div class="chart-tools"><button class="link" on:click=move |_| super::export::download(&file, &csv)>"Export CSV"</button></div>
            {table}
        </figure>
    }
}

const FIGURES_SHOWN: usize = 200;
