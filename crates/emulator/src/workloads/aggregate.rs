//! Metrics of a scope (a cluster, a node pool, a department, a project) as sums over the
//! workloads in it, sample by sample, so that they agree with what runs: a node pool's
//! allocated GPUs at a time are the GPUs its workloads held then, and so on up. Capacity and
//! quota are the scope's own figures, constant over the window.

use super::metrics::{held_intervals, value};
use super::Workload;
use crate::time::rfc3339;
use serde_json::{json, Value};

/// What a scope has of its own: GPUs and GPU nodes (for clusters and node pools) and quotas.
#[derive(Default)]
pub struct Capacity {
    pub gpus: f64,
    pub gpu_nodes: f64,
    pub gpu_quota: f64,
    pub cpu_quota_millicores: f64,
    pub memory_quota_mb: f64,
}

/// The sum of a workload metric over `workloads` at `t`.
fn sum(workloads: &[(&Workload, Vec<(i64, i64)>)], metric: &str, t: i64) -> f64 {
    workloads
        .iter()
        .map(|(w, held)| {
            let holding = held.iter().any(|(a, b)| *a <= t && t < *b);
            value(w, metric, t, holding, None).unwrap_or(0.0)
        })
        .sum()
}

/// GPU utilization summed over the GPUs held at `t` (percent × GPUs).
fn busy(workloads: &[(&Workload, Vec<(i64, i64)>)], t: i64) -> f64 {
    let held = workloads.iter().filter(|(_, held)| held.iter().any(|(a, b)| *a <= t && t < *b));
    held.map(|(w, _)| value(w, "GPU_UTILIZATION", t, true, None).unwrap_or(0.0) * w.gpu_demand()).sum()
}

/// The value of a scope metric at `t`, if it is one this scope answers.
fn scope_value(metric: &str, workloads: &[(&Workload, Vec<(i64, i64)>)], capacity: &Capacity, t: i64) -> Option<f64> {
    let allocated = || sum(workloads, "GPU_ALLOCATION", t);
    let percent = |part: f64, whole: f64| if whole > 0.0 { 100.0 * part / whole } else { 0.0 };
    Some(match metric {
        "TOTAL_GPU_NODES" => capacity.gpu_nodes,
        "TOTAL_GPU" => capacity.gpus,
        "GPU_QUOTA" => capacity.gpu_quota,
        "CPU_QUOTA_MILLICORES" => capacity.cpu_quota_millicores,
        "CPU_MEMORY_QUOTA_MB" => capacity.memory_quota_mb,
        "ALLOCATED_GPU" | "GPU_ALLOCATION" => allocated(),
        "UNALLOCATED_GPU" => (capacity.gpus - allocated()).max(0.0),
        "CPU_ALLOCATION_MILLICORES" => 1000.0 * sum(workloads, "CPU_REQUEST_CORES", t),
        "CPU_MEMORY_ALLOCATION_MB" => sum(workloads, "CPU_MEMORY_REQUEST_BYTES", t) / 1e6,
        // Utilization over the scope's GPUs (over the allocated ones where it has none of its own).
        "GPU_UTILIZATION" => percent(busy(workloads, t) / 100.0, if capacity.gpus > 0.0 { capacity.gpus } else { allocated() }),
        "GPU_MEMORY_UTILIZATION" => percent(sum(workloads, "GPU_MEMORY_USAGE_BYTES", t), sum(workloads, "GPU_MEMORY_REQUEST_BYTES", t)),
        "CPU_UTILIZATION" => percent(sum(workloads, "CPU_USAGE_CORES", t), sum(workloads, "CPU_REQUEST_CORES", t)),
        // A node's own usage: the sum of what runs on it.
        "GPU_MEMORY_USAGE_BYTES" | "CPU_USAGE_CORES" | "CPU_MEMORY_USAGE_BYTES" => sum(workloads, metric, t),
        "CPU_MEMORY_UTILIZATION" => percent(sum(workloads, "CPU_MEMORY_USAGE_BYTES", t), sum(workloads, "CPU_MEMORY_REQUEST_BYTES", t)),
        "WORKLOADS_COUNT" => workloads.iter().filter(|(_, held)| held.iter().any(|(a, b)| *a <= t && t < *b)).count() as f64,
        "AVG_WORKLOAD_WAIT_TIME" => {
            let started: Vec<f64> = workloads.iter().filter(|(w, _)| w.created_at <= t).map(|(w, _)| w.pending_secs as f64).collect();
            if started.is_empty() { 0.0 } else { started.iter().sum::<f64>() / started.len() as f64 }
        }
        _ => return None,
    })
}

