//! Metrics time series derived from what runs: a workload reads zero while it holds no GPUs,
//! and while it runs its utilization follows a smooth daily-and-hourly rhythm of its own
//! (a function of its id and the time), so that charts look like a job's life, not noise.

use super::{Phase, Workload};
use crate::time::rfc3339;
use serde_json::{json, Value};

/// The `[from, to)` simulated intervals in which it held GPUs.
pub fn held_intervals(w: &Workload, now: i64) -> Vec<(i64, i64)> {
    let mut intervals = Vec::new();
    let mut since = None;
    for e in w.events.iter().filter(|e| e.phase.is_some()) {
        match (e.phase.unwrap().holds_gpus(), since) {
            (true, None) => since = Some(e.at),
            (false, Some(start)) => {
                intervals.push((start, e.at));
                since = None;
            }
            _ => {}
        }
    }
    if let Some(start) = since {
        intervals.push((start, now + 1));
    }
    intervals
}

fn seed_of(w: &Workload) -> f64 {
    w.id.bytes().fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b))) as f64 / u32::MAX as f64
}

/// Utilization in percent at `t` for GPU `gpu` of a running workload.
fn utilization(seed: f64, t: i64, gpu: u32) -> f64 {
    let t = t as f64;
    let phase = seed * 6.28 + f64::from(gpu) * 0.7;
    (62.0 + 22.0 * (t / 3_600.0 + phase).sin() + 9.0 * (t / 420.0 + phase * 2.0).sin()).clamp(0.0, 100.0)
}

/// The value of `metric` at `t`, if the workload defines it.
pub fn value(w: &Workload, metric: &str, t: i64, holding: bool, gpu: Option<u32>) -> Option<f64> {
    let seed = seed_of(w);
    let on = if holding { 1.0 } else { 0.0 };
    let pods = f64::from(w.pods);
    let gpus = w.gpu_demand();
    // The average over the GPUs of a pod (every pod of a workload runs alike), as the
    // per-GPU series of `GPU_UTILIZATION_PER_GPU` number them.
    let per_pod = (w.gpus.ceil() as u32).max(1);
    let mean_util = |t| (0..per_pod).map(|g| utilization(seed, t, g)).sum::<f64>() / f64::from(per_pod);
    Some(match metric {
        "GPU_UTILIZATION" => on * mean_util(t),
        "GPU_UTILIZATION_PER_GPU" => on * utilization(seed, t, gpu.unwrap_or(0)),
        "GPU_MEMORY_USAGE_BYTES" => on * gpus * w.memory_per_gpu * (0.35 + 0.4 * mean_util(t) / 100.0),
        "GPU_MEMORY_USAGE_BYTES_PER_GPU" => on * w.memory_per_gpu * (0.35 + 0.4 * utilization(seed, t, gpu.unwrap_or(0)) / 100.0),
        "GPU_MEMORY_REQUEST_BYTES" => on * gpus * w.memory_per_gpu,
        "GPU_ALLOCATION" => on * gpus,
        "CPU_USAGE_CORES" => on * pods * w.cpu * (0.3 + 0.5 * mean_util(t) / 100.0),
        "CPU_REQUEST_CORES" | "CPU_LIMIT_CORES" => on * pods * w.cpu,
        "CPU_MEMORY_USAGE_BYTES" => on * pods * 8e9 * (0.5 + 0.3 * mean_util(t + 900) / 100.0),
        "CPU_MEMORY_REQUEST_BYTES" | "CPU_MEMORY_LIMIT_BYTES" => on * pods * super::MEMORY_PER_POD_BYTES,
        "POD_COUNT" => pods,
        "RUNNING_POD_COUNT" => if holding && w.phase != Phase::Initializing { pods } else { 0.0 },
        _ => return None,
    })
}

/// `MetricsCompositeResponse` for `metrics` over `[start, end]` in `samples` points; for a
/// per-GPU metric, one series per GPU of the pod (labelled `gpu`).
pub fn series(w: &Workload, metrics: &[String], start: i64, end: i64, samples: usize, now: i64, gpus_of_pod: u32) -> Value {
    let held = held_intervals(w, now);
    // Nothing is known of the future: a window reaching past now ends now (and one that ends
    // before it starts holds no samples).
    let end = end.min(now);
    let samples = samples.max(1);
    let step = ((end - start) as f64 / samples as f64).max(1.0);
    let times: Vec<i64> = (0..samples).map(|i| start + (step * i as f64) as i64).filter(|t| *t <= end).collect();
    let mut measurements = Vec::new();
    for metric in metrics {
        let per_gpu = metric.ends_with("_PER_GPU");
        let gpus: Vec<Option<u32>> = if per_gpu { (0..gpus_of_pod.max(1)).map(Some).collect() } else { vec![None] };
        for gpu in gpus {
            let values: Vec<Value> = times
                .iter()
                .filter(|t| **t <= now)
                .filter_map(|t| {
                    let holding = held.iter().any(|(a, b)| a <= t && t < b);
                    let v = value(w, metric, *t, holding, gpu)?;
                    Some(json!({ "value": format!("{v:.2}"), "timestamp": rfc3339(*t) }))
                })
                .collect();
            let labels = gpu.map(|g| json!({ "gpu": g.to_string() })).unwrap_or(Value::Null);
            measurements.push(json!({ "type": metric, "labels": labels, "values": values }));
        }
    }
    json!({ "measurements": measurements })
}
