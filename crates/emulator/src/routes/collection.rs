//! A collection of the organization (node pools, nodes, departments, projects) as its routes
//! see it: which permission governs it, where each record sits, and how its list is filtered
//! and sorted. Reading a list, counting it and reading one record are written here once
//! (lock, authorize, keep what the caller may read, then filter, sort and page).

use crate::auth::Caller;
use crate::authz::{Directory, Place};
use crate::http::{count_body, not_found, Reply};
use crate::listing::{list, ListSpec, Page};
use crate::org::{str_of, Org};
use crate::AppState;
use axum::response::Response;
use serde_json::Value;
use std::collections::HashMap;

pub struct Collection {
    /// The `ResourceType` whose permissions govern it.
    pub resource_type: &'static str,
    /// How a record is named in messages ("Node pool").
    pub noun: &'static str,
    pub records: fn(&Org) -> &[Value],
    /// Where a record sits, for scope checks.
    pub place: fn(&Value) -> Place,
    pub spec: fn() -> ListSpec,
}

pub type Query = HashMap<String, String>;

impl Collection {
    /// The page of what the caller may read that `query` asks for; `paged` false matches
    /// without cutting a page (for counts).
    pub fn page(&self, state: &AppState, caller: &Caller, query: &Query, paged: bool) -> Result<Page, Response> {
        let tenant = state.tenant.lock().unwrap();
        tenant.require(caller, self.resource_type, "read")?;
        let records = tenant.readable(caller, self.resource_type, (self.records)(&tenant.org), self.place);
        list(&records, query, &(self.spec)(), paged)
    }

    /// `…/count`: how many records the caller may read match the query.
    pub fn count(&self, state: &AppState, caller: &Caller, query: &Query) -> Reply {
        Ok(count_body(self.page(state, caller, query, false)?))
    }

    /// One record by id, if it exists and the caller may read it (else the 404 or 403).
    pub fn one(&self, state: &AppState, caller: &Caller, id: &str) -> Result<Value, Response> {
        let tenant = state.tenant.lock().unwrap();
        tenant.require(caller, self.resource_type, "read")?;
        let record = (self.records)(&tenant.org).iter().find(|r| str_of(r, "id") == id);
        let record = record.ok_or_else(|| not_found(format!("{} {id} was not found.", self.noun)))?;
        tenant.require_at(caller, self.resource_type, "read", &(self.place)(record))?;
        Ok(record.clone())
    }
}
