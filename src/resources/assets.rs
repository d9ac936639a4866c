//! Workload assets: environments, compute resources, data sources and credentials. The four
//! lists are one record type (`Asset`, the API's JSON) described by four `Family` tables; the
//! generic pages reach them through a `Kind` per family whose functions are instantiated by
//! the family's index only, so a family costs a table, not a copy of the generic code.

use super::asset_forms::form;
use crate::api::assets::{kind_item, kind_of, Asset, COLLECTIONS};
use crate::api::authorization::ResourceType;
use crate::api::filter::Op;
use crate::api::list::Paging;
use crate::api::resource::{plain_item, Wire};
use crate::components::cell::{Cell, Tone};
use crate::components::detail::{Section, SectionBody};
use crate::components::list::{ColumnFilter, ColumnInfo};
use crate::components::resource::{Act, Kind, Pages, Rec, Record, ResourceEntry};
use crate::components::table::{ColumnHead, TableRow};
use std::any::Any;
use std::rc::Rc;

/// One asset list: where it lives, its own columns and details.
pub struct Family {
    pub slug: &'static str,
    pub title: &'static str,
    pub noun: &'static str,
    pub plural: &'static str,
    pub permission: ResourceType,
    /// Under `/api/v1/asset/`.
    pub path: &'static str,
    /// The list combines kinds (data sources, credentials): ids carry the kind.
    pub combined: bool,
    /// The columns between Name and Scope, and how a record fills them.
    pub heads: &'static [(&'static str, &'static str)],
    pub cells: fn(&Asset) -> Vec<Cell>,
}

pub static FAMILIES: [Family; 5] = [
    Family {
        slug: "environments",
        title: "Environments",
        noun: "environment",
        plural: "environments",
        permission: ResourceType::Environments,
        path: "environment",
        combined: false,
        heads: &[("image", "Image"), ("tools", "Tools"), ("types", "Workload types")],
        cells: |a| vec![text(a.text("image")), Cell::opt(Some(&tools(a))), Cell::opt(Some(&types(a)))],
    },
    Family {
        slug: "compute-resources",
        title: "Compute resources",
        noun: "compute resource",
        plural: "compute resources",
        permission: ResourceType::ComputeResources,
        path: "compute",
        combined: false,
        heads: &[("gpus", "GPU devices"), ("share", "GPU share or memory"), ("cpu", "CPU cores"), ("memory", "CPU memory")],
        cells: |a| {
            let s = a.spec();
            let share = s["gpuPortionRequest"].as_f64().map(|p| format!("{}%", crate::util::decimal(p * 100.0))).or_else(|| s["gpuMemoryRequest"].as_str().map(str::to_owned));
            vec![number(&s["gpuDevicesRequest"]), Cell::opt(share.as_deref()), number(&s["cpuCoreRequest"]), text(a.text("cpuMemoryRequest"))]
        },
    },
    Family {
        slug: "data-sources",
        title: "Data sources",
        noun: "data source",
        plural: "data sources",
        permission: ResourceType::PvcAssets,
        path: "datasource",
        combined: true,
        heads: &[("type", "Type"), ("source", "Source"), ("mount", "Container path")],
        cells: |a| vec![kind_label(a), text(source(a).as_deref()), text(a.text("mountPath").or(container_path(a)))],
    },
    Family {
        slug: "credentials",
        title: "Credentials",
        noun: "credential",
        plural: "credentials",
        permission: ResourceType::Credentials,
        path: "credentials",
        combined: true,
        heads: &[("type", "Type"), ("identity", "User, key ID or registry")],
        cells: |a| vec![kind_label(a), text(a.text("user").or(a.text("accessKeyId")).or(a.text("url")).or(a.text("existingSecretName")))],
    },
    Family {
        slug: "templates",
        title: "Templates",
        noun: "template",
        plural: "templates",
        permission: ResourceType::Templates,
        path: "workload-template",
        combined: false,
        heads: &[("environment", "Environment"), ("compute", "Compute resource"), ("sources", "Data sources")],
        cells: |a| {
            let assets = &a.spec()["assets"];
            let sources = assets["datasources"].as_array().into_iter().flatten().filter_map(|s| s["name"].as_str()).collect::<Vec<_>>().join(", ");
            vec![text(assets["environment"]["name"].as_str()), text(assets["compute"]["name"].as_str()), Cell::opt(Some(&sources))]
        },
    },
];

fn text(value: Option<&str>) -> Cell {
    Cell::opt(value)
}

fn number(value: &serde_json::Value) -> Cell {
    value.as_f64().map_or(Cell::Missing, Cell::Number)
}

fn kind_label(a: &Asset) -> Cell {
    Cell::opt(kind_of(a.kind()).map(|k| k.label))
}

/// The tools an environment connects to, as "jupyter (jupyter-notebook:8888)".
fn tools(a: &Asset) -> String {
    let tools = a.spec()["connections"].as_array().into_iter().flatten().map(|c| {
        let tool = &c["internalToolInfo"];
        let port = tool["containerPort"].as_i64().unwrap_or_default();
        format!("{} ({}:{port})", c["name"].as_str().unwrap_or_default(), tool["toolType"].as_str().unwrap_or("external"))
    });
    tools.collect::<Vec<_>>().join(", ")
}

fn types(a: &Asset) -> String {
    let supported = &a.0["meta"]["workloadSupportedTypes"];
    let types = ["workspace", "training", "inference", "distributed"].into_iter().filter(|t| supported[*t] == true);
    types.collect::<Vec<_>>().join(", ")
}

