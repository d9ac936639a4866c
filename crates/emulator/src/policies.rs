//! Workload policies (`/api/v2/policy`): defaults and rules per workload type at the tenant,
//! a cluster, a department or a project. The effective policy of a place merges those of the
//! places above it: a rule set higher up wins (an administrator's cap cannot be lifted below),
//! a default set lower down wins (the closest unit knows best). A submission gets the
//! defaults it leaves out and is refused, with each broken rule named, when it breaks one.

use crate::authz::Place;
use serde_json::{json, Map, Value};

/// (path segment, `PolicyType`, `workloadType` query value) of the types served.
pub const TYPES: [(&str, &str, &str); 6] = [
    ("workspaces", "workspace", "Workspace"),
    ("trainings", "training", "Training"),
    ("distributed", "distributed", "Distributed"),
    ("inferences", "inference", "Inference"),
    ("distributed-inferences", "distributedInference", "DistributedInference"),
    // The list's `workloadType` has no value for NIM services: they are listed unfiltered.
    ("nim-services", "nimService", "NimService"),
];

/// What makes an object a rule rather than a group of them.
const RULE_WORDS: &[&str] = &["min", "max", "step", "options", "required", "canEdit", "canAdd", "locked", "defaultFrom"];

#[derive(Clone, Debug)]
pub struct Policy {
    /// `PolicyType`: workspace, training, distributed or inference.
    pub kind: &'static str,
    pub place: Place,
    /// `PolicyMeta`.
    pub meta: Value,
    /// `{defaults, rules, imposedAssets}`.
    pub policy: Value,
}

impl Policy {
    pub fn entry(&self) -> Value {
        let clusters: Vec<Value> = self.place.cluster.iter().map(|c| json!({ "clusterId": c, "status": "Ready" })).collect();
        json!({ "type": self.kind, "meta": self.meta, "status": { "clusters": clusters } })
    }
}

/// The places above `place` and itself, broadest first (tenant, cluster, department, project).
fn chain(place: &Place) -> Vec<Place> {
    let mut chain = vec![Place::default()];
    if let Some(cluster) = &place.cluster {
        chain.push(Place { cluster: Some(cluster.clone()), department: None, project: None });
        if place.department.is_some() {
            chain.push(Place { project: None, ..place.clone() });
        }
        if place.project.is_some() {
            chain.push(place.clone());
        }
    }
    chain
}

/// `SourceOfRule` of a policy at `place`.
fn source(place: &Place) -> Value {
    match (&place.cluster, &place.department, &place.project) {
        (_, _, Some(project)) => json!({ "scope": "project", "projectId": project.parse::<i64>().unwrap_or_default() }),
        (_, Some(department), None) => json!({ "scope": "department", "departmentId": department }),
        (Some(cluster), None, None) => json!({ "scope": "cluster", "clusterId": cluster }),
        _ => json!({ "scope": "tenant" }),
    }
}

/// The effective `{defaults, rules, imposedAssets}` of type `kind` at `place`.
pub fn effective(policies: &[Policy], kind: &str, place: &Place) -> Value {
    let (mut defaults, mut rules, mut imposed) = (Map::new(), Map::new(), Vec::<Value>::new());
    for at in chain(place) {
        let Some(p) = policies.iter().find(|p| p.kind == kind && p.place == at) else { continue };
        if let Some(d) = p.policy["defaults"].as_object() {
            overlay(&mut defaults, d);
        }
        if let Some(r) = p.policy["rules"].as_object() {
            add_rules(&mut rules, r, &source(&at));
        }
        // Distributed policies impose assets per replica type (an object) and NIM services
        // none: only the others impose a list.
        for id in p.policy["imposedAssets"].as_array().into_iter().flatten().filter(|_| matches!(kind, "workspace" | "training" | "inference")) {
            if !imposed.contains(id) {
                imposed.push(id.clone());
            }
        }
    }
    let mut effective = json!({ "defaults": defaults, "rules": rules });
    if !imposed.is_empty() {
        effective["imposedAssets"] = json!(imposed);
    }
    effective
}

/// `over`'s members onto `base`, objects merged member by member.
pub fn overlay(base: &mut Map<String, Value>, over: &Map<String, Value>) {
    for (k, v) in over {
        match (base.get_mut(k), v) {
            (Some(Value::Object(b)), Value::Object(o)) => overlay(b, o),
            _ => _ = base.insert(k.clone(), v.clone()),
        }
    }
}

fn is_rule(value: &Value) -> bool {
    value.as_object().is_some_and(|o| o.keys().any(|k| RULE_WORDS.contains(&k.as_str())))
}

/// Rules of a lower policy, where a higher one has not set the same rule.
fn add_rules(effective: &mut Map<String, Value>, rules: &Map<String, Value>, from: &Value) {
    for (k, v) in rules {
        if is_rule(v) {
            if !effective.contains_key(k) {
                let mut rule = v.clone();
                rule["sourceOfRule"] = from.clone();
                effective.insert(k.clone(), rule);
            }
        } else if let Some(group) = v.as_object() {
            let inner = effective.entry(k.clone()).or_insert_with(|| json!({}));
            if let Some(inner) = inner.as_object_mut() {
                add_rules(inner, group, from);
            }
        }
    }
}

/// Fills in the defaults `spec` leaves out.
pub fn apply_defaults(spec: &mut Value, defaults: &Value) {
    let (Some(spec), Some(defaults)) = (spec.as_object_mut(), defaults.as_object()) else { return };
    for (k, d) in defaults {
        match spec.get_mut(k) {
            None | Some(Value::Null) => _ = spec.insert(k.clone(), d.clone()),
            Some(inner @ Value::Object(_)) if d.is_object() => apply_defaults(inner, d),
            _ => {}
        }
    }
}

