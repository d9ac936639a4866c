//! What a table cell or detail field holds, as data: the same value renders, searches, sorts
//! and exports to CSV, so a column is declared once.

use crate::util::time::{format_ago, format_time, parse_rfc3339};
use leptos::prelude::*;

/// How a status reads at a glance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Good,
    Warn,
    Bad,
    Neutral,
}

impl Tone {
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Good => "good",
            Tone::Warn => "warn",
            Tone::Bad => "bad",
            Tone::Neutral => "neutral",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    /// No value (absent or null in the answer): shown as a dash.
    Missing,
    Status { label: String, tone: Tone },
    /// An RFC 3339 instant, shown as a date and time in the operator's time zone or UTC.
    Time(String),
    /// An RFC 3339 instant, shown as how long ago it was.
    Ago(String),
    /// A link inside the console.
    Link { text: String, href: String },
    /// A link out of the console, only ever http(s).
    External(String),
    Number(f64),
    /// A part of a whole (0 to 1; NaN of nothing): a percent with a bar.
    Share(f64),
    /// A cluster, by UUID: shown by its name once the names are known.
    Cluster(String),
}

/// What a column sorts by.
#[derive(Clone, Debug, PartialEq, PartialOrd)]
pub enum SortKey {
    Number(f64),
    Text(String),
    /// Missing values sort last.
    Missing,
}

impl Cell {
    /// Text from an optional string: `Missing` when absent or empty.
    pub fn opt(value: Option<&str>) -> Cell {
        match value {
            Some(v) if !v.is_empty() => Cell::Text(v.to_owned()),
            _ => Cell::Missing,
        }
    }

    pub fn opt_time(value: Option<&str>) -> Cell {
        value.filter(|v| !v.is_empty()).map_or(Cell::Missing, |v| Cell::Time(v.to_owned()))
    }

    pub fn opt_ago(value: Option<&str>) -> Cell {
        value.filter(|v| !v.is_empty()).map_or(Cell::Missing, |v| Cell::Ago(v.to_owned()))
    }

    /// A URL from the API: a link if it is http(s), plain text otherwise (never `javascript:`).
    pub fn url(value: Option<&str>) -> Cell {
        match value {
            Some(v) if v.starts_with("https://") || v.starts_with("http://") => Cell::External(v.to_owned()),
            other => Cell::opt(other),
        }
    }

    /// The text an operator sees (also what search matches and CSV exports).
    pub fn text(&self, now: i64) -> String {
        match self {
            Cell::Text(t) | Cell::External(t) | Cell::Link { text: t, .. } | Cell::Status { label: t, .. } => t.clone(),
            Cell::Missing => "—".into(),
            Cell::Time(t) => format_time(t, in_utc().get_untracked()),
            Cell::Ago(t) => format_ago(t, now, in_utc().get_untracked()),
            Cell::Number(n) => format_number(*n),
            Cell::Share(s) if s.is_finite() => format!("{}%", (s * 100.0).round() as i64),
            Cell::Share(_) => "—".into(),
            Cell::Cluster(uuid) => super::clusters::cluster_name(uuid).unwrap_or_else(|| uuid.clone()),
        }
    }

    /// The value for CSV: times stay machine-readable, missing stays empty.
    pub fn export(&self, now: i64) -> String {
        match self {
            Cell::Missing => String::new(),
            Cell::Time(t) | Cell::Ago(t) => t.clone(),
            other => other.text(now),
        }
    }

    pub fn sort_key(&self) -> SortKey {
        match self {
            Cell::Missing => SortKey::Missing,
            Cell::Number(n) | Cell::Share(n) => SortKey::Number(*n),
            Cell::Time(t) | Cell::Ago(t) => parse_rfc3339(t).map_or(SortKey::Text(t.clone()), |s| SortKey::Number(s as f64)),
            other => SortKey::Text(other.text(0).to_ascii_lowercase()),
        }
    }

