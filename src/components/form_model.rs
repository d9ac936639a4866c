//! A form as data: field declarations with typed keys, the values being edited, and
//! validation that mirrors the contract. Plain functions, tested natively; `form.rs` renders
//! them. Field kinds are open: a reference to records loaded by a declared loader, or a
//! component of the resource's own, so the form itself knows no resource type.

use super::quota_editor::QuotaRow;
pub use super::text_rules::{kubernetes_name_problem, text_problem, TextRule};
use crate::api::{Api, Pending};
use leptos::prelude::{AnyView, RwSignal, Signal};
use std::collections::BTreeMap;
use std::marker::PhantomData;

/// A field's key, written once as a constant with the type of its value, so that reading a
/// field back cannot misspell it or read it as the wrong kind.
pub struct Key<T> {
    pub name: &'static str,
    kind: PhantomData<fn() -> T>,
}

impl<T> Key<T> {
    pub const fn new(name: &'static str) -> Self {
        Key { name, kind: PhantomData }
    }
}

impl<T> Clone for Key<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Key<T> {}

/// Options of a choice: (value sent to the API, label shown).
pub type Options = Vec<(String, String)>;

/// Loads a reference field's options, given the value of the field it depends on (empty when
/// none) and what the operator typed to narrow them (empty when nothing).
pub type Loader = fn(Api, String, String) -> Pending<Options>;

/// What a custom field's component gets: the form's values and its own key.
#[derive(Clone)]
pub struct FieldContext {
    pub values: RwSignal<Values>,
    pub key: &'static str,
    /// The value of the field this one depends on.
    pub parent: Signal<String>,
    /// The id of the record edited; `None` when creating one.
    pub editing: Option<String>,
}

