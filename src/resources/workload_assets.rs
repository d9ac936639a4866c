//! The submission form's assets. An environment or a compute resource of the chosen project
//! fills in the fields it describes, and each of those fields then says where its value came
//! from (until the operator changes it); the data sources ticked are mounted as the workload's
//! storage. The workload names the assets it was made from in its `runai-console/assets`
//! annotation, which is how an asset's "Used by" finds it.

use crate::api::assets::{Asset, DATA_SOURCES};
use crate::api::json::{object, Json, ToJson};
use crate::api::use_api;
use crate::components::form_model::{FieldContext, Key, Value, Values, LIMITS, ORIGINS};
use crate::components::load::load;
use crate::components::status::field_error;
use leptos::prelude::*;

pub const ENVIRONMENT: Key<String> = Key::new("environmentAsset");
pub const COMPUTE: Key<String> = Key::new("computeAsset");
pub const DATA: Key<String> = Key::new("dataSources");
pub const TEMPLATE: Key<String> = Key::new("templateAsset");
pub const POLICY: Key<String> = Key::new("policy");
/// A template's data sources: those of any scope the operator may read, as the project's own
/// when the template is made in a project.
pub const TEMPLATE_SOURCES: Key<String> = Key::new("templateSources");
/// Why the template picked could not fill the form, after its id and a tab.
const TEMPLATE_FAILED: &str = "templateFailed";
/// The ticked data sources, whole (the submission mounts what they say).
pub const STORAGE: Key<String> = Key::new("storage");

pub const ANNOTATION: &str = "runai-console/assets";

/// Form field ← spec member, for what an environment describes.
const FROM_ENVIRONMENT: &[(&str, &str)] = &[("image", "image"), ("imagePullPolicy", "imagePullPolicy"), ("command", "command"), ("args", "args"), ("environmentVariables", "environmentVariables")];
/// … and a template of its own.
const FROM_TEMPLATE: &[(&str, &str)] = &[("command", "command"), ("args", "args")];
/// … and a compute resource.
const FROM_COMPUTE: &[(&str, &str)] = &[
    ("gpuDevicesRequest", "gpuDevicesRequest"),
    ("gpuPortionRequest", "gpuPortionRequest"),
    ("gpuMemoryRequest", "gpuMemoryRequest"),
    ("cpuCoreRequest", "cpuCoreRequest"),
    ("cpuCoreLimit", "cpuCoreLimit"),
    ("cpuMemoryRequest", "cpuMemoryRequest"),
    ("cpuMemoryLimit", "cpuMemoryLimit"),
];

/// A picker of the chosen project's templates, environments, compute resources or data
/// sources (by the field's key); it follows the project field. A template's data sources need
/// no project.
pub fn picker(cx: FieldContext) -> AnyView {
    let api = use_api();
    let FieldContext { values, key, parent, .. } = cx;
    let (path, noun) = match key {
        "templateAsset" => ("workload-template", "template"),
        "environmentAsset" => ("environment", "environment"),
        "computeAsset" => ("compute", "compute resource"),
        _ => ("datasource", "data source"),
    };
    let anywhere = key == TEMPLATE_SOURCES.name;
    let assets = load(move || {
        let project = parent.get();
        Box::pin(async move {
            if project.is_empty() && !anywhere {
                return Ok(Vec::new());
            }
            api.assets_for(path, project).await
        })
    });
    // Only this field's value: the picker is not drawn again as other fields are typed in.
    let chosen = Memo::new(move |_| values.with(|v| v.raw(key)));
    // A template's environment and compute resource are read when it is picked; a failure
    // is shown here, with a retry, rather than filling the form from the template alone. (It
    // is kept in the form's values, `id<TAB>what failed`: a signal of its own costs 2 K.)
    let fill = move |template: Asset| {
        leptos::task::spawn_local(async move {
            if let Err(error) = from_template(api, values, template.clone()).await {
                let failed = format!("{}\t{}", template.uuid(), error.explain("read the template's environment and compute resource"));
                values.try_update(|v| v.set(TEMPLATE_FAILED, Value::Text(failed)));
            }
        })
    };
    let list = move || assets.get().and_then(Result::ok).unwrap_or_default().into_iter().map(Asset);
    let body = move || {
        if parent.with(String::is_empty) && !anywhere {
            return view! { <p class="hint" id=format!("field-{key}")>"Choose the project first."</p> }.into_any();
        }
        if noun == "data source" {
            let boxes = list().map(|a| {
                let id = a.uuid().to_owned();
                let label = format!("{} ({})", a.name(), crate::api::assets::kind_of(a.kind()).map_or("", |k| k.label));
                let checked = chosen.get().split(',').any(|c| c == id);
                let toggle = move |ev| {
                    let on = event_target_checked(&ev);
                    values.update(|v| toggle_source(v, key, &a, on));
                };
                view! { <label class="check"><input type="checkbox" checked=checked on:change=toggle/>{label}</label> }
            });
            return view! { <div id=format!("field-{key}") role="group" aria-label="Data sources">{boxes.collect_view()}</div> }.into_any();
        }
        let options = list().map(|a| {
            let selected = chosen.get() == a.uuid();
            view! { <option value=a.uuid().to_owned() selected=selected>{a.name()}</option> }
        });
        let pick = move |ev| {
            let id = event_target_value(&ev);
            let asset = list().find(|a| a.uuid() == id);
            match asset {
                Some(template) if key == "templateAsset" => fill(template),
                asset => values.update(|v| fill_from(v, key, noun, asset.as_ref())),
            }
        };
        view! {
            <select id=format!("field-{key}") on:change=pick>
                <option value="" selected=chosen.get().is_empty()>"None: fill in the fields below"</option>
                {options.collect_view()}
            </select>
        }
        .into_any()
    };
    view! {
        {body}
        {move || assets.err().map(|error| field_error(error.explain(&format!("load the project's {noun}s")), Box::new(move || assets.reload())))}
        {move || values.with(|v| v.raw(TEMPLATE_FAILED)).split_once('\t').filter(|_| key == TEMPLATE.name).map(|(id, said)| {
            let id = id.to_owned();
            field_error(said.to_owned(), Box::new(move || list().filter(|a| a.uuid() == id).for_each(fill)))
        })}
    }
    .into_any()
}

