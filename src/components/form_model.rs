//! A form as data: field declarations, the values being edited, and validation that mirrors
//! the contract. Plain functions, tested natively; `form.rs` renders them.

use crate::api::org::{Amount, PoolRef, QuotaEntry};
use crate::components::cell::format_number;
use std::collections::BTreeMap;

pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    pub help: &'static str,
    pub required: bool,
    /// Set when creating only (a name, a cluster); read-only when editing.
    pub create_only: bool,
}

pub enum FieldKind {
    /// One line of text; `kubernetes` adds the DNS-1123 label rule.
    Text { max: usize, kubernetes: bool },
    LongText,
    /// A whole number within bounds (empty means unset unless required).
    Whole { min: i64, max: i64 },
    Choice(&'static [(&'static str, &'static str)]),
    /// A cluster of the tenant.
    Cluster,
    /// A department of the cluster chosen in the `cluster` field.
    Department,
    Flag,
    /// Per-node-pool quotas for the cluster chosen in the `cluster` field.
    Quotas,
    /// A role (by id).
    Role,
    /// A scope of the organization tree: `<scopeType>:<scopeId>`.
    Scope,
    /// Comma-separated words.
    List,
}

impl Field {
    pub fn new(key: &'static str, label: &'static str, kind: FieldKind) -> Field {
        Field { key, label, kind, help: "", required: false, create_only: false }
    }
    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }
    pub fn create_only(mut self) -> Field {
        self.create_only = true;
        self
    }
    pub fn help(mut self, help: &'static str) -> Field {
        self.help = help;
        self
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Flag(bool),
    Quotas(Vec<QuotaRow>),
}

/// One node pool's quota as typed: text, so that what the operator typed survives a failure.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QuotaRow {
    pub pool_id: String,
    pub pool_name: String,
    pub gpu: String,
    pub gpu_limit: String,
    pub gpu_weight: String,
    pub cpu: String,
    pub cpu_limit: String,
    pub memory: String,
    pub memory_limit: String,
    pub memory_units: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Values(pub BTreeMap<&'static str, Value>);

impl Values {
    /// The text exactly as typed (what the field shows).
    pub fn raw(&self, key: &str) -> String {
        match self.0.get(key) {
            Some(Value::Text(t)) => t.clone(),
            _ => String::new(),
        }
    }
    /// The text as sent: trimmed.
    pub fn text(&self, key: &str) -> String {
        match self.0.get(key) {
            Some(Value::Text(t)) => t.trim().to_owned(),
            _ => String::new(),
        }
    }
    pub fn flag(&self, key: &str) -> bool {
        matches!(self.0.get(key), Some(Value::Flag(true)))
    }
    pub fn quotas(&self, key: &str) -> Vec<QuotaRow> {
        match self.0.get(key) {
            Some(Value::Quotas(rows)) => rows.clone(),
            _ => Vec::new(),
        }
    }
    /// `Some(n)` for a typed whole number; `None` when empty or not a number.
    pub fn whole(&self, key: &str) -> Option<i64> {
        self.text(key).parse().ok()
    }
    /// The words of a comma-separated field; `None` when it is empty.
    pub fn list(&self, key: &str) -> Option<Vec<String>> {
        let words: Vec<String> = self.text(key).split(',').map(str::trim).filter(|w| !w.is_empty()).map(str::to_owned).collect();
        (!words.is_empty()).then_some(words)
    }
    pub fn set(&mut self, key: &'static str, value: Value) {
        self.0.insert(key, value);
    }
}

/// Kubernetes-style names (DNS-1123 labels): why `name` is not one, if it is not.
pub fn kubernetes_name_problem(name: &str) -> Option<&'static str> {
    if name.len() > 63 {
        return Some("At most 63 characters.");
    }
    let ok = name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !ok {
        return Some("Use lowercase letters, digits and '-' only.");
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Some("Start and end with a letter or digit.");
    }
    None
}

/// Field key → what is wrong with it. Mirrors what the API would refuse.
pub fn validate(fields: &[Field], values: &Values, creating: bool) -> BTreeMap<&'static str, String> {
    let mut problems = BTreeMap::new();
    for field in fields.iter().filter(|f| creating || !f.create_only) {
        let text = values.text(field.key);
        let problem = match &field.kind {
            _ if field.required && text.is_empty() && !matches!(field.kind, FieldKind::Flag | FieldKind::Quotas) => {
                Some(format!("{} is required.", field.label))
            }
            FieldKind::Text { max, .. } if text.chars().count() > *max => Some(format!("At most {max} characters.")),
            FieldKind::Text { kubernetes: true, .. } if !text.is_empty() => kubernetes_name_problem(&text).map(str::to_owned),
            FieldKind::Whole { min, max } if !text.is_empty() => match text.parse::<i64>() {
                Ok(n) if (*min..=*max).contains(&n) => None,
                _ => Some(format!("Enter a whole number from {min} to {max}.")),
            },
            FieldKind::Quotas => quota_problem(&values.quotas(field.key)),
            _ => None,
        };
        if let Some(problem) = problem {
            problems.insert(field.key, problem);
        }
    }
    problems
}

