//! A checker of answers and requests against the vendored Run:ai OpenAPI document.
//! Tests use it strictly: the status must be declared for the operation, and a JSON body
//! must match the declared schema with every required field present and no property the
//! schema does not declare (the console's tests check the bodies its forms send this way).
//! The emulator itself checks every request it is sent with it (`guard`), so that it is as
//! exact as the contract on every parameter and body; there an undeclared property is
//! ignored rather than refused, as a server that reads typed fields would.

mod guard;
mod schema;

pub use guard::guard;

use schema::Mode;
use serde_json::{json, Value};
use std::sync::OnceLock;

pub struct Contract {
    doc: Value,
}

/// One operation of the document, as found for a request.
pub struct Operation<'a> {
    pub template: &'a str,
    item: &'a Value,
    operation: &'a Value,
}

/// The document as the emulator honours it (with `UNDECLARED` and `PUBLIC` applied), parsed once.
pub fn contract() -> &'static Contract {
    static DOC: OnceLock<Contract> = OnceLock::new();
    DOC.get_or_init(|| {
        let mut doc: Value = serde_json::from_str(include_str!("../../openapi.json")).expect("the vendored OpenAPI document");
        for (method, path, status, response) in UNDECLARED {
            let responses = &mut doc["paths"][path][method.to_lowercase()]["responses"];
            assert!(responses.is_object() && responses.get(status).is_none(), "exception {method} {path} {status} is stale");
            responses[status] = json!({ "$ref": format!("#/components/responses/{response}") });
        }
        for path in PUBLIC {
            doc["paths"][path]["post"]["security"] = json!([]);
        }
        for schema in NUMERIC_UNIT_IDS {
            let id = &mut doc["components"]["schemas"][schema]["properties"]["id"];
            assert_eq!(id["format"], "uuid", "exception {schema} is stale");
            id.as_object_mut().expect("a schema").remove("format");
        }
        // Creating an NFS data source answers the NFS asset; the document says `S3Asset` (a
        // copy-and-paste slip: its list, read and update all answer `NFSAsset`).
        let nfs = &mut doc["paths"]["/api/v1/asset/datasource/nfs"]["post"]["responses"]["202"]["content"]["application/json"]["schema"]["$ref"];
        assert_eq!(nfs, "#/components/schemas/S3Asset", "the NFS exception is stale");
        *nfs = json!("#/components/schemas/NFSAsset");
        for pointer in comma_joined_lists(&doc) {
            // On the wire `filterBy=` is both an empty list and a list of one empty item; the
            // emulator reads it as the latter (and refuses it), so a list given has an item.
            doc.pointer_mut(&pointer).expect("found above")["minItems"] = json!(1);
        }
        Contract { doc }
    })
}