/// Fills the fields `asset` describes (an environment or compute resource by `key`) and notes
/// where each came from; `None` forgets the asset and leaves the fields as they are.
fn fill_from(v: &mut Values, key: &'static str, noun: &str, asset: Option<&Asset>) {
    let template = key == "templateAsset";
    if template {
        // Whatever failed for the template picked before is over.
        v.set(TEMPLATE_FAILED, Value::Text(String::new()));
    }
    let pairs = match key {
        "environmentAsset" => FROM_ENVIRONMENT,
        "computeAsset" => FROM_COMPUTE,
        _ => FROM_TEMPLATE,
    };
    let mut origins: Vec<String> = v.raw(ORIGINS).lines().filter(|l| template || !pairs.iter().any(|(field, _)| l.split('\t').next() == Some(*field))).map(str::to_owned).collect();
    v.set(key, Value::Text(asset.map(|a| a.uuid().to_owned()).unwrap_or_default()));
    if let Some(asset) = asset {
        // A template's own run parameters fill only what they say.
        let spec = if template { &asset.spec()["specificEnv"] } else { asset.spec() };
        for (field, member) in pairs {
            let text = match &spec[*member] {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => crate::util::decimal(n.as_f64().unwrap_or_default()),
                serde_json::Value::Array(vars) => vars.iter().map(|e| format!("{}={}", e["name"].as_str().unwrap_or_default(), e["value"].as_str().unwrap_or_default())).collect::<Vec<_>>().join("\n"),
                _ => String::new(),
            };
            if !text.is_empty() {
                origins.retain(|l| l.split('\t').next() != Some(*field));
                origins.push(format!("{field}\t{noun} {}", asset.name()));
            } else if template {
                continue;
            }
            v.set(field, Value::Text(text));
        }
    }
    v.set(ORIGINS, Value::Text(origins.join("\n")));
}

/// Fills the form from a template: its environment's and compute resource's fields, then its
/// own run parameters. The submission names the template too, so that the API adds what the
/// form does not show (its data sources).
async fn from_template(api: crate::api::Api, values: RwSignal<Values>, template: Asset) -> Result<(), crate::api::ApiError> {
    let named = &template.spec()["assets"];
    // A template names an environment, and may name a compute resource.
    let mut read = Vec::new();
    for path in ["environment", "compute"] {
        let id = named[path]["id"].as_str().unwrap_or_default();
        read.push(if id.is_empty() { None } else { Some(api.asset(path, id.to_owned()).await?) });
    }
    values.try_update(|v| {
        fill_from(v, "environmentAsset", "environment", read[0].as_ref());
        fill_from(v, "computeAsset", "compute resource", read[1].as_ref());
        fill_from(v, "templateAsset", "template", Some(&template));
    });
    Ok(())
}

/// Ticks (`on`) or unticks data source `a`; the ticked ones are kept whole (as `STORAGE`),
/// since the submission mounts what they say.
fn toggle_source(v: &mut Values, key: &'static str, a: &Asset, on: bool) {
    let mut ticked = ticked(v);
    ticked.retain(|t| t.uuid() != a.uuid());
    if on {
        ticked.push(a.clone());
    }
    let ids: Vec<&str> = ticked.iter().map(Asset::uuid).collect();
    v.set(key, Value::Text(ids.join(",")));
    v.set(STORAGE.name, Value::Json(serde_json::Value::Array(ticked.into_iter().map(|a| a.0).collect())));
}

