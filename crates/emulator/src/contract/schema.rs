//! JSON Schema as the OpenAPI document writes it, checked strictly (what we write) or as
//! written (what anyone may send).

use super::Contract;
use regex::Regex;
use serde_json::{Map, Value};

/// How a body is read against its schema.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Mode {
    /// For what we write (the emulator's answers, the console's requests): no undeclared
    /// property, and a schema that lists properties describes an object even without `type`.
    Strict,
    /// For what anyone may send: JSON Schema as written. Undeclared properties are ignored
    /// (a server reads the fields it knows), and a schema without `type` constrains only the
    /// types its keywords apply to (so `placementStrategy: null` is allowed when untyped).
    AsWritten,
}

impl Contract {
    pub(super) fn check(&self, mode: Mode, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
        let schema = self.resolve(schema);
        if value.is_null() {
            let untyped = mode == Mode::AsWritten && !self.is_typed(schema);
            let nullable = schema["nullable"] == Value::Bool(true) || untyped || schema.as_object().is_some_and(Map::is_empty);
            // OpenAPI 3.0.3: an enum without null admits no null, whatever `nullable` says.
            let enum_refuses = schema["enum"].as_array().is_some_and(|options| !options.contains(value));
            if !nullable || enum_refuses {
                errors.push(format!("{at} is null but not nullable"));
            }
            return;
        }
        for alternatives in ["oneOf", "anyOf"] {
            if let Some(options) = schema[alternatives].as_array() {
                let fits = options.iter().any(|option| {
                    let mut sub = Vec::new();
                    self.check(mode, option, value, at, &mut sub);
                    sub.is_empty()
                });
                if !fits {
                    errors.push(format!("{at} matches none of {alternatives}"));
                }
            }
        }
        if let Some(options) = schema["enum"].as_array() {
            if !options.contains(value) {
                errors.push(format!("{at} = {value} is not one of {options:?}"));
            }
        }
        let inferred = (mode == Mode::Strict || value.is_object()) && self.is_object(schema);
        let kind = schema["type"].as_str().or_else(|| inferred.then_some("object"));
        match (kind, value) {
            (Some("object"), Value::Object(map)) => self.check_object(mode, schema, map, at, errors),
            (Some("array"), Value::Array(items)) => {
                let count = items.len() as u64;
                if schema["minItems"].as_u64().is_some_and(|min| count < min) {
                    errors.push(format!("{at} has fewer items than minItems"));
                }
                if schema["maxItems"].as_u64().is_some_and(|max| count > max) {
                    errors.push(format!("{at} has more items than maxItems"));
                }
                for (i, item) in items.iter().enumerate() {
                    self.check(mode, &schema["items"], item, &format!("{at}[{i}]"), errors);
                }
            }
            (Some("string"), Value::String(s)) => check_string(schema, s, at, errors),
            (Some("integer"), Value::Number(n)) if n.is_i64() || n.is_u64() => check_range(schema, n, at, errors),
            (Some("number"), Value::Number(n)) => check_range(schema, n, at, errors),
            (Some("boolean"), Value::Bool(_)) | (None, _) => {}
            (Some(kind), other) => errors.push(format!("{at} should be {kind}, got {other}")),
        }
        for part in schema["allOf"].as_array().into_iter().flatten() {
            // Object parts were checked together above, so that each part's properties count.
            if !self.is_object(self.resolve(part)) {
                self.check(mode, part, value, at, errors);
            }
        }
    }

    /// Whether a schema, or a part of its `allOf`, declares a `type`.
    fn is_typed(&self, schema: &Value) -> bool {
        schema.get("type").is_some() || schema["allOf"].as_array().is_some_and(|parts| parts.iter().any(|p| self.is_typed(self.resolve(p))))
    }

    /// An object schema: one with properties, or composed (`allOf`) of such.
    fn is_object(&self, schema: &Value) -> bool {
        schema.get("properties").is_some()
            || schema["allOf"].as_array().is_some_and(|parts| parts.iter().any(|p| self.is_object(self.resolve(p))))
    }

