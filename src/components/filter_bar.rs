//! The list toolbar's filter builder (column, operator, value → a `filterBy` item), its chips,
//! and the column chooser.

use super::list::ColumnInfo;
use super::list_state::ListState;
use super::cell::in_utc;
use crate::api::filter::{day_bound, day_op, validate_value, Filter, Op};
use crate::util::time::{format_time, zone_offset};
use leptos::prelude::*;

/// "Add filter": pick a filterable column, an operator it allows, and a value.
#[component]
pub fn FilterBar(
    /// The list's title, to name the filter form apart from other lists' on the page.
    title: &'static str,
    /// All columns; the filterable ones are offered.
    columns: StoredValue<Vec<ColumnInfo>>,
    state: ListState,
) -> impl IntoView {
    let filterable: Vec<(usize, &'static str)> =
        columns.with_value(|cs| cs.iter().enumerate().filter(|(_, c)| c.filter.is_some()).map(|(i, c)| (i, c.head.title)).collect());
    if filterable.is_empty() {
        return ().into_any();
    }
    let column = RwSignal::new(filterable[0].0);
    let filter_of = move |i: usize| columns.with_value(|cs| cs[i].filter);
    let ops = move || filter_of(column.get()).map_or(&[][..], |f| f.ops);
    let dates = move || filter_of(column.get()).is_some_and(|f| f.dates);
    let op = RwSignal::new(0usize);
    let value = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<&'static str>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = value.get_untracked();
        let Some(filter) = filter_of(column.get_untracked()) else { return };
        let Some(op) = filter.ops.get(op.get_untracked()).copied() else { return };
        // A day becomes the timestamp bound the API compares with; nothing else is sent.
        let sent = match filter.dates {
            true => day_bound(op, &text, |at| zone_offset(at, in_utc().get_untracked())).ok_or("Pick a day."),
            false => validate_value(&text).map_or(Ok(text.trim().to_owned()), Err),
        };
        let sent = match sent {
            Ok(sent) => sent,
            Err(why) => return problem.set(Some(why)),
        };
        let mut filters = untrack(|| state.filters());
        filters.push(Filter { field: filter.field.to_owned(), op, value: sent });
        state.set_filters(&filters);
        value.set(String::new());
        problem.set(None);
    };
    let options = filterable
        .into_iter()
        .map(|(i, title)| view! { <option value=i.to_string()>{title}</option> })
        .collect_view();
    view! {
        <form class="filter-bar" on:submit=add aria-label=format!("Filter {}", title.to_ascii_lowercase())>
            <select aria-label="Filter column" on:change=move |ev| { column.set(event_target_value(&ev).parse().unwrap_or(0)); op.set(0); }>
                {options}
            </select>
            <select aria-label="Filter operator" prop:value=move || op.get().to_string() on:change=move |ev| op.set(event_target_value(&ev).parse().unwrap_or(0))>
                {move || {
                    let label = move |o: Op| if dates() { day_op(o) } else { o.label() };
                    ops().iter().enumerate().map(|(i, o)| view! { <option value=i.to_string()>{label(*o)}</option> }).collect_view()
                }}
            </select>
            <input type=move || if dates() { "date" } else { "text" } aria-label="Filter value" placeholder="Value"
                prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
            <button class="button" type="submit">"Add filter"</button>
            {move || problem.get().map(|p| view! { <span class="error-text" role="alert">{p}</span> })}
        </form>
    }
    .into_any()
}

/// The active filters as removable chips.
#[component]
pub fn FilterChips(columns: StoredValue<Vec<ColumnInfo>>, state: ListState) -> impl IntoView {
    // The column a filter is on: its title, and whether its values are days.
    let column_of = move |field: &str| {
        columns.with_value(|cs| cs.iter().find_map(|c| c.filter.filter(|f| f.field == field).map(|f| (c.head.title.to_owned(), f.dates))))
    };
    let zone = in_utc();
    move || {
        let (filters, utc) = (state.filters(), zone.get());
        (!filters.is_empty()).then(|| {
            let chips = filters
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let text = match column_of(&f.field) {
                        // The day in the zone times are shown in, as it was picked.
                        Some((title, true)) => format!("{title} {} {}", day_op(f.op), format_time(&f.value, utc).get(..10).unwrap_or(&f.value)),
                        Some((title, false)) => format!("{title} {} “{}”", f.op.label(), f.value),
                        None => format!("{} {} “{}”", f.field, f.op.label(), f.value),
                    };
                    let remove = move |_| {
                        let mut rest = untrack(|| state.filters());
                        rest.remove(i);
                        state.set_filters(&rest);
                    };
                    view! {
                        <li class="chip" data-testid="filter-chip">
                            <span>{text.clone()}</span>
                            <button class="close" aria-label=format!("Remove filter {text}") on:click=remove>"×"</button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <ul class="chips" aria-label="Active filters">
                    {chips}
                    <li><button class="link" on:click=move |_| state.set_filters(&[])>"Clear filters"</button></li>
                </ul>
            }
        })
    }
}

/// Which columns show; the choice goes into the URL.
#[component]
pub fn ColumnChooser(columns: StoredValue<Vec<ColumnInfo>>, visible: Memo<Vec<&'static str>>, state: ListState) -> impl IntoView {
    let items = columns.with_value(|cs| {
        cs.iter()
            .map(|c| {
                let key = c.head.key;
                let toggle = move |_| {
                    let mut keys: Vec<&str> = visible.get_untracked();
                    match keys.iter().position(|k| *k == key) {
                        Some(i) if keys.len() > 1 => {
                            keys.remove(i);
                        }
                        Some(_) => return,
                        None => keys.push(key),
                    }
                    // Keep the declared order whatever the clicking order.
                    let ordered = columns.with_value(|cs| cs.iter().map(|c| c.head.key).filter(|k| keys.contains(k)).map(str::to_owned).collect());
                    state.set_columns(Some(ordered));
                };
                view! {
                    <label class="menu-item">
                        <input type="checkbox" prop:checked=move || visible.with(|v| v.contains(&key)) on:change=toggle/>
                        {c.head.title}
                    </label>
                }
            })
            .collect_view()
    });
    view! {
        <details class="menu">
            <summary class="button">"Columns"</summary>
            <div class="menu-body" role="group" aria-label="Visible columns">
                {items}
                <button class="link" on:click=move |_| state.set_columns(None)>"Reset to default"</button>
            </div>
        </details>
    }
}