/// The first thing wrong with a set of quota rows.
pub fn quota_problem(rows: &[QuotaRow]) -> Option<String> {
    for row in rows {
        let pool = &row.pool_name;
        let number = |text: &str, what: &str| -> Result<Option<f64>, String> {
            match text.trim() {
                "" => Ok(None),
                t => t.parse::<f64>().ok().filter(|n| n.is_finite()).map(Some).ok_or(format!("{pool}: {what} must be a number.")),
            }
        };
        let pairs = [("GPU", &row.gpu, &row.gpu_limit), ("CPU", &row.cpu, &row.cpu_limit), ("Memory", &row.memory, &row.memory_limit)];
        for (what, deserved, limit) in pairs {
            let deserved = match number(deserved, what) {
                Ok(d) => d,
                Err(e) => return Some(e),
            };
            let limit = match number(limit, &format!("{what} limit")) {
                Ok(l) => l,
                Err(e) => return Some(e),
            };
            if deserved.is_some_and(|d| d < 0.0 && d != -1.0) {
                return Some(format!("{pool}: {what} quota must be 0 or more (or -1 for unlimited)."));
            }
            if let (Some(d), Some(l)) = (deserved, limit) {
                if l != -1.0 && l < d.max(0.0) {
                    return Some(format!("{pool}: {what} limit must be at least its quota."));
                }
            }
        }
        if number(&row.gpu_weight, "Over-quota weight").is_err() {
            return Some(format!("{pool}: over-quota weight must be a number."));
        }
    }
    None
}

/// What the API takes as `resources[]`, from the rows as typed.
pub fn quota_entries(rows: &[QuotaRow]) -> Vec<QuotaEntry> {
    let number = |t: &str| t.trim().parse::<f64>().ok();
    rows.iter()
        .map(|row| {
            let amount = |deserved: &str, limit: &str, weight: Option<f64>| Amount {
                deserved: number(deserved),
                limit: number(limit),
                over_quota_weight: weight,
                units: None,
            };
            let weight = number(&row.gpu_weight);
            let memory_set = !row.memory.trim().is_empty() || !row.memory_limit.trim().is_empty();
            let cpu_set = !row.cpu.trim().is_empty() || !row.cpu_limit.trim().is_empty();
            QuotaEntry {
                node_pool: Some(PoolRef { id: row.pool_id.clone(), name: row.pool_name.clone() }),
                gpu: Some(Amount { deserved: number(&row.gpu).or(Some(0.0)), ..amount("", &row.gpu_limit, weight) }),
                cpu: cpu_set.then(|| amount(&row.cpu, &row.cpu_limit, weight)),
                memory: memory_set.then(|| Amount {
                    units: Some(if row.memory_units.is_empty() { "MB".into() } else { row.memory_units.clone() }),
                    ..amount(&row.memory, &row.memory_limit, weight)
                }),
                priority: None,
            }
        })
        .collect()
}

