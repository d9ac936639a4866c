//! Records decoded leniently, field by field, from the JSON the API sent: a field that is
//! missing, null or of an unexpected type becomes its empty value (or, for text, the value as
//! written), so one odd field costs one cell, not the whole list. A record type lists its
//! fields once with `json_record!`; the decoding is a few shared functions, not a generated
//! decoder per type, which also keeps each type's share of the bundle small.

use serde_json::Value;

pub trait FromJson: Sized {
    fn from_json(value: &Value) -> Self;
}

impl FromJson for String {
    /// Text as sent; a number or flag where text was declared is shown as written.
    fn from_json(value: &Value) -> Self {
        match value {
            Value::String(s) => s.clone(),
            Value::Null | Value::Array(_) | Value::Object(_) => String::new(),
            other => other.to_json(),
        }
    }
}

impl FromJson for bool {
    fn from_json(value: &Value) -> Self {
        value.as_bool().unwrap_or(false)
    }
}

impl FromJson for f64 {
    /// A number, or text that reads as one ("NaN" included); otherwise 0.
    fn from_json(value: &Value) -> Self {
        match value {
            Value::Number(n) => n.as_f64().unwrap_or(0.0),
            Value::String(s) => match s.trim() {
                "NaN" => f64::NAN,
                text => crate::util::number(text).unwrap_or(0.0),
            },
            _ => 0.0,
        }
    }
}

impl FromJson for i64 {
    fn from_json(value: &Value) -> Self {
        match value {
            Value::Number(n) => n.as_i64().unwrap_or_else(|| n.as_f64().unwrap_or(0.0) as i64),
            Value::String(s) => s.trim().parse().unwrap_or(0),
            _ => 0,
        }
    }
}

impl FromJson for u64 {
    fn from_json(value: &Value) -> Self {
        i64::from_json(value).max(0) as u64
    }
}

impl<T: FromJson> FromJson for Option<T> {
    /// `None` for a missing or null field.
    fn from_json(value: &Value) -> Self {
        (!value.is_null()).then(|| T::from_json(value))
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    /// The items of an array; none for anything else.
    fn from_json(value: &Value) -> Self {
        value.as_array().map(|items| items.iter().map(T::from_json).collect()).unwrap_or_default()
    }
}

/// An object's members in key order (a `BTreeMap` built from them brought a sort, 2 K gzip).
impl<T: FromJson> FromJson for Vec<(String, T)> {
    fn from_json(value: &Value) -> Self {
        value.as_object().map(|fields| fields.iter().map(|(k, v)| (k.clone(), T::from_json(v))).collect()).unwrap_or_default()
    }
}

/// The first of `keys` that `value` has (a field the API renamed over time).
pub fn first<'a>(value: &'a Value, keys: &[&str]) -> &'a Value {
    keys.iter().map(|k| &value[*k]).find(|v| !v.is_null()).unwrap_or(&Value::Null)
}

/// Declares how a record type is read from JSON: each field and the key (or keys, the first
/// present wins) it comes from.
macro_rules! json_record {
    ($ty:ident { $($field:ident: $($key:literal)|+),* $(,)? }) => {
        impl $crate::api::json::FromJson for $ty {
            fn from_json(value: &serde_json::Value) -> Self {
                $ty { $($field: $crate::api::json::FromJson::from_json($crate::api::json::first(value, &[$($key),+]))),* }
            }
        }
    };
}
pub(crate) use json_record;

/// How a request body is written: the mirror of `FromJson`, without serde's serializer code
/// for each type (that cost the bundle more than the bodies are worth).
pub trait ToJson {
    fn write_json(&self, out: &mut String);
    /// Left out of its object: an unset optional member, never sent as null.
    fn absent(&self) -> bool {
        false
    }
    fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }
}

/// A JSON string literal for `text`.
pub fn write_str(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}
impl ToJson for &str {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}
impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}
impl ToJson for f64 {
    /// A number; JSON has none for NaN or infinity, so those are null.
    fn write_json(&self, out: &mut String) {
        match self.is_finite() {
            true => out.push_str(&crate::util::decimal(*self)),
            false => out.push_str("null"),
        }
    }
}
impl ToJson for i64 {
    fn write_json(&self, out: &mut String) {
        out.push_str(&self.to_string());
    }
}
impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(value) => value.write_json(out),
            None => out.push_str("null"),
        }
    }
    fn absent(&self) -> bool {
        self.is_none()
    }
}
impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

