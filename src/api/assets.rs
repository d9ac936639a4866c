//! Workload assets (`/api/v1/asset/...`): environments, compute resources, data sources,
//! credentials and templates. Every kind has the same `{meta, spec}` shape, so a record is
//! kept as the JSON the API sent and read through a few accessors, one type for all kinds. The
//! combined data source and credential lists wrap each spec in its kind's member
//! (`{"nfs": {...}}`).

use super::{Api, ApiError, Pending};
use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
pub struct Asset(pub Value);

/// A kind of asset: `meta.kind`, its path under `/api/v1/asset/`, its member in a combined
/// list's spec, and how the console names it.
pub struct AssetKind {
    pub kind: &'static str,
    pub path: &'static str,
    pub member: &'static str,
    pub label: &'static str,
    /// A data source's member in a workload's `spec.storage`.
    pub storage: &'static str,
}

const fn k(kind: &'static str, path: &'static str, member: &'static str, label: &'static str) -> AssetKind {
    AssetKind { kind, path, member, label, storage: member }
}

const fn mounted_as(kind: AssetKind, storage: &'static str) -> AssetKind {
    AssetKind { storage, ..kind }
}

pub static DATA_SOURCES: &[AssetKind] = &[
    k("nfs", "nfs", "nfs", "NFS"),
    k("pvc", "pvc", "pvc", "PVC"),
    k("s3", "s3", "s3", "S3 bucket"),
    k("git", "git", "git", "Git"),
    k("hostPath", "host-path", "hostPath", "Host path"),
    mounted_as(k("config-map", "config-map", "config_map", "ConfigMap"), "configMapVolume"),
    mounted_as(k("secret-volume", "secrets", "secret", "Secret"), "secretVolume"),
];

pub static CREDENTIALS: &[AssetKind] = &[
    k("accessKey", "access-key", "accessKey", "Access key"),
    k("password", "password", "password", "Username and password"),
    k("dockerRegistry", "docker-registry", "dockerRegistry", "Docker registry"),
    k("genericSecret", "generic-secret", "genericSecret", "Generic secret"),
    k("ngcApiKey", "ngc-api-key", "ngcApiKey", "NGC API key"),
];

/// The kind whose `meta.kind` (or path segment) is `name`, among data sources and credentials.
pub fn kind_of(name: &str) -> Option<&'static AssetKind> {
    DATA_SOURCES.iter().chain(CREDENTIALS).find(|k| k.kind == name || k.path == name)
}

impl Asset {
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.0["meta"][key].as_str().filter(|s| !s.is_empty())
    }
    pub fn kind(&self) -> &str {
        self.meta("kind").unwrap_or_default()
    }
    pub fn uuid(&self) -> &str {
        self.meta("id").unwrap_or_default()
    }
    /// The id in the console's paths: the uuid, with the kind's path segment before a dot for
    /// kinds that share a list (`nfs.<uuid>`).
    pub fn id(&self) -> String {
        match kind_of(self.kind()) {
            Some(kind) => format!("{}.{}", kind.path, self.uuid()),
            None => self.uuid().to_owned(),
        }
    }
    pub fn name(&self) -> String {
        self.meta("name").unwrap_or_default().to_owned()
    }
    /// The kind's own spec, whether or not a combined list wrapped it.
    pub fn spec(&self) -> &Value {
        let spec = &self.0["spec"];
        match kind_of(self.kind()) {
            Some(kind) if spec[kind.member].is_object() => &spec[kind.member],
            _ => spec,
        }
    }
    pub fn text(&self, key: &str) -> Option<&str> {
        self.spec()[key].as_str().filter(|s| !s.is_empty())
    }
    /// "Project vision", "Department", "Cluster" or "Tenant".
    pub fn scope(&self) -> String {
        let scope = self.meta("scope").unwrap_or_default();
        let mut label = crate::util::capitalized(scope);
        if let Some(project) = self.meta("projectName") {
            label = format!("{label} {project}");
        }
        label
    }
    /// The workloads using it: (type, name, status) of each.
    pub fn used_by(&self) -> Vec<(&'static str, String, String)> {
        let used = &self.0["usedBy"];
        [("workspaces", "Workspace"), ("trainings", "Training"), ("distributed", "Distributed"), ("inferences", "Inference")]
            .iter()
            .flat_map(|(list, label)| {
                used[*list].as_array().into_iter().flatten().map(move |w| (*label, w["name"].as_str().unwrap_or_default().to_owned(), w["status"].as_str().unwrap_or_default().to_owned()))
            })
            .collect()
    }
}

/// The list of each asset family: environments, compute resources, data sources,
/// credentials, templates.
pub const COLLECTIONS: [&str; 5] = ["/api/v1/asset/environment", "/api/v1/asset/compute", "/api/v1/asset/datasource", "/api/v1/asset/credentials", "/api/v1/asset/workload-template"];

/// `<collection>/<kind>/<uuid>` for an id `<kind>.<uuid>` of a list that combines kinds.
pub fn kind_item(collection: &'static str, id: &str) -> String {
    super::resource::plain_item(collection, id).replacen('.', "/", 1)
}

impl Api {
    /// The assets at `path` (`environment`, `credentials/generic-secret`) to choose from, as
    /// (id, name).
    pub fn asset_choices(self, path: &'static str) -> Pending<Vec<(String, String)>> {
        Box::pin(async move {
            let answer: Value = self.get(&format!("/api/v1/asset/{path}"), &[]).await?;
            let assets = self.records(&answer, Some("entries"), |v| Asset(v.clone()))?;
            Ok(assets.iter().map(|s| (s.uuid().to_owned(), s.name())).collect())
        })
    }
    /// The assets at `path` (`environment`, `compute`) that project `project` (if not empty) may use, as
    /// JSON (a loader of JSON records is already in the bundle; one of `Asset` cost 2 K).
    pub fn assets_for(self, path: &'static str, project: String) -> Pending<Vec<Value>> {
        Box::pin(async move {
            let scope: &[(&str, String)] = if project.is_empty() { &[] } else { &[("projectId", project)] };
            let answer: Value = self.get(&format!("/api/v1/asset/{path}"), scope).await?;
            self.records(&answer, Some("entries"), Value::clone)
        })
    }
    /// Creates an asset of a kind that shares its family's list (`datasource`, `nfs`).
    pub async fn create_asset(self, family: &str, kind: &str, body: String) -> Result<Asset, ApiError> {
        let answer: Value = self.write(gloo_net::http::Method::POST, &format!("/api/v1/asset/{family}/{kind}"), Some(body)).await?;
        let asset = Asset(answer);
        match kind_of(asset.kind()) {
            Some(_) if !asset.uuid().is_empty() => Ok(asset),
            _ => Err(self.unexpected(&asset.0)),
        }
    }
    /// One asset at `path` by uuid.
    pub fn asset(self, path: &'static str, id: String) -> Pending<Asset> {
        Box::pin(async move {
            let answer: Value = self.get(&format!("/api/v1/asset/{path}/{id}"), &[]).await?;
            if answer["meta"].is_object() { Ok(Asset(answer)) } else { Err::<_, ApiError>(self.unexpected(&answer)) }
        })
    }
}
