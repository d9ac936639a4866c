//! Records decoded leniently, field by field, from the JSON the API sent: a field that is
//! missing, null or of an unexpected type becomes its empty value (or, for text, the value as
//! written), so one odd field costs one cell, not the whole list. A record type lists its
//! fields once with `json_record!`; the decoding is a few shared functions, not a generated
//! decoder per type, which also keeps each type's share of the bundle small.

use serde_json::Value;
use std::collections::BTreeMap;

pub trait FromJson: Sized {
    fn from_json(value: &Value) -> Self;
}

impl FromJson for String {
    /// Text as sent; a number or flag where text was declared is shown as written.
    fn from_json(value: &Value) -> Self {
        match value {
            Value::String(s) => s.clone(),
            Value::Null | Value::Array(_) | Value::Object(_) => String::new(),
            other => other.to_string(),
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
            Value::String(s) => s.trim().parse().unwrap_or(0.0),
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

impl<T: FromJson> FromJson for BTreeMap<String, T> {
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