impl ToJson for Value {
    /// Any JSON as read (for showing an odd answer as it came).
    fn write_json(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => b.write_json(out),
            // As an integer where it is one, else as a float: serde_json's own writer would
            // bring its float-printing tables (4 K) for what core already prints.
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => i.write_json(out),
                (_, Some(u)) => out.push_str(&u.to_string()),
                _ => n.as_f64().unwrap_or_default().write_json(out),
            },
            Value::String(s) => write_str(out, s),
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_json(out);
                }
                out.push(']');
            }
            Value::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_str(out, key);
                    out.push(':');
                    value.write_json(out);
                }
                out.push('}');
            }
        }
    }
}

/// JSON already written (a nested object built with `object`).
pub struct Json(pub String);

impl ToJson for Json {
    fn write_json(&self, out: &mut String) {
        out.push_str(&self.0);
    }
}

/// An object of `members` in order, leaving out the absent ones.
pub fn object(members: &[(&str, &dyn ToJson)]) -> Json {
    let mut out = String::new();
    write_object(&mut out, members);
    Json(out)
}

/// Writes an object's members in order, leaving out the absent ones.
pub fn write_object(out: &mut String, members: &[(&str, &dyn ToJson)]) {
    out.push('{');
    let mut first = true;
    for (key, value) in members.iter().filter(|(_, v)| !v.absent()) {
        if !first {
            out.push(',');
        }
        first = false;
        write_str(out, key);
        out.push(':');
        value.write_json(out);
    }
    out.push('}');
}

/// Declares how a request body type is written: each field and its key, in order.
macro_rules! json_write {
    ($ty:ident { $($field:ident: $key:literal),* $(,)? }) => {
        impl $crate::api::json::ToJson for $ty {
            fn write_json(&self, out: &mut String) {
                $crate::api::json::write_object(out, &[$(($key, &self.$field as &dyn $crate::api::json::ToJson)),*]);
            }
        }
    };
}
pub(crate) use json_write;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq)]
    struct Sample {
        name: String,
        count: Option<f64>,
        tags: Vec<String>,
        secret: Option<String>,
    }
    json_record!(Sample { name: "name", count: "count", tags: "tags", secret: "clientSecret" | "secret" });

    #[derive(Default)]
    struct Body {
        name: Option<String>,
        count: f64,
        tags: Vec<String>,
        on: bool,
        left_out: Option<i64>,
    }
    json_write!(Body { name: "name", count: "count", tags: "tags", on: "on", left_out: "leftOut" });

    #[test]
    fn bodies_are_written_as_serde_would_with_unset_members_left_out() {
        let body = Body { name: Some("a \"quoted\"\\ line\n\u{1}".into()), count: 2.5, tags: vec!["x".into()], on: true, left_out: None };
        let written = body.to_json();
        assert_eq!(serde_json::from_str::<serde_json::Value>(&written).unwrap(),
                   json!({ "name": "a \"quoted\"\\ line\n\u{1}", "count": 2.5, "tags": ["x"], "on": true }));
        assert_eq!(Body { count: f64::NAN, ..Body::default() }.to_json(), r#"{"count":null,"tags":[],"on":false}"#);
        assert_eq!(Body { count: 3.0, ..Body::default() }.to_json(), r#"{"count":3,"tags":[],"on":false}"#);
    }

    #[test]
    fn one_odd_field_costs_one_field() {
        let read = |v| Sample::from_json(&v);
        assert_eq!(read(json!({ "name": "a", "count": 2, "tags": ["x"], "secret": "s" })),
                   Sample { name: "a".into(), count: Some(2.0), tags: vec!["x".into()], secret: Some("s".into()) });
        assert_eq!(read(json!({ "name": null, "count": "NaN", "tags": null })).name, "");
        assert!(read(json!({ "count": "NaN" })).count.unwrap().is_nan());
        assert_eq!(read(json!({ "name": 42 })).name, "42", "a number where text was declared is shown as written");
        assert_eq!(read(json!({ "tags": "x" })).tags, Vec::<String>::new());
        assert_eq!(read(json!({ "count": -1 })).count, Some(-1.0));
        assert_eq!(read(json!([])), Sample { name: String::new(), count: None, tags: vec![], secret: None });
    }
}