/// Where the document is silent, and the emulator answers anyway; the checker and the
/// fuzzer are given the document with these responses added to these operations only.
/// - 400: these operations take parameters that can be malformed (a query parameter of the
///   wrong type or outside its enum, a body that breaks its schema) but declare no 400. A
///   server must refuse such a request, and 400 with the `Error` body is how every other
///   operation of the API does it. (A read by an id of the wrong shape answers 404 where 404
///   is declared, which needs no exception.)
/// - 401: every operation but the token's needs a bearer token; these forget to say so.
/// - 404: a per-cluster count for a cluster that does not exist, like its list, which declares it;
///   an update of a template that does not exist, like every other asset's update.
pub const UNDECLARED: &[(&str, &str, &str, &str)] = &[
    ("GET", "/api/v1/clusters", "400", "400BadRequest"),
    ("GET", "/api/v1/clusters/{clusterUuid}", "400", "400BadRequest"),
    ("GET", "/api/v1/access-keys", "400", "400BadRequest"),
    ("GET", "/api/v1/administration/access-keys", "400", "400BadRequest"),
    ("GET", "/api/v1/authorization/permissions", "400", "400BadRequest"),
    ("POST", "/api/v1/authorization/permitted-scopes", "400", "400BadRequest"),
    ("GET", "/api/v1/authorization/access-rules", "400", "400BadRequest"),
    ("GET", "/api/v1/nodes", "400", "400BadRequest"),
    ("GET", "/api/v1/clusters/{clusterUuid}/nodes", "400", "400BadRequest"),
    ("GET", "/api/v1/workloads", "400", "400BadRequest"),
    ("GET", "/api/v1/workloads/count", "400", "400BadRequest"),
    ("GET", "/api/v1/workloads/{workloadId}/events", "400", "400BadRequest"),
    ("GET", "/api/v1/workloads/{workloadId}/history", "400", "400BadRequest"),
    ("GET", "/api/v1/workloads/{workloadId}/pods", "400", "400BadRequest"),
    ("GET", "/api/v1/workloads/pods", "400", "400BadRequest"),
    ("GET", "/api/v1/workloads/pods/count", "400", "400BadRequest"),
    ("GET", "/api/v1/asset/compute", "400", "400BadRequest"),
    ("GET", "/api/v1/asset/compute/{AssetId}", "400", "400BadRequest"),
    ("PUT", "/api/v1/asset/compute/{AssetId}", "400", "400BadRequest"),
    ("GET", "/api/v1/asset/credentials", "400", "400BadRequest"),
    ("GET", "/api/v1/asset/environment", "400", "400BadRequest"),
    ("GET", "/api/v1/asset/workload-template", "400", "400BadRequest"),
    ("GET", "/api/v1/asset/workload-template/{AssetId}", "400", "400BadRequest"),
    ("PUT", "/api/v1/asset/workload-template/{AssetId}", "404", "404NotFound"),
    ("GET", "/api/v1/datavolumes/name-availability", "400", "400BadRequest"),
    ("GET", "/api/v2/policy", "400", "400BadRequest"),
    ("GET", "/api/v1/asset/environment/{AssetId}", "400", "400BadRequest"),
    ("PUT", "/api/v1/asset/environment/{AssetId}", "400", "400BadRequest"),
    ("GET", "/api/v1/asset/datasource", "400", "400BadRequest"),
    ("GET", "/api/v1/asset/datasource/git", "400", "400BadRequest"),
    ("GET", "/api/v1/asset/datasource/git/{AssetId}", "400", "400BadRequest"),
    ("PUT", "/api/v1/asset/datasource/git/{AssetId}", "400", "400BadRequest"),
    ("GET", "/api/v1/asset/datasource/nfs", "400", "400BadRequest"),
    ("GET", "/api/v1/asset/datasource/nfs/{AssetId}", "400", "400BadRequest"),
    ("PUT", "/api/v1/asset/datasource/nfs/{AssetId}", "400", "400BadRequest"),
    ("GET", "/api/v1/asset/datasource/pvc", "400", "400BadRequest"),
    ("GET", "/api/v1/asset/datasource/pvc/{AssetId}", "400", "400BadRequest"),
    ("PUT", "/api/v1/asset/datasource/pvc/{AssetId}", "400", "400BadRequest"),
    ("GET", "/api/v1/asset/datasource/s3", "400", "400BadRequest"),
    ("GET", "/api/v1/asset/datasource/s3/{AssetId}", "400", "400BadRequest"),
    ("PUT", "/api/v1/asset/datasource/s3/{AssetId}", "400", "400BadRequest"),
    ("GET", "/api/v1/asset/datasource/config-map", "400", "400BadRequest"),
    ("GET", "/api/v1/asset/datasource/config-map/{AssetId}", "400", "400BadRequest"),
    ("PUT", "/api/v1/asset/datasource/config-map/{AssetId}", "400", "400BadRequest"),
    ("GET", "/api/v1/asset/datasource/secrets", "400", "400BadRequest"),
    ("GET", "/api/v1/asset/datasource/secrets/{AssetId}", "400", "400BadRequest"),
    ("PUT", "/api/v1/asset/datasource/secrets/{AssetId}", "400", "400BadRequest"),
    ("GET", "/api/v1/authorization/me/access-rules", "401", "401Unauthorized"),
    ("GET", "/api/v1/authorization/me/access-rules/count", "401", "401Unauthorized"),
    ("GET", "/api/v1/clusters/{clusterUuid}/nodes/count", "404", "404NotFound"),
];

/// A department's or project's id is a string holding a number everywhere (the asset API
/// names projects by an int32 `projectId`, department access control by an int32
/// `departmentId`, and `Department.id`'s example is 50), except in these two schemas of the
/// organization tree, which say `format: uuid`; the emulator follows the majority.
pub const NUMERIC_UNIT_IDS: &[&str] = &["DepartmentProjectChild", "DepartmentProjectParent"];