/// The `complianceIssues` of `spec` against `rules` (`field` a dotted path).
pub fn issues(spec: &Value, rules: &Value, defaults: &Value, path: &str, out: &mut Vec<Value>) {
    for (k, rule) in rules.as_object().into_iter().flatten() {
        let field = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
        let (value, default) = (&spec[k.as_str()], &defaults[k.as_str()]);
        if !is_rule(rule) {
            issues(value, rule, default, &field, out);
            continue;
        }
        let mut issue = |rule: &str, details: String| out.push(json!({ "field": field, "details": details, "rule": rule }));
        if value.is_null() {
            if rule["required"] == true {
                issue("required", "a value is required".into());
            }
            continue;
        }
        if rule["canEdit"] == false && value != default {
            issue("canEdit", format!("the value cannot be changed from {}", shown(default)));
        }
        let amount = |v: &Value| v.as_f64().or_else(|| v.as_str().and_then(quantity));
        if let (Some(v), Some(min)) = (amount(value), amount(&rule["min"])) {
            if v < min {
                issue("min", format!("value must be no less than {}", shown(&rule["min"])));
            }
        }
        if let (Some(v), Some(max)) = (amount(value), amount(&rule["max"])) {
            if v > max {
                issue("max", format!("value must be no greater than {}", shown(&rule["max"])));
            }
        }
        if let Some(options) = rule["options"].as_array() {
            if !options.iter().any(|o| &o["value"] == value) {
                let allowed: Vec<String> = options.iter().map(|o| shown(&o["value"])).collect();
                issue("options", format!("value must be one of {}", allowed.join(", ")));
            }
        }
    }
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => "unset".into(),
        other => other.to_string(),
    }
}

/// A Kubernetes quantity in bytes (or plain units): `20G`, `512Mi`, `1.5`.
pub fn quantity(text: &str) -> Option<f64> {
    let units = [("Ki", 1024f64), ("Mi", 1024f64.powi(2)), ("Gi", 1024f64.powi(3)), ("Ti", 1024f64.powi(4)), ("K", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12)];
    let (number, scale) = units.iter().find_map(|(u, s)| text.strip_suffix(u).map(|n| (n, *s))).unwrap_or((text, 1.0));
    number.parse::<f64>().ok().map(|n| n * scale)
}

/// Whether rules hold together: each `min` at most its `max`; `Err` names the first that
/// does not.
pub fn check_rules(rules: &Value, path: &str) -> Result<(), String> {
    for (k, rule) in rules.as_object().into_iter().flatten() {
        let field = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
        if !is_rule(rule) {
            check_rules(rule, &field)?;
            continue;
        }
        let amount = |v: &Value| v.as_f64().or_else(|| v.as_str().and_then(quantity));
        if let (Some(min), Some(max)) = (amount(&rule["min"]), amount(&rule["max"])) {
            if min > max {
                return Err(format!("rules.{field}: min is above max"));
            }
        }
    }
    Ok(())
}

/// The demo tenant's policies, one at each scope level.
pub fn seed(org: &crate::org::Org, clusters: &[crate::records::Cluster]) -> Vec<Policy> {
    use crate::org::{place, str_of};
    let at = |n: i64| crate::time::rfc3339(1_742_100_000 + n * 86_400);
    let unit = |units: &[Value], name: &str| units.iter().find(|u| str_of(u, "name") == name).cloned().expect("a seeded unit");
    let research = unit(&org.departments, "ml-research");
    let nlp = unit(&org.projects, "nlp");
    let cluster = Place::cluster(&clusters[0].uuid);
    let items = [
        ("workspace", Place::default(), "tenant-workspaces", json!({
            "defaults": { "imagePullPolicy": "IfNotPresent" },
            "rules": { "compute": { "cpuCoreRequest": { "max": 32 } } } })),
        ("training", cluster, "prod-trainings", json!({
            "defaults": { "compute": { "cpuCoreRequest": 2 } },
            "rules": { "compute": { "gpuDevicesRequest": { "max": 8 } } } })),
        ("workspace", place::department(&research), "research-workspaces", json!({
            "rules": { "compute": { "gpuDevicesRequest": { "max": 2 } } } })),
        ("training", place::project(&nlp), "nlp-trainings", json!({
            "defaults": { "compute": { "cpuMemoryRequest": "16G" } },
            "rules": { "compute": { "gpuDevicesRequest": { "min": 1 } } } })),
    ];
    items
        .into_iter()
        .enumerate()
        .map(|(n, (kind, place, name, policy))| {
            let id = format!("9011c7e0-0000-4000-8000-{:012x}", n + 1);
            Policy { kind, meta: meta(&id, name, &place, "admin@example.com", &at(n as i64)), place, policy }
        })
        .collect()
}

/// `PolicyMeta` of a policy at `place`.
pub fn meta(id: &str, name: &str, place: &Place, by: &str, at: &str) -> Value {
    let mut meta = source(place);
    meta["id"] = json!(id);
    meta["name"] = json!(name);
    meta["tenantId"] = json!(crate::records::TENANT_ID);
    if let Some(cluster) = &place.cluster {
        meta["clusterId"] = json!(cluster);
    }
    for (k, v) in [("createdBy", by), ("createdAt", at), ("updatedBy", by), ("updatedAt", at)] {
        meta[k] = json!(v);
    }
    meta
}