    /// The properties, required names and `additionalProperties` of a schema and its `allOf`.
    fn object_parts<'a>(&'a self, schema: &'a Value, props: &mut Map<String, Value>, required: &mut Vec<String>) -> Option<&'a Value> {
        let schema = self.resolve(schema);
        let mut additional = schema.get("additionalProperties");
        if let Some(own) = schema["properties"].as_object() {
            props.extend(own.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        required.extend(schema["required"].as_array().into_iter().flatten().filter_map(|r| r.as_str().map(String::from)));
        for part in schema["allOf"].as_array().into_iter().flatten() {
            additional = additional.or(self.object_parts(part, props, required));
        }
        additional
    }

    fn check_object(&self, mode: Mode, schema: &Value, map: &Map<String, Value>, at: &str, errors: &mut Vec<String>) {
        let (mut props, mut required) = (Map::new(), Vec::new());
        let additional = self.object_parts(schema, &mut props, &mut required);
        for name in &required {
            if !map.contains_key(name) {
                errors.push(format!("{at}.{name} is required but missing"));
            }
        }
        for (key, value) in map {
            let here = format!("{at}.{key}");
            match (props.get(key), additional) {
                (Some(prop), _) => self.check(mode, prop, value, &here, errors),
                (None, Some(Value::Bool(true))) => {}
                (None, Some(extra)) if extra.is_object() => self.check(mode, extra, value, &here, errors),
                (None, _) if mode == Mode::Strict => errors.push(format!("{here} is not declared")),
                (None, _) => {}
            }
        }
    }
}


/// Whether `text` matches `pattern`, each pattern compiled once (an answer of 500 workloads
/// checks the same few patterns thousands of times); a pattern that does not compile matches nothing.
fn matches(pattern: &str, text: &str) -> bool {
    static COMPILED: std::sync::OnceLock<std::sync::Mutex<std::collections::HashMap<String, Option<Regex>>>> = std::sync::OnceLock::new();
    let mut compiled = COMPILED.get_or_init(Default::default).lock().unwrap();
    let re = compiled.entry(pattern.to_owned()).or_insert_with(|| Regex::new(pattern).ok());
    re.as_ref().is_some_and(|re| re.is_match(text))
}

fn check_string(schema: &Value, s: &str, at: &str, errors: &mut Vec<String>) {
    let length = s.chars().count() as u64;
    if schema["minLength"].as_u64().is_some_and(|min| length < min) {
        errors.push(format!("{at} is shorter than minLength"));
    }
    if schema["maxLength"].as_u64().is_some_and(|max| length > max) {
        errors.push(format!("{at} is longer than maxLength"));
    }
    if let Some(pattern) = schema["pattern"].as_str() {
        if !matches(pattern, s) {
            errors.push(format!("{at} = {s:?} does not match {pattern}"));
        }
    }
    let format_ok = match schema["format"].as_str() {
        Some("date-time") => matches(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", s),
        Some("uuid") => matches(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$", s),
        // RFC 1123 host names: dot-separated labels of letters, digits and inner '-'.
        Some("hostname") => s.len() <= 253 && matches(r"^[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?)*$", s),
        _ => true,
    };
    if !format_ok {
        errors.push(format!("{at} = {s:?} is not a {}", schema["format"]));
    }
}

fn check_range(schema: &Value, n: &serde_json::Number, at: &str, errors: &mut Vec<String>) {
    let n = n.as_f64().unwrap();
    let (min, max) = match schema["format"].as_str() {
        Some("int32") => (f64::from(i32::MIN), f64::from(i32::MAX)),
        _ => (f64::NEG_INFINITY, f64::INFINITY),
    };
    let min = schema["minimum"].as_f64().map_or(min, |m| m.max(min));
    let max = schema["maximum"].as_f64().map_or(max, |m| m.min(max));
    if n < min || n > max {
        errors.push(format!("{at} = {n} is out of range"));
    }
}