/// The rows for editing, from `resources[]` as the API sent them.
pub fn quota_rows(entries: &[QuotaEntry]) -> Vec<QuotaRow> {
    let text = |n: Option<f64>| n.map(format_number).unwrap_or_default();
    entries
        .iter()
        .map(|e| {
            let pool = e.node_pool.clone().unwrap_or_default();
            let (gpu, cpu, memory) = (e.gpu.clone().unwrap_or_default(), e.cpu.clone().unwrap_or_default(), e.memory.clone().unwrap_or_default());
            QuotaRow {
                pool_id: pool.id,
                pool_name: pool.name,
                gpu: text(gpu.deserved),
                gpu_limit: text(gpu.limit),
                gpu_weight: text(gpu.over_quota_weight),
                cpu: text(cpu.deserved),
                cpu_limit: text(cpu.limit),
                memory: text(memory.deserved),
                memory_limit: text(memory.limit),
                memory_units: memory.units.unwrap_or_else(|| "MB".into()),
            }
        })
        .collect()
}

/// The field a server message is about, if it names one (by key or label).
pub fn field_for_message<'a>(fields: &'a [Field], status: Option<u16>, message: &str) -> Option<&'a Field> {
    let lower = message.to_lowercase();
    if status == Some(409) {
        return fields.iter().find(|f| f.key == "name");
    }
    if lower.contains("resources[") {
        return fields.iter().find(|f| matches!(f.kind, FieldKind::Quotas));
    }
    fields.iter().find(|f| {
        let words = |s: &str| s.to_lowercase().split(|c: char| !c.is_alphanumeric()).any(|w| w == f.key.to_lowercase());
        words(&lower) || lower.contains(&f.label.to_lowercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Vec<Field> {
        vec![
            Field::new("name", "Name", FieldKind::Text { max: 63, kubernetes: true }).required().create_only(),
            Field::new("description", "Description", FieldKind::LongText),
            Field::new("ratio", "Over-provisioning ratio", FieldKind::Whole { min: 1, max: 5 }),
            Field::new("resources", "Quotas", FieldKind::Quotas),
        ]
    }

    fn values(pairs: &[(&'static str, &str)]) -> Values {
        Values(pairs.iter().map(|(k, v)| (*k, Value::Text(v.to_string()))).collect())
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
    }

    #[test]
    fn quota_rows_round_trip_and_validate() {
        let row = QuotaRow { pool_id: "p".into(), pool_name: "a100".into(), gpu: "2".into(), gpu_limit: "4".into(), gpu_weight: "1".into(),
                             memory: "64".into(), memory_units: "GB".into(), ..QuotaRow::default() };
        let entries = quota_entries(std::slice::from_ref(&row));
        assert_eq!(entries[0].gpu.as_ref().unwrap().deserved, Some(2.0));
        assert_eq!(entries[0].memory.as_ref().unwrap().units.as_deref(), Some("GB"));
        assert!(entries[0].cpu.is_none(), "no CPU quota typed, none sent");
        assert_eq!(quota_rows(&entries)[0].gpu_limit, "4");
        assert_eq!(quota_problem(&[row.clone()]), None);
        let over = QuotaRow { gpu_limit: "1".into(), ..row.clone() };
        assert_eq!(quota_problem(&[over]).as_deref(), Some("a100: GPU limit must be at least its quota."));
        let negative = QuotaRow { gpu: "-2".into(), ..row.clone() };
        assert!(quota_problem(&[negative]).is_some());
        let unlimited = QuotaRow { gpu: "-1".into(), gpu_limit: "".into(), ..row.clone() };
        assert_eq!(quota_problem(&[unlimited]), None);
        let words = QuotaRow { cpu: "lots".into(), ..row };
        assert_eq!(quota_problem(&[words]).as_deref(), Some("a100: CPU must be a number."));
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
}
