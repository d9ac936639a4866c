//! Plain functions with no UI or network in them (`time` is unit-tested natively; `base`
//! reads the page's `<base href>`).

pub mod base;
pub mod time;

/// The decimal number `text` is (`-1.5`, `2e3`), if it is one: no spaces, no `inf` or `NaN`.
/// In the browser the value comes from JavaScript's `parseFloat` (once the text is known to be
/// decimal), which spares the bundle the standard library's float parser and its tables.
pub fn number(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = unsigned.split_once(['e', 'E']).unwrap_or((unsigned, "0"));
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let exponent = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
    let decimal = !(whole.is_empty() && fraction.is_empty()) && digits(whole) && digits(fraction) && !exponent.is_empty() && digits(exponent);
    if !decimal {
        return None;
    }
    #[cfg(target_arch = "wasm32")]
    return Some(js_sys::Number::parse_float(text));
    #[cfg(not(target_arch = "wasm32"))]
    text.parse().ok()
}

/// A number as JavaScript prints it (the shortest text that reads back the same: `0.5`, `3`).
/// Rust's float printing and its tables would cost the bundle about 3 K gzip.
pub fn decimal(n: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Number::from(n).to_string_with_radix(10).map(String::from).unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        n.to_string()
    }
}

/// The text with its first letter in upper case ("project" → "Project"). Labels are ASCII;
/// Unicode case mapping would add its tables (about 10 K gzip) to the bundle.
pub fn capitalized(text: &str) -> String {
    let mut text = text.to_owned();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn numbers_are_decimal_text_only() {
        for (text, value) in [("1", 1.0), ("-1.5", -1.5), ("+2", 2.0), (".5", 0.5), ("5.", 5.0), ("2e3", 2000.0), ("1E-2", 0.01)] {
            assert_eq!(number(text), Some(value), "{text}");
        }
        assert!(number("1e309").is_some_and(f64::is_infinite));
        for text in ["", " 1", "1 ", "inf", "NaN", "0x10", "1e", ".", "-", "1.2.3", "1e+", "e5", "1,5"] {
            assert_eq!(number(text), None, "{text}");
        }
    }
}
