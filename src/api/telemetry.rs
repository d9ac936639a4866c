//! Figures for dashboards: node and workload telemetry (what holds what now, summed by
//! groups) and a cluster's metrics over time.

use super::{Api, ApiError};
use serde_json::Value;

/// One telemetry value: its groups' values (in the order asked) and its number.
pub type Figure = (Vec<String>, f64);

impl Api {
    /// `GET /api/v1/{nodes,workloads}/telemetry` of `kind` grouped `by` (comma-joined), in
    /// `cluster` or all.
    pub async fn telemetry(self, of: Telemetry, kind: &str, by: &str, cluster: Option<&str>) -> Result<Vec<Figure>, ApiError> {
        let path = match of {
            Telemetry::Nodes => "/api/v1/nodes/telemetry",
            Telemetry::Workloads => "/api/v1/workloads/telemetry",
        };
        let mut query = vec![("telemetryType", kind.to_owned()), ("groupBy", by.to_owned())];
        query.extend(cluster.map(|c| ("clusterId", c.to_owned())));
        let values = self.items(path, &query, "values").await?;
        let groups = |v: &Value| v["groups"].as_array().into_iter().flatten().map(|g| g["value"].as_str().unwrap_or_default().to_owned()).collect();
        Ok(values.iter().map(|v| (groups(v), v["value"].as_str().and_then(crate::util::number).unwrap_or(0.0))).collect())
    }

    /// A cluster's measurements over `window` (metric types, start, end, samples).
    pub async fn cluster_metrics(self, uuid: &str, window: &[(&'static str, String)]) -> Result<Vec<Value>, ApiError> {
        let path = format!("/api/v1/clusters/{}/metrics", super::query::encode_component(uuid));
        self.items(&path, window, "measurements").await
    }
}

#[derive(Clone, Copy)]
pub enum Telemetry {
    Nodes,
    Workloads,
}
