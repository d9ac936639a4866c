//! JSON text to a `serde_json::Value`. The console keeps serde_json's `Value` as its data,
//! but not its parser: that parser's generic visitor code, float tables and error messages
//! cost the bundle N K gzip, and JavaScript reads the numbers already (`util::number`).

use serde_json::{Map, Number, Value};

/// The value `text` holds; `None` when it is not one JSON value. A number too large for a
/// double (`1e309`) is kept as its text: it costs one field, not the whole answer.
pub fn parse(text: &str) -> Option<Value> {
    let mut p = Parser { s: text.as_bytes(), i: 0 };
    let value = p.value(0)?;
    p.space();
    (p.i == p.s.len()).then_some(value)
}

/// As deep as serde_json goes before it refuses (a stack the browser's can hold).
const DEPTH: u32 = 128;

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn space(&mut self) {
        while matches!(self.s.get(self.i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }

    /// Skips `b` (after any space) if it comes next.
    fn eat(&mut self, b: u8) -> bool {
        self.space();
        let next = self.s.get(self.i) == Some(&b);
        self.i += usize::from(next);
        next
    }

    fn value(&mut self, depth: u32) -> Option<Value> {
        self.space();
        let word = |p: &mut Self, w: &[u8], v: Value| {
            p.s[p.i..].starts_with(w).then(|| {
                p.i += w.len();
                v
            })
        };
        match *self.s.get(self.i)? {
            b'{' | b'[' if depth >= DEPTH => None,
            b'{' => {
                self.i += 1;
                let mut map = Map::new();
                if self.eat(b'}') {
                    return Some(Value::Object(map));
                }
                loop {
                    self.space();
                    let key = self.string()?;
                    if !self.eat(b':') {
                        return None;
                    }
                    map.insert(key, self.value(depth + 1)?);
                    if !self.eat(b',') {
                        return self.eat(b'}').then_some(Value::Object(map));
                    }
                }
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Some(Value::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    if !self.eat(b',') {
                        return self.eat(b']').then_some(Value::Array(items));
                    }
                }
            }
            b'"' => self.string().map(Value::String),
            b't' => word(self, b"true", Value::Bool(true)),
            b'f' => word(self, b"false", Value::Bool(false)),
            b'n' => word(self, b"null", Value::Null),
            _ => self.number(),
        }
    }

    fn string(&mut self) -> Option<String> {
        if self.s.get(self.i) != Some(&b'"') {
            return None;
        }
        self.i += 1;
        let mut out = Vec::new();
        loop {
            let b = *self.s.get(self.i)?;
            self.i += 1;
            match b {
                // The text is UTF-8 and escapes are written as UTF-8: the bytes stay valid.
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let escaped = *self.s.get(self.i)?;
                    self.i += 1;
                    let c = match escaped {
                        b'"' | b'\\' | b'/' => char::from(escaped),
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode()?,
                        _ => return None,
                    };
                    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                }
                0..=0x1f => return None,
                _ => out.push(b),
            }
        }
    }

    fn hex(&mut self) -> Option<u32> {
        let digits = self.s.get(self.i..self.i + 4)?;
        self.i += 4;
        digits.iter().try_fold(0, |n, d| Some(n * 16 + char::from(*d).to_digit(16)?))
    }

    /// The character of a `\u` escape (the pair of a surrogate pair). A lone surrogate, which
    /// no string can hold, reads as U+FFFD rather than failing the whole answer.
    fn unicode(&mut self) -> Option<char> {
        let high = self.hex()?;
        if (0xD800..0xDC00).contains(&high) && self.s.get(self.i..self.i + 2) == Some(b"\\u") {
            let at = self.i;
            self.i += 2;
            match self.hex()? {
                low @ 0xDC00..0xE000 => return char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)),
                _ => self.i = at,
            }
        }
        Some(char::from_u32(high).unwrap_or('\u{FFFD}'))
    }

    /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`, nothing more lenient.
    fn number(&mut self) -> Option<Value> {
        let start = self.i;
        let digits = |p: &mut Self| {
            let from = p.i;
            while p.s.get(p.i).is_some_and(u8::is_ascii_digit) {
                p.i += 1;
            }
            p.i > from
        };
        if self.s.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        match self.s.get(self.i)? {
            b'0' => self.i += 1,
            b'1'..=b'9' => _ = digits(self),
            _ => return None,
        }
        let fraction = self.s.get(self.i) == Some(&b'.');
        if fraction {
            self.i += 1;
            digits(self).then_some(())?;
        }
        let exponent = matches!(self.s.get(self.i), Some(b'e' | b'E'));
        if exponent {
            self.i += 1;
            if matches!(self.s.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            digits(self).then_some(())?;
        }
        let text = std::str::from_utf8(&self.s[start..self.i]).ok()?;
        if !fraction && !exponent {
            // "-0" is a double, as serde_json reads it.
            match text.parse::<i64>() {
                Ok(n) if n != 0 || !text.starts_with('-') => return Some(Value::Number(n.into())),
                _ => {}
            }
            if let Ok(n) = text.parse::<u64>() {
                return Some(Value::Number(n.into()));
            }
        }
        let n = crate::util::number(text)?;
        Some(Number::from_f64(n).map_or_else(|| Value::String(text.to_owned()), Value::Number))
    }
}

#[cfg(test)]
mod tests {
    use super::parse;
    use serde_json::json;

    #[test]
    fn reads_what_serde_json_reads() {
        let texts = [
            r#"{"a": [1, -2, 3.5, 1e3, -0.25E-2, 18446744073709551615, 20000000000000000000000], "b": {"c": null, "d": true, "e": false}}"#,
            r#"  ["\"\\\/\b\f\n\r\t", "\u00e9\u4e2d", "\ud83d\ude00", "plain é 中 😀", ""]  "#,
            "0", "-0", "[]", "{}", r#"{"k": "v", "k": "w"}"#,
        ];
        for text in texts {
            assert_eq!(parse(text), serde_json::from_str(text).ok(), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_json() {
        for text in ["", "01", "+1", "1.", ".5", "1e", "-", "[1,]", "{\"a\":1,}", "{a:1}", "'x'", "\"tab\there\"", "tru", "nul", "[1] 2", "\"open", "[", "{\"a\" 1}", "\"\\x\""] {
            assert_eq!(parse(text), None, "{text}");
            assert!(serde_json::from_str::<serde_json::Value>(text).is_err(), "{text}");
        }
    }

    #[test]
    fn keeps_a_number_too_large_as_its_text_and_survives_odd_escapes() {
        assert_eq!(parse(r#"{"big": 1e309, "ok": 2}"#), Some(json!({ "big": "1e309", "ok": 2 })));
        // Beyond u64, a double (to the nearest, where serde_json's own reading may miss by one ulp).
        assert_eq!(parse("123456789012345678901234").and_then(|v| v.as_f64()), Some(123456789012345678901234.0));
        assert_eq!(parse(r#""\ud800x""#), Some(json!("\u{FFFD}x")));
        assert_eq!(parse(&"[".repeat(129)), None, "too deep");
        assert!(parse(&format!("{}{}", "[".repeat(100), "]".repeat(100))).is_some());
    }
}