/// Where a data source's data comes from.
fn source(a: &Asset) -> Option<String> {
    let t = |k| a.text(k).unwrap_or_default();
    Some(match a.kind() {
        "nfs" => format!("{}:{}", t("server"), t("path")),
        "pvc" => t("claimName").to_owned(),
        "s3" => format!("{}/{}", t("url"), t("bucket")),
        "git" => format!("{} {}", t("repository"), a.text("branch").or(a.text("revision")).unwrap_or_default()),
        "hostPath" => t("path").to_owned(),
        "config-map" => t("configMap").to_owned(),
        "secret-volume" => t("credentialAssetId").to_owned(),
        _ => return None,
    })
}

/// PVC, S3 and Git name their container path `path` (NFS and host paths, their source).
fn container_path(a: &Asset) -> Option<&str> {
    matches!(a.kind(), "pvc" | "s3" | "git").then(|| a.text("path")).flatten()
}

fn family(a: &Asset) -> &'static Family {
    let index = match a.kind() {
        "environment" => 0,
        "compute" => 1,
        "workload-template" => 4,
        kind if crate::api::assets::DATA_SOURCES.iter().any(|k| k.kind == kind) => 2,
        _ => 3,
    };
    &FAMILIES[index]
}

impl Record for Asset {
    fn id(&self) -> String {
        Asset::id(self)
    }
    fn name(&self) -> String {
        Asset::name(self)
    }
    fn sections(&self) -> Vec<Section> {
        sections(self)
    }
    fn deletable(&self) -> bool {
        true
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn sections(a: &Asset) -> Vec<Section> {
    let f = family(a);
    let mut fields = vec![("Scope", Cell::Text(a.scope()))];
    fields.extend(f.heads.iter().map(|(_, title)| *title).zip((f.cells)(a)));
    fields.extend([
        ("Description", text(a.meta("description"))),
        ("Created by", text(a.meta("createdBy"))),
        ("Created", Cell::opt_time(a.meta("createdAt"))),
        ("Updated", Cell::opt_time(a.meta("updatedAt"))),
    ]);
    if let Some(status) = a.0["status"]["status"].as_str() {
        let tone = if status == "No issues found" { Tone::Good } else { Tone::Neutral };
        fields.push(("Status", Cell::Status { label: status.to_owned(), tone }));
    }
    let rows = a
        .used_by()
        .into_iter()
        .map(|(kind, name, status)| TableRow { key: name.clone(), name: name.clone(), href: None, cells: vec![Cell::Text(name), Cell::Text(kind.into()), Cell::Text(status)] })
        .collect();
    let heads = vec![ColumnHead::new("name", "Workload"), ColumnHead::new("type", "Type"), ColumnHead::new("status", "Status")];
    vec![
        Section { title: "Overview", body: SectionBody::Fields(fields) },
        Section { title: "Used by", body: SectionBody::Table { heads, rows, empty: "No workload uses it." } },
    ]
}

const COMMON_BEFORE: &[(&str, &str)] = &[("name", "Name")];
const COMMON_AFTER: &[(&str, &str)] = &[("scope", "Scope"), ("usedBy", "Used by"), ("createdBy", "Created by"), ("created", "Created")];

// The `Kind` of a family takes plain functions; these trampolines are all that is compiled
// per family.
fn columns<const F: usize>() -> Vec<ColumnInfo> {
    columns_of(&FAMILIES[F])
}

fn rows<const F: usize>(records: &[Rec]) -> Vec<TableRow> {
    rows_of(&FAMILIES[F], records)
}

fn columns_of(family: &Family) -> Vec<ColumnInfo> {
    let heads = COMMON_BEFORE.iter().chain(family.heads).chain(COMMON_AFTER);
    heads
        .map(|(key, title)| ColumnInfo {
            head: ColumnHead::new(key, title),
            sort: Some(key),
            filter: Some(ColumnFilter { field: key, ops: &Op::TEXT, dates: false }),
            shown: true,
        })
        .collect()
}

fn rows_of(family: &Family, records: &[Rec]) -> Vec<TableRow> {
    records
        .iter()
        .filter_map(|r| r.as_any().downcast_ref::<Asset>())
        .map(|a| {
            let mut cells = vec![Cell::Text(a.name())];
            cells.extend((family.cells)(a));
            let used = a.used_by().len();
            cells.extend([
                Cell::Text(a.scope()),
                Cell::Text(if used == 0 { "None".into() } else { format!("{used} workload{}", if used == 1 { "" } else { "s" }) }),
                text(a.meta("createdBy")),
                Cell::opt_time(a.meta("createdAt")),
            ]);
            TableRow { key: a.id(), name: a.name(), href: Some(format!("/{}/{}", family.slug, a.id())), cells }
        })
        .collect()
}

fn decode(value: &serde_json::Value) -> Rec {
    Rc::new(Asset(value.clone()))
}

fn no_actions() -> Vec<Act> {
    Vec::new()
}

const fn kind<const F: usize>() -> Kind {
    let f = &FAMILIES[F];
    Kind {
        slug: f.slug,
        title: f.title,
        noun: f.noun,
        plural: f.plural,
        permission: Some(f.permission),
        detail: true,
        deletable: true,
        searchable: true,
        refresh: None,
        cluster_field: None,
        paging: Paging::None,
        columns: columns::<F>,
        wire: Wire { collection: COLLECTIONS[F], items: Some("entries"), next: false, searchable: false, patch: false, item: if f.combined { kind_item } else { plain_item }, reads: &[("usageInfo", "true")], usage: None, decode },
        rows: rows::<F>,
        form: form::<F>,
        actions: no_actions,
    }
}


pub const fn entry<const F: usize>() -> ResourceEntry {
    let f = &FAMILIES[F];
    ResourceEntry { slug: f.slug, title: f.title, group: "Assets", permission: Some(f.permission), tenant_wide: false, pages: Pages::Resource { kind: kind::<F>(), notice: None } }
}
