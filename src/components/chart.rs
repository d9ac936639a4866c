//! Time-series charts drawn by uPlot (`assets/` loads its script; the `uPlot` global is bound
//! here): drag across to zoom, double-click or "Reset zoom" to go back, click a legend entry to
//! hide its line. Each chart also offers its data as CSV and as a table for screen readers.

use super::export::{download, to_csv};
use super::cell::Cell;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = uPlot)]
    type UPlot;
    #[wasm_bindgen(constructor, js_class = "uPlot", catch)]
    fn new(options: &JsValue, data: &JsValue, target: &web_sys::Element) -> Result<UPlot, JsValue>;
    #[wasm_bindgen(method, js_name = setData)]
    fn set_data(this: &UPlot, data: &JsValue);
    #[wasm_bindgen(method)]
    fn destroy(this: &UPlot);
}

/// Lines over shared times: what one chart draws.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    /// Seconds since the epoch, and the API's own time stamps (for the table and the CSV).
    pub times: Vec<f64>,
    pub stamps: Vec<String>,
    /// Each line's name and values, one per time (NaN where it has none).
    pub lines: Vec<(String, Vec<f64>)>,
}

impl Series {
    pub fn is_empty(&self) -> bool {
        self.times.is_empty() || self.lines.is_empty()
    }

    /// The data as uPlot takes it: the times, then each line, as typed arrays.
    fn to_js(&self) -> JsValue {
        let data = js_sys::Array::of1(&js_sys::Float64Array::from(&self.times[..]));
        for (_, values) in &self.lines {
            data.push(&js_sys::Float64Array::from(&values[..]));
        }
        data.into()
    }

    fn titles(&self) -> Vec<&str> {
        std::iter::once("Time").chain(self.lines.iter().map(|(name, _)| name.as_str())).collect()
    }

    fn rows(&self) -> Vec<Vec<Cell>> {
        let value = |v: f64| if v.is_nan() { Cell::Missing } else { Cell::Number((v * 100.0).round() / 100.0) };
        (0..self.times.len())
            .map(|i| std::iter::once(Cell::Time(self.stamps[i].clone())).chain(self.lines.iter().map(|(_, vs)| value(vs[i]))).collect())
            .collect()
    }
}

/// Line colours, told apart also by the legend's order and the table.
const PALETTE: [&str; 8] = ["#2f6fde", "#d9480f", "#2b8a3e", "#9c36b5", "#e67700", "#0b7285", "#c2255c", "#5c940d"];

/// uPlot's options as JSON: a time axis, one series per line, x-only drag to zoom.
fn options(series: &Series, title: &str, unit: &str, width: i32) -> JsValue {
    use crate::api::json::ToJson;
    let lines: Vec<String> = series
        .lines
        .iter()
        .enumerate()
        .map(|(i, (name, _))| {
            // The average, when a chart has one, is drawn thicker and dashed.
            let average = name == "Average";
            format!(
                r#"{{"label":{},"stroke":"{}","width":{}{}}}"#,
                name.to_json(),
                if average { "#1b1f24" } else { PALETTE[i % PALETTE.len()] },
                if average { 2 } else { 1 },
                if average { r#","dash":[6,4]"# } else { "" }
            )
        })
        .collect();
    let json = format!(
        r#"{{"title":{},"width":{width},"height":220,"series":[{{}},{}],"axes":[{{}},{{"label":{},"size":60}}],"cursor":{{"drag":{{"x":true,"y":false}}}},"scales":{{"x":{{"time":true}}}}}}"#,
        title.to_json(),
        lines.join(","),
        unit.to_json()
    );
    js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL)
}

/// One chart of `data` (`None` while it loads), titled, in `unit`.
#[component]
pub fn Chart(title: &'static str, unit: &'static str, data: Signal<Option<Series>>) -> impl IntoView {
    let target = NodeRef::<leptos::html::Div>::new();
    // The plot, and the lines it was made for: other lines (a pod more) need a new plot.
    let plot = StoredValue::new_local(None::<(UPlot, Vec<String>)>);
    let failed = RwSignal::new(false);
    let table_open = RwSignal::new(false);
    let draw = move || {
        let (Some(element), Some(series)) = (target.get(), data.get()) else { return };
        let js = series.to_js();
        let names: Vec<String> = series.lines.iter().map(|(name, _)| name.clone()).collect();
        let same = plot.with_value(|p| p.as_ref().is_some_and(|(_, drawn)| *drawn == names));
        if same {
            plot.with_value(|p| p.as_ref().map(|(p, _)| p.set_data(&js)));
        } else {
            if let Some((old, _)) = plot.try_update_value(Option::take).flatten() {
                old.destroy();
            }
            let width = element.client_width().max(320);
            match UPlot::new(&options(&series, title, unit, width), &js, &element) {
                Ok(p) => plot.set_value(Some((p, names))),
                // The script did not load (blocked, or a very old browser): say so, keep the table.
                Err(_) => failed.set(true),
            }
        }
    };
    Effect::new(move |_| draw());
    on_cleanup(move || {
        if let Some((p, _)) = plot.try_update_value(Option::take).flatten() {
            p.destroy();
        }
    });
    let reset = move |_| {
        // Drawing the same data again resets the zoom to all of it.
        if let Some(series) = data.get_untracked() {
            plot.with_value(|p| p.as_ref().map(|(p, _)| p.set_data(&series.to_js())));
        }
    };
    let export = move |_| {
        if let Some(series) = data.get_untracked() {
            download(&format!("{}.csv", title.to_ascii_lowercase().replace(' ', "-")), &to_csv(&series.titles(), &series.rows(), 0));
        }
    };
    // The table is built only when opened: 8 lines of 240 points are 2,000 cells.
    let table = move || {
        table_open.get().then(|| {
            let series = data.get().unwrap_or_default();
            let heads = series.titles().into_iter().map(|t| view! { <th scope="col">{t.to_owned()}</th> }).collect_view();
            let rows = series.rows().into_iter().map(|row| view! { <tr>{row.into_iter().map(|c| view! { <td>{c.text(0)}</td> }).collect_view()}</tr> }).collect_view();
            view! { <table class="data"><caption>{title}" ("{unit}")"</caption><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table> }
        })
    };
    let note = move || {
        let says = if failed.get() {
            "Charts cannot be drawn in this browser; the data is in the table below."
        } else if data.with(|d| d.as_ref().is_some_and(Series::is_empty)) {
            "No data in this time range."
        } else {
            return None;
        };
        Some(view! { <p class="summary">{says}</p> })
    };
    view! {
        <figure class="chart" aria-label=title>
            <div class="chart-tools">
                <button class="link" on:click=reset>"Reset zoom"</button>
                <button class="link" on:click=export disabled=move || data.with(Option::is_none)>"Export CSV"</button>
            </div>
            <div node_ref=target class="chart-plot" aria-hidden="true"></div>
            {note}
            <details on:toggle=move |ev| table_open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
                <summary>"View as table"</summary>
                {table}
            </details>
        </figure>
    }
}

