//! A strict checker of answers (and requests) against the vendored Run:ai OpenAPI document:
//! the status must be declared for the operation, and a JSON body must match the declared
//! schema with every required field present and no property the schema does not declare.
//! The console's tests use it too, for the bodies its forms send.

use regex::Regex;
use serde_json::{Map, Value};
use std::sync::OnceLock;

pub struct Contract {
    doc: Value,
}

/// The document, parsed once per test binary.
pub fn contract() -> &'static Contract {
    static DOC: OnceLock<Contract> = OnceLock::new();
    DOC.get_or_init(|| {
        // Relative to this file, so that the console's tests find it too.
        Contract { doc: serde_json::from_str(include_str!("../../openapi.json")).unwrap() }
    })
}

impl Contract {
    /// Every way `body` (the answer to `method path` with `status`) breaks the contract.
    pub fn violations(&self, method: &str, path: &str, status: u16, body: &str) -> Vec<String> {
        let Some(operation) = self.operation(method, path) else {
            return vec![format!("{method} {path} is not an operation of the contract")];
        };
        let responses = &operation["responses"];
        let Some(response) = responses.get(status.to_string()).or_else(|| responses.get("default")) else {
            return vec![format!("{method} {path}: status {status} is not declared")];
        };
        let response = self.resolve(response);
        let Some(schema) = response.pointer("/content/application~1json/schema") else {
            return match body.is_empty() {
                true => vec![],
                false => vec![format!("{method} {path} {status}: declared without a body, got {body}")],
            };
        };
        match serde_json::from_str::<Value>(body) {
            Ok(value) => {
                let mut errors = Vec::new();
                self.check(schema, &value, "$", &mut errors);
                errors.into_iter().map(|e| format!("{method} {path} {status}: {e}")).collect()
            }
            Err(e) => vec![format!("{method} {path} {status}: body is not JSON ({e}): {body}")],
        }
    }

    /// Every way `body`, sent as the request of `method path`, breaks the contract.
    pub fn request_violations(&self, method: &str, path: &str, body: &str) -> Vec<String> {
        let Some(operation) = self.operation(method, path) else {
            return vec![format!("{method} {path} is not an operation of the contract")];
        };
        let Some(schema) = self.resolve(&operation["requestBody"]).pointer("/content/application~1json/schema") else {
            return vec![format!("{method} {path} declares no JSON request body")];
        };
        match serde_json::from_str::<Value>(body) {
            Ok(value) => {
                let mut errors = Vec::new();
                self.check(schema, &value, "$", &mut errors);
                errors.into_iter().map(|e| format!("{method} {path} request: {e}")).collect()
            }
            Err(e) => vec![format!("{method} {path} request is not JSON ({e}): {body}")],
        }
    }

    /// The operation whose path template matches `path` (literal segments beat parameters).
    fn operation(&self, method: &str, path: &str) -> Option<&Value> {
        let path = path.split('?').next().unwrap();
        let segments: Vec<&str> = path.split('/').collect();
        let paths = self.doc["paths"].as_object()?;
        paths
            .iter()
            .filter_map(|(template, item)| {
                let parts: Vec<&str> = template.split('/').collect();
                let matches = parts.len() == segments.len()
                    && parts.iter().zip(&segments).all(|(p, s)| p.starts_with('{') || p == s);
                let params = parts.iter().filter(|p| p.starts_with('{')).count();
                (matches).then_some((params, item.get(method.to_lowercase())?))
            })
            .min_by_key(|(params, _)| *params)
            .map(|(_, op)| op)
    }

    fn resolve<'a>(&'a self, mut node: &'a Value) -> &'a Value {
        while let Some(reference) = node.get("$ref").and_then(Value::as_str) {
            node = self.doc.pointer(reference.trim_start_matches('#')).expect("dangling $ref");
        }
        node
    }

    fn check(&self, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
        let schema = self.resolve(schema);
        if value.is_null() {
            if schema["nullable"] != Value::Bool(true) && !schema.as_object().is_some_and(Map::is_empty) {
                errors.push(format!("{at} is null but not nullable"));
            }
            return;
        }
        for alternatives in ["oneOf", "anyOf"] {
            if let Some(options) = schema[alternatives].as_array() {
                let fits = options.iter().any(|option| {
                    let mut sub = Vec::new();
                    self.check(option, value, at, &mut sub);
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
        let kind = schema["type"].as_str().or_else(|| self.is_object(schema).then_some("object"));
        match (kind, value) {
            (Some("object"), Value::Object(map)) => self.check_object(schema, map, at, errors),
            (Some("array"), Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    self.check(&schema["items"], item, &format!("{at}[{i}]"), errors);
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
                self.check(part, value, at, errors);
            }
        }
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

    fn check_object(&self, schema: &Value, map: &Map<String, Value>, at: &str, errors: &mut Vec<String>) {
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
                (Some(prop), _) => self.check(prop, value, &here, errors),
                (None, Some(Value::Bool(true))) => {}
                (None, Some(extra)) if extra.is_object() => self.check(extra, value, &here, errors),
                (None, _) => errors.push(format!("{here} is not declared")),
            }
        }
    }
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
        if !Regex::new(pattern).is_ok_and(|re| re.is_match(s)) {
            errors.push(format!("{at} = {s:?} does not match {pattern}"));
        }
    }
    let format_ok = match schema["format"].as_str() {
        Some("date-time") => Regex::new(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$").unwrap().is_match(s),
        Some("uuid") => Regex::new(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$").unwrap().is_match(s),
        _ => true,
    };
    if !format_ok {
        errors.push(format!("{at} = {s:?} is not a {}", schema["format"]));
    }
}

fn check_range(schema: &Value, n: &serde_json::Number, at: &str, errors: &mut Vec<String>) {
    let n = n.as_f64().unwrap();
    if schema["minimum"].as_f64().is_some_and(|min| n < min) || schema["maximum"].as_f64().is_some_and(|max| n > max) {
        errors.push(format!("{at} = {n} is out of range"));
    }
}
