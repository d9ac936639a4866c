//! Per-node-pool quotas (`resources[]` of departments and projects): checking what a client
//! sends, filling what it leaves out, and the totals the API reports.

use serde_json::{json, Value};

/// A node pool a quota may name: its id, name and cluster.
pub struct PoolRef<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

/// Checks and completes a `resources` array against the cluster's node pools.
/// Every entry must name a node pool of the cluster (by id), once; numbers must be sane.
pub fn normalize(resources: &Value, pools: &[PoolRef]) -> Result<Value, String> {
    let Some(entries) = resources.as_array() else {
        return Err("resources must be an array of per-node-pool quotas".into());
    };
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let id = entry.pointer("/nodePool/id").and_then(Value::as_str).ok_or(format!("resources[{i}].nodePool.id is required"))?;
        let pool = pools.iter().find(|p| p.id == id).ok_or(format!("resources[{i}]: node pool {id} is not in this cluster"))?;
        if seen.contains(&id) {
            return Err(format!("resources[{i}]: node pool {} appears twice", pool.name));
        }
        seen.push(id);
        let gpu = quota(entry, "gpu", i, true)?;
        let cpu = quota(entry, "cpu", i, false)?;
        let mut memory = quota(entry, "memory", i, false)?;
        if let Some(memory) = memory.as_object_mut() {
            let units = entry.pointer("/memory/units").and_then(Value::as_str).unwrap_or("");
            if !["Mib", "MB", "GB"].contains(&units) {
                return Err(format!("resources[{i}].memory.units must be Mib, MB or GB"));
            }
            memory.insert("units".into(), json!(units));
        }
        let priority = entry.get("priority").cloned().filter(|p| p.is_string()).unwrap_or(json!("Normal"));
        out.push(json!({
            "nodePool": { "id": pool.id, "name": pool.name },
            "gpu": gpu, "cpu": cpu, "memory": memory, "priority": priority,
        }));
    }
    Ok(Value::Array(out))
}

/// One of `gpu`, `cpu`, `memory`: `deserved` ≥ 0 (or -1, unlimited), `limit` ≥ `deserved` or
/// -1/null, `overQuotaWeight` ≥ 0 or null. An absent optional resource stays null.
fn quota(entry: &Value, kind: &str, i: usize, required: bool) -> Result<Value, String> {
    let given = entry.get(kind).filter(|v| !v.is_null());
    let Some(given) = given else {
        return Ok(if required { json!({ "deserved": 0, "limit": null, "overQuotaWeight": null }) } else { Value::Null });
    };
    let number = |field: &str| -> Result<Option<f64>, String> {
        match given.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v.as_f64().map(Some).ok_or(format!("resources[{i}].{kind}.{field} must be a number")),
        }
    };
    let deserved = number("deserved")?.unwrap_or(0.0);
    if deserved < 0.0 && deserved != -1.0 {
        return Err(format!("resources[{i}].{kind}.deserved must be 0 or more (or -1 for unlimited)"));
    }
    let limit = number("limit")?;
    if let Some(limit) = limit.filter(|l| *l != -1.0) {
        if limit < deserved.max(0.0) {
            return Err(format!("resources[{i}].{kind}.limit must be at least the deserved quota"));
        }
    }
    let weight = number("overQuotaWeight")?;
    if weight.is_some_and(|w| w < 0.0) {
        return Err(format!("resources[{i}].{kind}.overQuotaWeight must be 0 or more"));
    }
    Ok(json!({ "deserved": deserved, "limit": limit, "overQuotaWeight": weight }))
}

/// `totalResources`: deserved GPUs, CPU millicores and memory in MB summed over node pools.
pub fn totals(resources: &Value) -> Value {
    let sum = |kind: &str| -> Option<f64> {
        let values: Vec<f64> = resources
            .as_array()?
            .iter()
            .filter_map(|r| {
                let deserved = r.pointer(&format!("/{kind}/deserved"))?.as_f64()?;
                let factor = match r.pointer(&format!("/{kind}/units")).and_then(Value::as_str) {
                    Some("Mib") => 1.048_576,
                    Some("GB") => 1000.0,
                    _ => 1.0,
                };
                Some(deserved.max(0.0) * factor)
            })
            .collect();
        (!values.is_empty()).then(|| values.iter().sum())
    };
    json!({ "gpuQuota": sum("gpu"), "cpuQuota": sum("cpu"), "memoryQuota": sum("memory") })
}

#[cfg(test)]
mod tests {
    use super::*;

    const POOLS: [PoolRef; 2] = [PoolRef { id: "p1", name: "default" }, PoolRef { id: "p2", name: "a100" }];

    #[test]
    fn completes_and_totals_quotas() {
        let given = json!([
            {"nodePool": {"id": "p1"}, "gpu": {"deserved": 2}, "memory": {"deserved": 2, "units": "GB"}},
            {"nodePool": {"id": "p2"}, "gpu": {"deserved": 1.5, "limit": 4, "overQuotaWeight": 2}, "cpu": {"deserved": 8000}},
        ]);
        let resources = normalize(&given, &POOLS).unwrap();
        assert_eq!(resources[0]["nodePool"]["name"], "default");
        assert_eq!(resources[1]["cpu"]["deserved"], 8000.0);
        assert_eq!(totals(&resources), json!({"gpuQuota": 3.5, "cpuQuota": 8000.0, "memoryQuota": 2000.0}));
    }

    #[test]
    fn refuses_what_the_api_would() {
        for bad in [
            json!([{"gpu": {"deserved": 1}}]),
            json!([{"nodePool": {"id": "elsewhere"}, "gpu": {"deserved": 1}}]),
            json!([{"nodePool": {"id": "p1"}, "gpu": {"deserved": -3}}]),
            json!([{"nodePool": {"id": "p1"}, "gpu": {"deserved": 4, "limit": 2}}]),
            json!([{"nodePool": {"id": "p1"}, "memory": {"deserved": 4}}]),
            json!([{"nodePool": {"id": "p1"}}, {"nodePool": {"id": "p1"}}]),
            json!({"not": "an array"}),
        ] {
            assert!(normalize(&bad, &POOLS).is_err(), "{bad}");
        }
    }
}
