//! CSV export of a list's visible columns, and handing the file to the browser.

use super::cell::Cell;

/// At most this many rows are exported (as in the Run:ai UI).
pub const EXPORT_LIMIT: usize = 20_000;

/// RFC 4180 CSV. Cells that a spreadsheet would run as a formula are prefixed with `'`.
pub fn to_csv(titles: &[&str], rows: &[Vec<Cell>], now: i64) -> String {
    let mut out = String::new();
    let line = |out: &mut String, fields: &mut dyn Iterator<Item = String>| {
        let fields: Vec<String> = fields.map(|f| escape(&f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    };
    line(&mut out, &mut titles.iter().map(|t| t.to_string()));
    for row in rows {
        line(&mut out, &mut row.iter().map(|c| c.export(now)));
    }
    out
}

fn escape(field: &str) -> String {
    let field = match field.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if crate::util::number(field).is_none() => format!("'{field}"),
        _ => field.to_owned(),
    };
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

/// Offers `text` to the browser as a downloaded file.
pub fn download(file_name: &str, text: &str) {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(link) = document.and_then(|d| d.create_element("a").ok()).and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_csv_that_spreadsheets_read_safely() {
        let rows = vec![
            vec![Cell::Text("team, a".into()), Cell::Number(4.0), Cell::Missing],
            vec![Cell::Text("say \"hi\"".into()), Cell::Number(-1.0), Cell::Text("=cmd|' /C calc'!A0".into())],
            vec![Cell::Time("2025-03-12T09:14:00Z".into()), Cell::Text("@SUM(A1)".into()), Cell::Text("ok".into())],
        ];
        let csv = to_csv(&["Name", "GPUs", "Note"], &rows, 0);
        assert_eq!(
            csv,
            "Name,GPUs,Note\r\n\"team, a\",4,\r\n\"say \"\"hi\"\"\",-1,'=cmd|' /C calc'!A0\r\n2025-03-12T09:14:00Z,'@SUM(A1),ok\r\n"
        );
    }
}
