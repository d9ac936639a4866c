//! A collection of the tenant as its routes see it: which permission governs it, where each
//! record sits, how a record is named and found, and how its list is filtered and sorted.
//! Reading a list, counting it and reading one record are written here once (lock,
//! authorize, keep what the caller may read, then filter, sort and page), and so is finding
//! the record a write names and checking the caller may write it there. Records may be typed
//! structs or JSON (the organization's, for now).

use crate::auth::Caller;
use crate::authz::{Directory, Place};
use crate::http::{count_body, not_found, Reply};
use crate::listing::{list, ListSpec, Page};
use crate::org::str_of;
use crate::tenant::Tenant;
use crate::AppState;
use axum::response::Response;
use serde_json::Value;
use std::collections::HashMap;

pub struct Collection<T: 'static = Value> {
    /// The `ResourceType` whose permissions govern it.
    pub resource_type: &'static str,
    /// How a record is named in messages ("Node pool").
    pub noun: &'static str,
    pub records: fn(&Tenant) -> &[T],
    /// A record's id, as in its path.
    pub id: fn(&T) -> &str,
    /// Where a record sits, for scope checks.
    pub place: fn(&T) -> Place,
    pub spec: fn() -> ListSpec<T>,
}

/// The id of a JSON record.
pub fn json_id(record: &Value) -> &str {
    str_of(record, "id")
}

pub type Query = HashMap<String, String>;

impl<T: Clone> Collection<T> {
    /// The page of what the caller may read that `query` asks for; `paged` false matches
    /// without cutting a page (for counts).
    pub fn page(&self, state: &AppState, caller: &Caller, query: &Query, paged: bool) -> Result<Page<T>, Response> {
        let mut tenant = state.tenant.lock().unwrap();
        // What the organization holds follows what runs: bring the workloads up to now.
        tenant.settle();
        tenant.require(caller, self.resource_type, "read")?;
        let records = tenant.readable(caller, self.resource_type, (self.records)(&tenant), self.place);
        list(&records, query, &(self.spec)(), paged)
    }

    /// `…/count`: how many records the caller may read match the query.
    pub fn count(&self, state: &AppState, caller: &Caller, query: &Query) -> Reply {
        Ok(count_body(self.page(state, caller, query, false)?))
    }

    /// One record by id, if it exists and the caller may read it (else the 404 or 403).
    pub fn one(&self, state: &AppState, caller: &Caller, id: &str) -> Result<T, Response> {
        let mut tenant = state.tenant.lock().unwrap();
        tenant.settle();
        let index = self.index(&tenant, caller, "read", id)?;
        Ok((self.records)(&tenant)[index].clone())
    }

    /// Where record `id` is among the tenant's, if the caller may `action` it where it sits:
    /// 403 without the permission anywhere, 404 if there is no such record, 403 if the
    /// permission does not reach it.
    pub fn index(&self, tenant: &Tenant, caller: &Caller, action: &str, id: &str) -> Result<usize, Response> {
        tenant.require(caller, self.resource_type, action)?;
        let records = (self.records)(tenant);
        let index = records.iter().position(|r| (self.id)(r) == id);
        let index = index.ok_or_else(|| not_found(format!("{} {id} was not found.", self.noun)))?;
        tenant.require_at(caller, self.resource_type, action, &(self.place)(&records[index]))?;
        Ok(index)
    }
}