pub fn ticked(v: &Values) -> Vec<Asset> {
    match v.0.get(STORAGE.name) {
        Some(Value::Json(serde_json::Value::Array(items))) => items.iter().cloned().map(Asset).collect(),
        _ => Vec::new(),
    }
}

/// `spec.storage` of the submission: each ticked data source under its kind's member, named
/// after the asset, without the references to credentials (which name assets, not secrets).
pub fn storage(v: &Values) -> Option<Json> {
    let mut members: Vec<(&'static str, Vec<Json>)> = Vec::new();
    for asset in ticked(v) {
        let Some(kind) = DATA_SOURCES.iter().find(|k| asset.kind() == k.kind) else { continue };
        let name = asset.name();
        let mut item: Vec<(&str, &dyn ToJson)> = vec![("name", &name)];
        let spec = asset.spec().as_object().into_iter().flatten();
        item.extend(spec.filter(|(k, _)| !k.ends_with("AssetId") && *k != "credentialId").map(|(k, v)| (k.as_str(), v as &dyn ToJson)));
        let item = object(&item);
        match members.iter_mut().find(|(m, _)| *m == kind.storage) {
            Some((_, list)) => list.push(item),
            None => members.push((kind.storage, vec![item])),
        }
    }
    let members: Vec<(&str, &dyn ToJson)> = members.iter().map(|(m, list)| (*m, list as &dyn ToJson)).collect();
    (!members.is_empty()).then(|| object(&members))
}

/// The annotation naming the assets the workload was made from.
pub fn annotations(v: &Values) -> Option<Vec<Json>> {
    let ids: Vec<String> = [v.get(ENVIRONMENT), v.get(COMPUTE), v.get(DATA)].into_iter().filter(|s| !s.is_empty()).collect();
    (!ids.is_empty()).then(|| vec![object(&[("name", &ANNOTATION), ("value", &ids.join(","))])])
}

/// The effective policy of the chosen project for the chosen type: its rules listed (each
/// with the scope that sets it) and kept for the fields they are about (`LIMITS`: a locked
/// field is read-only, a number is checked against its bounds), its defaults filled into the
/// fields left empty or locked, each saying it came from the policy. The API checks the rules
/// again on submission and names each one broken at its field.
pub fn policy(cx: FieldContext) -> AnyView {
    let api = use_api();
    let FieldContext { values, key, parent, .. } = cx;
    let segment = Memo::new(move |_| match values.with(|v| v.raw("type")).as_str() {
        "training" => "trainings",
        "inference" => "inferences",
        _ => "workspaces",
    });
    let effective = load(move || {
        let (project, segment) = (parent.get(), segment.get());
        Box::pin(async move {
            if project.is_empty() {
                return Ok(serde_json::Value::Null);
            }
            api.project_policy(segment, project).await
        })
    });
    Effect::new(move |_| {
        let policy = effective.get().and_then(Result::ok).unwrap_or_default();
        let field_of = |path: &str| {
            let field = path.rsplit('.').next().unwrap_or_default();
            super::workload_form::FIELDS.iter().map(|f| f.key).find(|k| *k == field)
        };
        let (mut defaults, mut rules) = (Vec::new(), Vec::new());
        super::policies::leaves(&policy["effective"]["defaults"], "", false, &mut defaults);
        super::policies::leaves(&policy["effective"]["rules"], "", true, &mut rules);
        let limits: Vec<String> = rules.iter().filter_map(|(path, rule, at)| Some(format!("{}\t{rule}\t{at}", field_of(path)?))).collect();
        values.update(|v| {
            v.set(LIMITS, Value::Text(limits.join("\n")));
            for (path, value, _) in defaults {
                let Some(name) = field_of(&path) else { continue };
                // A locked field takes the policy's value whatever it held.
                if v.raw(name).is_empty() || v.locked(name) {
                    v.set(name, Value::Text(value));
                    let origins = format!("{}\n{name}\tthe project's policy", v.raw(ORIGINS));
                    v.set(ORIGINS, Value::Text(origins));
                }
            }
        });
    });
    let rules = move || {
        let policy = effective.get().and_then(Result::ok).unwrap_or_default();
        let mut rules = Vec::new();
        super::policies::leaves(&policy["effective"]["rules"], "", true, &mut rules);
        let items = rules.into_iter().map(|(path, said, from)| view! { <li>{format!("{path}: {said} (set at {from})")}</li> }).collect_view();
        view! { <ul class="hint" id=format!("field-{key}") data-testid="policy-rules">{items}</ul> }
    };
    view! {
        {rules}
        {move || effective.err().map(|error| field_error(error.explain("load the project's policy"), Box::new(move || effective.reload())))}
    }
    .into_any()
}
