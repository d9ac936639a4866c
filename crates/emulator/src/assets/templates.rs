//! Workload templates: an environment, a compute resource and data sources by id, and run
//! parameters of their own (`specificEnv`). Kept with the assets named (`AssetsRef`); a
//! submission that names a template (`templateId`) gets from it whatever it leaves out.

use super::Asset;
use serde_json::{json, Value};

fn find<'a>(assets: &'a [Asset], id: &str, kind: &str) -> Option<&'a Asset> {
    assets.iter().find(|a| a.id() == id && a.kind.kind == kind)
}

/// The assets a template names must exist and be of the kind named.
pub fn check(assets: &[Asset], spec: &Value) -> Result<(), String> {
    let named = &spec["assets"];
    let environment = named["environment"].as_str().ok_or("spec.assets.environment is required")?;
    find(assets, environment, "environment").ok_or(format!("spec.assets.environment {environment} is not an environment"))?;
    if let Some(compute) = named["compute"].as_str() {
        find(assets, compute, "compute").ok_or(format!("spec.assets.compute {compute} is not a compute resource"))?;
    }
    for source in named["datasources"].as_array().into_iter().flatten() {
        let (id, kind) = (source["id"].as_str().unwrap_or_default(), source["kind"].as_str().unwrap_or_default());
        find(assets, id, kind).ok_or(format!("spec.assets.datasources: {id} is not a {kind} data source"))?;
    }
    Ok(())
}

/// A template's spec with its assets named (`AssetsIds` to `AssetsRef`); any other spec as it is.
pub fn refs(assets: &[Asset], spec: &Value) -> Value {
    let named = &spec["assets"];
    let Some(environment) = named["environment"].as_str() else { return spec.clone() };
    let name = |id: &str| assets.iter().find(|a| a.id() == id).map_or("", Asset::name).to_owned();
    let mut refs = json!({ "environment": { "id": environment, "name": name(environment) } });
    if let Some(compute) = named["compute"].as_str() {
        refs["compute"] = json!({ "id": compute, "name": name(compute) });
    }
    if let Some(sources) = named["datasources"].as_array() {
        refs["datasources"] = sources.iter().map(|s| json!({ "id": s["id"], "kind": s["kind"], "name": name(s["id"].as_str().unwrap_or_default()) })).collect();
    }
    let mut spec = spec.clone();
    spec["assets"] = refs;
    spec
}

/// What a workload of template `id` starts from: the template's own run parameters, its
/// environment's container, its compute resource's resources and its data sources as
/// storage, with the assets named in the usage annotation. `Err` when there is no such
/// template.
pub fn base(assets: &[Asset], id: &str) -> Result<Value, String> {
    let template = find(assets, id, "workload-template").ok_or(format!("templateId {id} is not a template"))?;
    let spec = &template.spec;
    let mut base = spec["specificEnv"].as_object().cloned().map(Value::Object).unwrap_or_else(|| json!({}));
    let mut used = Vec::new();
    let named = &spec["assets"];
    if let Some(env) = named["environment"]["id"].as_str().and_then(|id| find(assets, id, "environment")) {
        for key in ["image", "imagePullPolicy", "command", "args", "environmentVariables", "workingDir"] {
            if base[key].is_null() && !env.spec[key].is_null() {
                base[key] = env.spec[key].clone();
            }
        }
        used.push(env.id().to_owned());
    }
    if let Some(compute) = named["compute"]["id"].as_str().and_then(|id| find(assets, id, "compute")) {
        base["compute"] = compute.spec.clone();
        used.push(compute.id().to_owned());
    }
    for source in named["datasources"].as_array().into_iter().flatten() {
        let Some(asset) = source["id"].as_str().and_then(|id| assets.iter().find(|a| a.id() == id)) else { continue };
        let member = match asset.kind.kind {
            "config-map" => "configMapVolume",
            "secret-volume" => "secretVolume",
            other => other,
        };
        let mut item = asset.spec.clone();
        item["name"] = json!(asset.name());
        if let Some(item) = item.as_object_mut() {
            item.retain(|k, _| !k.ends_with("AssetId") && k != "credentialId");
        }
        match base["storage"][member].as_array_mut() {
            Some(list) => list.push(item),
            None => base["storage"][member] = json!([item]),
        }
        used.push(asset.id().to_owned());
    }
    base["annotations"] = json!([{ "name": super::ASSETS_ANNOTATION, "value": used.join(",") }]);
    Ok(base)
}