    pub fn render(&self, now: i64) -> AnyView {
        match self {
            Cell::Missing => view! { <span class="missing" aria-label="none">"—"</span> }.into_any(),
            Cell::Status { label, tone } => {
                view! { <span class=format!("badge badge-{}", tone.as_str())>{label.clone()}</span> }.into_any()
            }
            Cell::Time(t) | Cell::Ago(t) => {
                let (at, cell, utc) = (t.clone(), self.clone(), in_utc());
                let text = move || {
                    utc.track();
                    cell.text(now)
                };
                let title = move || format_time(&at, in_utc().get());
                view! { <time datetime=t.clone() title=title>{text}</time> }.into_any()
            }
            Cell::Link { text, href } => view! { <a href=crate::util::base::href(href)>{text.clone()}</a> }.into_any(),
            Cell::External(url) => {
                view! { <a href=url.clone() target="_blank" rel="noopener noreferrer">{url.clone()}</a> }.into_any()
            }
            // The bar's value is printed by JavaScript: an f64 attribute brings Rust's float printing.
            Cell::Share(share) => view! {
                <span class="share">{self.text(now)}<meter min="0" max="1" value=share.is_finite().then(|| crate::util::decimal(*share)) aria-hidden="true"></meter></span>
            }
            .into_any(),
            Cell::Cluster(uuid) => {
                let (title, uuid) = (uuid.clone(), uuid.clone());
                view! { <span title=title>{move || super::clusters::cluster_name(&uuid).unwrap_or_else(|| uuid.clone())}</span> }.into_any()
            }
            Cell::Text(_) | Cell::Number(_) => view! { <span title=self.text(now)>{self.text(now)}</span> }.into_any(),
        }
    }
}

thread_local! {
    // Reference-counted, not owned by the first page that reads it (see `clusters::NAMES`).
    // It starts as the operator last left it in this browser.
    static UTC: ArcRwSignal<bool> = ArcRwSignal::new(preferences().and_then(|s| s.get_item(UTC_KEY).ok()?).as_deref() == Some("1"));
}

/// Where the UTC choice is kept: a preference, not a secret, so the browser's storage will do.
const UTC_KEY: &str = "runai-console.utc";

fn preferences() -> Option<web_sys::Storage> {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window()?.local_storage().ok()?;
    #[cfg(not(target_arch = "wasm32"))]
    None
}

/// Whether times are shown in UTC rather than the operator's time zone (the top bar's switch).
pub fn in_utc() -> ArcRwSignal<bool> {
    UTC.with(ArcRwSignal::clone)
}

/// Shows times in UTC, or not, and remembers the choice for the next visit.
pub fn show_utc(on: bool) {
    in_utc().set(on);
    if let Some(storage) = preferences() {
        // A browser that keeps nothing (private mode, full storage) still shows the choice now.
        let _ = storage.set_item(UTC_KEY, if on { "1" } else { "0" });
    }
}

/// Numbers as people read them: integers plain, fractions to two places at most.
pub fn format_number(n: f64) -> String {
    if !n.is_finite() {
        return "—".into();
    }
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        crate::util::decimal((n * 100.0).round() / 100.0)
    }
}

/// Seconds since the Unix epoch, now, from the browser's clock (0 outside a browser).
pub fn now_secs() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        (js_sys::Date::now() / 1000.0) as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_sort_and_export() {
        assert_eq!(Cell::opt(None), Cell::Missing);
        assert_eq!(Cell::opt(Some("")), Cell::Missing);
        assert_eq!(Cell::Missing.text(0), "—");
        assert_eq!(Cell::Missing.export(0), "");
        assert_eq!(Cell::Time("2025-03-12T09:14:00Z".into()).text(0), "2025-03-12 09:14 UTC");
        assert_eq!(Cell::Time("2025-03-12T09:14:00Z".into()).export(0), "2025-03-12T09:14:00Z");
        assert!(Cell::Number(2.0).sort_key() < Cell::Number(10.0).sort_key());
        assert!(Cell::Text("B".into()).sort_key() > Cell::Text("a".into()).sort_key());
        assert!(Cell::Text("zzz".into()).sort_key() < Cell::Missing.sort_key());
    }

    #[test]
    fn only_http_urls_become_links() {
        assert_eq!(Cell::url(Some("https://a.example")), Cell::External("https://a.example".into()));
        assert_eq!(Cell::url(Some("javascript:alert(1)")), Cell::Text("javascript:alert(1)".into()));
        assert_eq!(Cell::url(None), Cell::Missing);
    }

    #[test]
    fn numbers_read_plainly() {
        assert_eq!(format_number(4.0), "4");
        assert_eq!(format_number(0.5), "0.5");
        assert_eq!(format_number(1.0 / 3.0), "0.33");
        assert_eq!(format_number(f64::NAN), "—");
    }
}