/// `samples` instants evenly over `[start, end]`, none past `now`.
fn sample_times(start: i64, end: i64, samples: usize, now: i64) -> Vec<i64> {
    let end = end.min(now);
    let samples = samples.max(1);
    let step = ((end - start) as f64 / samples as f64).max(1.0);
    (0..samples).map(|i| start + (step * i as f64) as i64).filter(|t| *t <= end).collect()
}

/// A node's metric of GPU `gpu` at `t`, its GPUs filled in order by what is allocated: the share
/// of it allocated, or how busy it is (the node's allocated GPUs are busy alike).
fn per_gpu(metric: &str, workloads: &[(&Workload, Vec<(i64, i64)>)], gpu: f64, t: i64) -> Option<f64> {
    let allocated = sum(workloads, "GPU_ALLOCATION", t);
    let share = (allocated - gpu).clamp(0.0, 1.0);
    match metric {
        "GPU_ALLOCATION_PER_GPU" => Some(share),
        "GPU_UTILIZATION_PER_GPU" => Some(if share > 0.0 && allocated > 0.0 { busy(workloads, t) / allocated } else { 0.0 }),
        _ => None,
    }
}

/// `MetricsResponse` of a node with `gpus` GPUs and `workloads` on it: the node's totals as a
/// scope's, and the `…_PER_GPU` metrics once per GPU (labelled `gpu`). Per-GPU metrics it
/// does not derive answer an empty series.
pub fn node_series(workloads: &[&Workload], gpus: usize, metrics: &[String], start: i64, end: i64, samples: usize, now: i64) -> Value {
    let capacity = Capacity { gpus: gpus as f64, gpu_nodes: 1.0, ..Capacity::default() };
    let (whole, per): (Vec<String>, Vec<&String>) = (metrics.iter().filter(|m| !m.ends_with("_PER_GPU")).cloned().collect(), metrics.iter().filter(|m| m.ends_with("_PER_GPU")).collect());
    let mut answer = scope_series(workloads, &capacity, &whole, start, end, samples, now);
    let times = sample_times(start, end, samples, now);
    let held: Vec<(&Workload, Vec<(i64, i64)>)> = workloads.iter().map(|w| (*w, held_intervals(w, now))).collect();
    let measurements = answer["measurements"].as_array_mut().expect("a list");
    for metric in per {
        for gpu in 0..gpus {
            let values: Vec<Value> = times
                .iter()
                .filter_map(|t| per_gpu(metric, &held, gpu as f64, *t).map(|v| json!({ "value": format!("{v:.2}"), "timestamp": rfc3339(*t) })))
                .collect();
            measurements.push(json!({ "type": metric, "labels": { "gpu": gpu.to_string() }, "values": values }));
        }
    }
    answer
}

/// `MetricsResponse` for `metrics` of the scope made of `workloads` with `capacity`, over
/// `[start, end]` in `samples` points (none past `now`). A metric the scope does not derive
/// (`GPU_UTILIZATION_DISTRIBUTION`) answers an empty series rather than made-up numbers.
pub fn scope_series(workloads: &[&Workload], capacity: &Capacity, metrics: &[String], start: i64, end: i64, samples: usize, now: i64) -> Value {
    let times = sample_times(start, end, samples, now);
    let held: Vec<(&Workload, Vec<(i64, i64)>)> = workloads.iter().map(|w| (*w, held_intervals(w, now))).collect();
    let measurements: Vec<Value> = metrics
        .iter()
        .map(|metric| {
            let values: Vec<Value> = times
                .iter()
                .filter_map(|t| scope_value(metric, &held, capacity, *t).map(|v| json!({ "value": format!("{v:.2}"), "timestamp": rfc3339(*t) })))
                .collect();
            json!({ "type": metric, "labels": null, "values": values })
        })
        .collect();
    json!({ "measurements": measurements })
}
