//! `GET /api/v1/workloads/telemetry`: what runs now, counted or summed by up to two groupings,
//! for dashboards. `WORKLOADS_COUNT` counts workloads, `GPU_ALLOCATION` sums the GPUs they
//! hold, and `PENDING_TIME_DISTRIBUTION` counts the waiting ones by how long they have waited
//! (the emulator's reading of a type the contract leaves undescribed: buckets of under
//! 5 minutes, 5 to 30 minutes, 30 minutes to 2 hours, and longer, keyed `PendingTime`).

use super::{Phase, Workload};
use crate::time::rfc3339;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The key and display name of `w` in grouping `by`, if the grouping is known.
fn group_of(w: &Workload, by: &str, now: i64) -> Option<(String, String)> {
    let same = |v: &str| Some((v.to_owned(), v.to_owned()));
    match by {
        "ClusterId" => same(&w.cluster_id),
        "DepartmentId" => Some((w.department_id.clone(), w.department_name.clone())),
        "ProjectId" => Some((w.project_id.clone(), w.project_name.clone())),
        "Type" => same(w.kind.name()),
        "CurrentNodepools" => same(w.pool.as_deref().unwrap_or("")),
        "Phase" => same(w.phase.name()),
        "Category" => same(w.kind.category()),
        "PendingTime" => {
            let waited = now - w.phase_since;
            same(match waited {
                w if w < 300 => "<5m",
                w if w < 1_800 => "5m-30m",
                w if w < 7_200 => "30m-2h",
                _ => ">2h",
            })
        }
        _ => None,
    }
}

/// The answer for `kind` over `workloads` (already filtered), grouped `by`.
pub fn telemetry(kind: &str, workloads: &[&Workload], by: &[String], now: i64) -> Value {
    let pending_times = kind == "PENDING_TIME_DISTRIBUTION";
    let mut by: Vec<&str> = by.iter().map(String::as_str).collect();
    if pending_times {
        by.insert(0, "PendingTime");
        by.truncate(2);
    }
    let mut sums: BTreeMap<Vec<(String, String)>, f64> = BTreeMap::new();
    for w in workloads.iter().filter(|w| !pending_times || w.phase == Phase::Pending) {
        let groups: Option<Vec<(String, String)>> = by.iter().map(|b| group_of(w, b, now)).collect();
        let Some(groups) = groups else { continue };
        *sums.entry(groups).or_insert(0.0) += if kind == "GPU_ALLOCATION" { w.held_gpus() } else { 1.0 };
    }
    answer(kind, &by, sums, now)
}

/// `TelemetryResponse`: one value per group (its keys `by`, values and names) with its sum.
pub fn answer(kind: &str, by: &[&str], sums: BTreeMap<Vec<(String, String)>, f64>, now: i64) -> Value {
    let values: Vec<Value> = sums
        .into_iter()
        .map(|(groups, sum)| {
            let groups: Vec<Value> = by.iter().zip(groups).map(|(key, (value, name))| json!({ "key": key, "value": value, "name": name })).collect();
            json!({ "value": format!("{sum}"), "groups": groups })
        })
        .collect();
    json!({ "type": kind, "timestamp": rfc3339(now), "values": values })
}