/// Where the schemas of comma-joined (`explode: false`) array query parameters are.
fn comma_joined_lists(doc: &Value) -> Vec<String> {
    let mut pointers = Vec::new();
    let escape = |s: &str| s.replace('~', "~0").replace('/', "~1");
    let mut visit = |pointer: String, parameter: &Value| {
        if parameter["in"] == "query" && parameter["explode"] == false && parameter["schema"]["type"] == "array" {
            pointers.push(format!("{pointer}/schema"));
        }
    };
    for (name, parameter) in doc["components"]["parameters"].as_object().into_iter().flatten() {
        visit(format!("/components/parameters/{}", escape(name)), parameter);
    }
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, operation) in item.as_object().into_iter().flatten() {
            for (i, parameter) in operation["parameters"].as_array().into_iter().flatten().enumerate() {
                visit(format!("/paths/{}/{method}/parameters/{i}", escape(path)), parameter);
            }
        }
    }
    pointers
}

/// Operations the document leaves under its global bearer-token requirement, though they are
/// where a token is obtained: they are public.
pub const PUBLIC: &[&str] = &["/api/v1/token", "/api/v2/token"];

impl Contract {
    /// The document as honoured, for tools that check the emulator from outside (schemathesis).
    pub fn document(&self) -> &Value {
        &self.doc
    }

    /// Every way `body` (the answer to `method path` with `status`) breaks the contract.
    pub fn violations(&self, method: &str, path: &str, status: u16, body: &str) -> Vec<String> {
        let Some(operation) = self.operation(method, path) else {
            return vec![format!("{method} {path} is not an operation of the contract")];
        };
        let responses = &operation["responses"];
        let Some(response) = responses.get(status.to_string()).or_else(|| responses.get("default")) else {
            return vec![format!("{method} {path}: status {status} is not declared")];
        };
        let response = self.resolve(response);
        let Some(schema) = response.pointer("/content/application~1json/schema") else {
            return match body.is_empty() {
                true => vec![],
                false => vec![format!("{method} {path} {status}: declared without a body, got {body}")],
            };
        };
        match serde_json::from_str::<Value>(body) {
            Ok(value) => {
                let mut errors = Vec::new();
                self.check(Mode::Strict, schema, &value, "$", &mut errors);
                errors.into_iter().map(|e| format!("{method} {path} {status}: {e}")).collect()
            }
            Err(e) => vec![format!("{method} {path} {status}: body is not JSON ({e}): {body}")],
        }
    }

    /// Every way `body`, sent as the request of `method path`, breaks the contract.
    pub fn request_violations(&self, method: &str, path: &str, body: &str) -> Vec<String> {
        let Some(operation) = self.operation(method, path) else {
            return vec![format!("{method} {path} is not an operation of the contract")];
        };
        let Some(schema) = self.resolve(&operation["requestBody"]).pointer("/content/application~1json/schema") else {
            return vec![format!("{method} {path} declares no JSON request body")];
        };
        match serde_json::from_str::<Value>(body) {
            Ok(value) => {
                let mut errors = Vec::new();
                self.check(Mode::Strict, schema, &value, "$", &mut errors);
                errors.into_iter().map(|e| format!("{method} {path} request: {e}")).collect()
            }
            Err(e) => vec![format!("{method} {path} request is not JSON ({e}): {body}")],
        }
    }

    /// The operation whose path template matches `path` (literal segments beat parameters).
    fn operation(&self, method: &str, path: &str) -> Option<&Value> {
        self.find(method, path).map(|found| found.operation)
    }

    /// The operation `method path` asks for, with its path template and path item.
    pub fn find(&self, method: &str, path: &str) -> Option<Operation<'_>> {
        let (template, item) = self.path_item(path)?;
        Some(Operation { template, item, operation: item.get(method.to_lowercase())? })
    }

    /// The path item whose template matches `path`, literal segments beating parameters
    /// (`/access-rules/count` is not access rule "count").
    pub fn path_item(&self, path: &str) -> Option<(&str, &Value)> {
        let path = path.split('?').next().unwrap();
        let segments: Vec<&str> = path.split('/').collect();
        let paths = self.doc["paths"].as_object()?;
        paths
            .iter()
            .filter(|(template, _)| {
                let parts: Vec<&str> = template.split('/').collect();
                parts.len() == segments.len() && parts.iter().zip(&segments).all(|(p, s)| p.starts_with('{') || p == s)
            })
            .min_by_key(|(template, _)| template.split('/').filter(|p| p.starts_with('{')).count())
            .map(|(template, item)| (template.as_str(), item))
    }

    fn resolve<'a>(&'a self, mut node: &'a Value) -> &'a Value {
        while let Some(reference) = node.get("$ref").and_then(Value::as_str) {
            node = self.doc.pointer(reference.trim_start_matches('#')).expect("dangling $ref");
        }
        node
    }
}
