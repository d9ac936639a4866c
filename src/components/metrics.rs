//! A record's metrics over a time range the operator picks: the range is shared by every chart
//! on the panel, and each chart is declared as a title, a unit and how its lines come out of
//! the API's `measurements`.

use super::chart::{Chart, Series};
use super::load::load;
use super::status::ErrorPanel;
use crate::api::{use_api, Api, Pending};
use crate::util::time::parse_rfc3339;
use leptos::prelude::*;
use serde_json::Value;

/// The ranges offered, as (label, seconds back from now).
const RANGES: [(&str, i64); 4] = [("Last hour", 3_600), ("Last 6 hours", 21_600), ("Last 24 hours", 86_400), ("Last 7 days", 604_800)];

/// Samples per line: enough for a smooth line on a wide screen, well under the API's 1,000.
pub const SAMPLES: &str = "240";

/// A point in time as the API's query parameters take it.
pub fn iso(secs: i64) -> String {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(secs as f64 * 1000.0)).to_iso_string().into()
}

/// One chart of a panel: its lines are read from the loaded answer.
#[derive(Clone, Copy)]
pub struct ChartSpec {
    pub title: &'static str,
    pub unit: &'static str,
    pub lines: fn(&Value) -> Series,
}

/// Lines from measurements (each `{type, labels, values: [{value, timestamp}]}`), each with
/// its name, divided by `scale` (bytes to GiB, say). The times are those of the first line; a
/// line without a value at one of them has NaN there.
pub fn lines_of<'a>(named: impl IntoIterator<Item = (String, &'a Value)>, scale: f64) -> Series {
    let mut series = Series::default();
    for (name, m) in named {
        let values = m["values"].as_array().map(Vec::as_slice).unwrap_or_default();
        if series.times.is_empty() {
            for v in values {
                let stamp = v["timestamp"].as_str().unwrap_or_default();
                series.times.push(parse_rfc3339(stamp).unwrap_or_default() as f64);
                series.stamps.push(stamp.to_owned());
            }
        }
        let mut line = vec![f64::NAN; series.times.len()];
        for v in values {
            let at = v["timestamp"].as_str().and_then(|s| series.stamps.iter().position(|t| t == s));
            if let (Some(i), Some(value)) = (at, v["value"].as_str().and_then(crate::util::number)) {
                line[i] = value / scale;
            }
        }
        series.lines.push((name, line));
    }
    series
}

/// The measurements of `answer` (`{"measurements": [...]}`) of the types `wanted` names, each
/// with its line's name.
pub fn of_type<'a>(answer: &'a Value, wanted: &'a [(&str, &str)]) -> impl Iterator<Item = (String, &'a Value)> {
    let measurements = answer["measurements"].as_array().map(Vec::as_slice).unwrap_or_default();
    measurements.iter().filter_map(move |m| wanted.iter().find(|(t, _)| m["type"] == *t).map(|(_, name)| ((*name).to_owned(), m)))
}

/// A record's own metrics (a project's, a node's) as a detail section: the `types`
/// (comma-joined) its `charts` draw, read from its `…/metrics` path.
pub fn record_metrics(path: String, types: &'static str, charts: Vec<ChartSpec>) -> AnyView {
    let fetch = std::rc::Rc::new(move |api: Api, start: i64, end: i64| {
        let path = path.clone();
        Box::pin(async move {
            let window = [("metricType", types.to_owned()), ("start", iso(start)), ("end", iso(end)), ("numberOfSamples", SAMPLES.to_owned())];
            let mut answer = Value::Object(Default::default());
            answer["measurements"] = Value::Array(api.metrics(&path, &window).await?);
            Ok(answer)
        }) as Pending<Value>
    });
    view! { <MetricsPanel fetch charts/> }.into_any()
}

/// The charts of `charts`, loaded by `fetch(api, start, end)` for the chosen range.
#[component]
pub fn MetricsPanel(
    fetch: std::rc::Rc<dyn Fn(Api, i64, i64) -> Pending<Value>>,
    charts: Vec<ChartSpec>,
    /// Reloads every so many seconds while the tab is visible (a page that keeps current).
    #[prop(optional)]
    every: Option<u32>,
) -> impl IntoView {
    let api = use_api();
    let range = RwSignal::new(RANGES[0].1);
    let loaded = load(move || {
        let end = (js_sys::Date::now() / 1000.0) as i64;
        fetch(api, end - range.get(), end)
    });
    let retry = loaded.retry();
    if let Some(secs) = every {
        super::live::auto_refresh(secs, move || !loaded.busy.get_untracked(), move || loaded.reload());
    }
    let charts = charts
        .into_iter()
        .map(|spec| {
            // Read out of the answer once per load, however often the chart reads it.
            let data = Memo::new(move |_| loaded.with(|v| v.and_then(Result::ok).map(spec.lines)));
            view! { <Chart title=spec.title unit=spec.unit data=data.into()/> }
        })
        .collect_view();
    let options = RANGES.map(|(label, secs)| view! { <option value=secs.to_string()>{label}</option> });
    view! {
        <div class="toolbar">
            <label>"Time range "
                <select on:change=move |ev| range.set(event_target_value(&ev).parse().unwrap_or(RANGES[0].1))>{options}</select>
            </label>
            <button class="button" on:click=move |_| retry.run(()) disabled=loaded.busy>"Refresh"</button>
        </div>
        {move || loaded.err().map(|error| view! { <ErrorPanel error doing="load the metrics" retry/> })}
        <div class="charts" class:busy=loaded.busy>{charts}</div>
    }
}