#[derive(Clone, Copy)]
pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    pub help: &'static str,
    pub required: bool,
    /// Set when creating only (a name, a cluster); read-only when editing.
    pub create_only: bool,
    /// The field whose value this one's options follow (a department follows its cluster).
    pub depends_on: Option<&'static str>,
    /// Shown (and checked) only while the field `.0` holds one of `.1` (an NFS server only
    /// for NFS data sources).
    pub shown_for: Option<(&'static str, &'static [&'static str])>,
    /// Typed as a password: not shown on screen.
    pub masked: bool,
}

#[derive(Clone, Copy)]
pub enum FieldKind {
    /// One line of text, at most `max` characters, following `rule`.
    Text { max: usize, rule: TextRule },
    LongText { rule: TextRule },
    /// A whole number within bounds (empty means unset unless required).
    Whole { min: i64, max: i64 },
    Choice(&'static [(&'static str, &'static str)]),
    Flag,
    /// Comma-separated words.
    List,
    /// One of the records `load` lists; with `search`, the server narrows them as the
    /// operator types (for lists too long to load whole).
    Reference { load: Loader, search: bool },
    /// A component of the resource's own, with the check its value must pass.
    Custom { render: fn(FieldContext) -> AnyView, check: fn(&Value) -> Option<String> },
}

impl Field {
    const fn new(key: &'static str, label: &'static str, kind: FieldKind) -> Field {
        Field { key, label, kind, help: "", required: false, create_only: false, depends_on: None, shown_for: None, masked: false }
    }
    /// One line of text, at most `max` characters.
    pub const fn text(key: Key<String>, label: &'static str, max: usize) -> Field {
        Field::new(key.name, label, FieldKind::Text { max, rule: TextRule::Free })
    }
    /// A Kubernetes name (DNS-1123 label, at most 63 characters).
    pub const fn kubernetes_name(key: Key<String>, label: &'static str) -> Field {
        Field::new(key.name, label, FieldKind::Text { max: 63, rule: TextRule::Name })
    }
    /// A Kubernetes label key (`run.ai/type`) or value.
    pub const fn label(key: Key<String>, label: &'static str, rule: TextRule) -> Field {
        Field::new(key.name, label, FieldKind::Text { max: if matches!(rule, TextRule::LabelKey) { 316 } else { 63 }, rule })
    }
    pub const fn long_text(key: Key<String>, label: &'static str) -> Field {
        Field::new(key.name, label, FieldKind::LongText { rule: TextRule::Free })
    }
    /// Text that follows `rule` (an amount, a share of a GPU), at most `max` characters.
    pub const fn ruled(key: Key<String>, label: &'static str, max: usize, rule: TextRule) -> Field {
        Field::new(key.name, label, FieldKind::Text { max, rule })
    }
    /// Environment variables, one `NAME=value` per line.
    pub const fn environment(key: Key<String>, label: &'static str) -> Field {
        Field::new(key.name, label, FieldKind::LongText { rule: TextRule::Environment })
    }
    pub const fn whole(key: Key<String>, label: &'static str, min: i64, max: i64) -> Field {
        Field::new(key.name, label, FieldKind::Whole { min, max })
    }
    pub const fn choice(key: Key<String>, label: &'static str, options: &'static [(&'static str, &'static str)]) -> Field {
        Field::new(key.name, label, FieldKind::Choice(options))
    }
    pub const fn flag(key: Key<bool>, label: &'static str) -> Field {
        Field::new(key.name, label, FieldKind::Flag)
    }
    pub const fn list(key: Key<String>, label: &'static str) -> Field {
        Field::new(key.name, label, FieldKind::List)
    }
    pub const fn reference(key: Key<String>, label: &'static str, load: Loader) -> Field {
        Field::new(key.name, label, FieldKind::Reference { load, search: false })
    }
    pub const fn custom<T>(key: Key<T>, label: &'static str, render: fn(FieldContext) -> AnyView, check: fn(&Value) -> Option<String>) -> Field {
        Field::new(key.name, label, FieldKind::Custom { render, check })
    }
    pub const fn required(mut self) -> Field {
        self.required = true;
        self
    }
    pub const fn create_only(mut self) -> Field {
        self.create_only = true;
        self
    }
    pub const fn help(mut self, help: &'static str) -> Field {
        self.help = help;
        self
    }
    /// Its options follow the value of `parent`.
    pub const fn depends_on<T>(mut self, parent: Key<T>) -> Field {
        self.depends_on = Some(parent.name);
        self
    }
    /// Shown only while field `choice` holds one of `values`.
    pub const fn shown_for(mut self, choice: Key<String>, values: &'static [&'static str]) -> Field {
        self.shown_for = Some((choice.name, values));
        self
    }
    /// Typed out of sight, as a password is.
    pub const fn masked(mut self) -> Field {
        self.masked = true;
        self
    }
    /// Whether it is shown with these values.
    pub fn shown(&self, values: &Values) -> bool {
        self.shown_for.is_none_or(|(choice, among)| among.contains(&values.raw(choice).as_str()))
    }
    /// A reference field narrowed by the server as the operator types.
    pub const fn searched(mut self) -> Field {
        if let FieldKind::Reference { search, .. } = &mut self.kind {
            *search = true;
        }
        self
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Flag(bool),
    Quotas(Vec<QuotaRow>),
    /// Records a custom field keeps for the payload (the data sources a workload mounts).
    Json(serde_json::Value),
}

/// The key under which filled-in fields note where their value came from, one
/// `field<TAB>origin` per line (a field loaded from an environment, say).
pub const ORIGINS: &str = "origins";

/// The key under which a policy's rules on fields are kept, one `field<TAB>rule<TAB>scope` per
/// line, the rule as the policy page words it (`max 2, canEdit false`). A field whose rule says
/// `canEdit false` is read-only; `min` and `max` bound its number before anything is sent.
pub const LIMITS: &str = "limits";

/// A Rust type a field's value is kept as.
pub trait FieldValue: Sized {
    fn from_value(value: Option<&Value>) -> Self;
    fn into_value(self) -> Value;
}

impl FieldValue for String {
    /// The text as sent: trimmed.
    fn from_value(value: Option<&Value>) -> Self {
        match value {
            Some(Value::Text(t)) => t.trim().to_owned(),
            _ => String::new(),
        }
    }
    fn into_value(self) -> Value {
        Value::Text(self)
    }
}

impl FieldValue for bool {
    fn from_value(value: Option<&Value>) -> Self {
        matches!(value, Some(Value::Flag(true)))
    }
    fn into_value(self) -> Value {
        Value::Flag(self)
    }
}

impl FieldValue for Vec<QuotaRow> {
    fn from_value(value: Option<&Value>) -> Self {
        match value {
            Some(Value::Quotas(rows)) => rows.clone(),
            _ => Vec::new(),
        }
    }
    fn into_value(self) -> Value {
        Value::Quotas(self)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Values(pub BTreeMap<&'static str, Value>);

impl Values {
    /// A field's value, typed by its key.
    pub fn get<T: FieldValue>(&self, key: Key<T>) -> T {
        T::from_value(self.0.get(key.name))
    }
    pub fn put<T: FieldValue>(&mut self, key: Key<T>, value: T) {
        self.0.insert(key.name, value.into_value());
    }
    /// Puts text only when there is some (`Option` fields of a record).
    pub fn put_text(&mut self, key: Key<String>, value: Option<impl ToString>) {
        self.put(key, value.map(|v| v.to_string()).unwrap_or_default());
    }
    /// `Some(n)` for a typed whole number; `None` when empty or not a number.
    pub fn whole(&self, key: Key<String>) -> Option<i64> {
        self.get(key).parse().ok()
    }
    /// The text, or `None` when it is empty.
    pub fn some(&self, key: Key<String>) -> Option<String> {
        Some(self.get(key)).filter(|t| !t.is_empty())
    }
    /// The words of a comma-separated field; `None` when it is empty.
    pub fn list(&self, key: Key<String>) -> Option<Vec<String>> {
        let words: Vec<String> = self.get(key).split(',').map(str::trim).filter(|w| !w.is_empty()).map(str::to_owned).collect();
        (!words.is_empty()).then_some(words)
    }
    /// The text of field `name` exactly as typed (what the generic view shows).
    pub fn raw(&self, name: &str) -> String {
        match self.0.get(name) {
            Some(Value::Text(t)) => t.clone(),
            _ => String::new(),
        }
    }
    /// The flag of field `name` (for the generic view).
    pub fn raw_flag(&self, name: &str) -> bool {
        matches!(self.0.get(name), Some(Value::Flag(true)))
    }
    /// Sets field `name` from the generic view.
    pub fn set(&mut self, name: &'static str, value: Value) {
        self.0.insert(name, value);
    }
    /// Where field `name`'s value came from, if something filled it in.
    pub fn origin(&self, name: &str) -> Option<String> {
        self.line_of(ORIGINS, name)
    }
    /// What the `field<TAB>…` lines under `key` say of field `name`.
    fn line_of(&self, key: &str, name: &str) -> Option<String> {
        self.raw(key).lines().find_map(|l| l.strip_prefix(name)?.strip_prefix('\t').map(str::to_owned))
    }
    /// The policy's rule on field `name` and the scope that sets it, if there is one.
    pub fn limit(&self, name: &str) -> Option<(String, String)> {
        let line = self.line_of(LIMITS, name)?;
        let (rule, scope) = line.split_once('\t')?;
        Some((rule.to_owned(), scope.to_owned()))
    }
    /// Whether a policy locks field `name`.
    pub fn locked(&self, name: &str) -> bool {
        self.limit(name).is_some_and(|(rule, _)| rule.split(", ").any(|r| r == "canEdit false"))
    }
    /// Field `name` as the operator typed it: its origin no longer holds.
    pub fn typed(&mut self, name: &'static str, value: Value) {
        let origins: Vec<&str> = self.0.get(ORIGINS).and_then(|o| if let Value::Text(t) = o { Some(t.as_str()) } else { None }).unwrap_or_default().lines().filter(|l| l.split('\t').next() != Some(name)).collect();
        let origins = origins.join("\n");
        self.0.insert(ORIGINS, Value::Text(origins));
        self.0.insert(name, value);
    }
}

/// Field key → what is wrong with it. Mirrors what the API would refuse.
pub fn validate(fields: &[Field], values: &Values, creating: bool) -> BTreeMap<&'static str, String> {
    let mut problems = BTreeMap::new();
    for field in fields.iter().filter(|f| (creating || !f.create_only) && f.shown(values)) {
        let text = values.raw(field.key).trim().to_owned();
        let problem = match &field.kind {
            _ if field.required && text.is_empty() && !matches!(field.kind, FieldKind::Flag | FieldKind::Custom { .. }) => {
                Some(format!("{} is required.", field.label))
            }
            FieldKind::Text { max, .. } if text.chars().count() > *max => Some(format!("At most {max} characters.")),
            FieldKind::Text { rule, .. } | FieldKind::LongText { rule } if !text.is_empty() => text_problem(*rule, &text),
            FieldKind::Whole { min, max } if !text.is_empty() => match text.parse::<i64>() {
                Ok(n) if (*min..=*max).contains(&n) => None,
                _ => Some(format!("Enter a whole number from {min} to {max}.")),
            },
            FieldKind::Custom { check, .. } => values.0.get(field.key).and_then(check),
            _ => None,
        };
        if let Some(problem) = problem.or_else(|| out_of_bounds(values, field.key, &text)) {
            problems.insert(field.key, problem);
        }
    }
    problems
}

/// A number beyond the `min` or `max` a policy sets on field `name`, said with the bound and
/// where it is set (the API would refuse it the same way).
fn out_of_bounds(values: &Values, name: &str, text: &str) -> Option<String> {
    let (rule, scope) = values.limit(name)?;
    let n = crate::util::number(text)?;
    rule.split(", ").find_map(|r| {
        let (bound, at) = r.split_once(' ')?;
        let limit = crate::util::number(at)?;
        let broken = match bound {
            "min" => n < limit,
            "max" => n > limit,
            _ => false,
        };
        let said = if bound == "min" { "at least" } else { "at most" };
        broken.then(|| format!("Policy: {said} {at} (set at {scope})."))
    })
}

/// The field a server message is about, if it names one (by key or label).
pub fn field_for_message<'a>(fields: &'a [Field], status: Option<u16>, message: &str) -> Option<&'a Field> {
    let lower = message.to_ascii_lowercase();
    if status == Some(409) {
        return fields.iter().find(|f| f.key == "name");
    }
    fields.iter().find(|f| {
        let words = |s: &str| s.to_ascii_lowercase().split(|c: char| !c.is_ascii_alphanumeric()).any(|w| w == f.key.to_ascii_lowercase());
        words(&lower) || lower.contains(&f.label.to_ascii_lowercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME: Key<String> = Key::new("name");
    const RATIO: Key<String> = Key::new("ratio");
    const ROWS: Key<Vec<QuotaRow>> = Key::new("resources");

    fn fields() -> Vec<Field> {
        vec![
            Field::kubernetes_name(NAME, "Name").required().create_only(),
            Field::long_text(Key::new("description"), "Description"),
            Field::whole(RATIO, "Over-provisioning ratio", 1, 5),
            Field::custom(ROWS, "Quotas", |_| unreachable!(), |v| (*v == Value::Quotas(Vec::new())).then(|| "No rows.".to_owned())),
        ]
    }

    fn values(pairs: &[(&'static str, &str)]) -> Values {
        let mut v = Values(pairs.iter().map(|(k, v)| (*k, Value::Text(v.to_string()))).collect());
        v.put(ROWS, vec![QuotaRow::default()]);
        v
    }

    #[test]
    fn validates_like_the_contract() {
        let f = fields();
        assert!(validate(&f, &values(&[("name", "team-a"), ("ratio", "2")]), true).is_empty());
        let cases = [
            (values(&[("name", "")]), "name", "Name is required."),
            (values(&[("name", "Team A")]), "name", "Use lowercase letters, digits and '-' only."),
            (values(&[("name", &"a".repeat(64))]), "name", "At most 63 characters."),
            (values(&[("name", "team-")]), "name", "Start and end with a letter or digit."),
            (values(&[("name", "ok"), ("ratio", "9")]), "ratio", "Enter a whole number from 1 to 5."),
            (values(&[("name", "ok"), ("ratio", "two")]), "ratio", "Enter a whole number from 1 to 5."),
        ];
        for (v, key, expected) in cases {
            assert_eq!(validate(&f, &v, true).get(key).map(String::as_str), Some(expected), "{v:?}");
        }
        assert!(validate(&f, &values(&[("name", "")]), false).is_empty(), "create-only fields are not edited");
        let mut empty_rows = values(&[("name", "ok")]);
        empty_rows.put(ROWS, Vec::new());
        assert_eq!(validate(&f, &empty_rows, true).get("resources").map(String::as_str), Some("No rows."), "a custom field's own check");
    }

    #[test]
    fn typed_keys_read_back_what_was_put() {
        let mut v = Values::default();
        v.put(NAME, "  team-a ".to_owned());
        v.put(Key::<bool>::new("on"), true);
        assert_eq!(v.get(NAME), "team-a", "text is sent trimmed");
        assert_eq!(v.raw("name"), "  team-a ", "and shown as typed");
        assert!(v.get(Key::<bool>::new("on")));
        assert_eq!(v.some(RATIO), None);
        assert_eq!(v.whole(RATIO), None);
    }

    #[test]
    fn server_messages_find_their_field() {
        let f = fields();
        let key = |status, m: &str| field_for_message(&f, status, m).map(|f| f.key);
        assert_eq!(key(Some(409), "Resource with this name already exists"), Some("name"));
        assert_eq!(key(Some(400), "Project name must be 1 to 63 lowercase letters"), Some("name"));
        assert_eq!(key(Some(400), "resources[0].gpu.limit must be at least the deserved quota"), Some("resources"));
        assert_eq!(key(Some(400), "Over-provisioning ratio is too high"), Some("ratio"));
        assert_eq!(key(Some(500), "Internal error"), None);
    }

    #[test]
    fn a_policy_locks_and_bounds_its_fields() {
        let mut v = Values::default();
        v.set(LIMITS, Value::Text("ratio\tmin 2, max 4\tdepartment 7\nname\tcanEdit false\ttenant".into()));
        assert!(v.locked("name") && !v.locked("ratio"));
        assert_eq!(v.limit("ratio"), Some(("min 2, max 4".to_owned(), "department 7".to_owned())));
        let mut problem = |text: &str| {
            v.put(RATIO, text.to_owned());
            validate(&fields(), &v, false).remove("ratio")
        };
        assert_eq!(problem("5").as_deref(), Some("Policy: at most 4 (set at department 7)."));
        assert_eq!(problem("1").as_deref(), Some("Policy: at least 2 (set at department 7)."));
        assert_eq!(problem("3"), None);
    }
}
