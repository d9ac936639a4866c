//! What a generic client needs to reach a resource type: where its collection is, how its
//! list answer is wrapped, and how to name one record. Reads and writes of any such type go
//! through `Wire`, the same facts as data, so that they are compiled once for all types and
//! only decoding is per type (each type's own async code cost the bundle 1-2 KB).

use super::list::{ListQuery, Paging};
use super::query::encode_component;
use super::{Api, ApiError};
use gloo_net::http::Method;
use super::json::FromJson;
use super::telemetry::Usage;
use serde_json::Value;

/// `id()` and `name()` for records whose id and name are fields of those names.
macro_rules! id_and_name {
    () => {
        fn id(&self) -> String {
            self.id.clone()
        }
        fn name(&self) -> String {
            self.name.clone()
        }
    };
}
pub(crate) use id_and_name;

pub trait ApiResource: FromJson + Clone + PartialEq + 'static {
    /// The collection path, e.g. `/api/v1/clusters`.
    const COLLECTION: &'static str;
    const PAGING: Paging;
    /// Whether the list takes free-text `search`.
    const SEARCHABLE: bool = false;
    /// Whether updates are sent with `PATCH` (else `PUT`, as for most).
    const PATCH: bool = false;

    /// The key of the records in a list answer (`{"projects": [...]}`); `None` for a bare array.
    const ITEMS: Option<&'static str> = None;
    /// Whether a list answer says with `next` that more follow (else a full page means more).
    const NEXT: bool = false;
    /// Query parameters of every read of the list (`verbosity=verbose`).
    const READS: &'static [(&'static str, &'static str)] = &[];
    /// Node telemetry added to each record read (`Usage`).
    const USAGE: Option<&'static Usage> = None;

    /// The id used in the item path.
    fn id(&self) -> String;
    /// The name an operator knows it by.
    fn name(&self) -> String;
}

/// A resource type's collection and answer shapes, and how a record of it is decoded into `T`
/// (the record itself, or a type-erased handle to it).
pub struct Wire<T: 'static> {
    pub collection: &'static str,
    pub items: Option<&'static str>,
    pub next: bool,
    pub searchable: bool,
    pub patch: bool,
    /// The path of one record, from the collection and the record's id (`plain_item` for most).
    pub item: fn(&'static str, &str) -> String,
    /// Query parameters of every read (`usageInfo=true`).
    pub reads: &'static [(&'static str, &'static str)],
    /// Node telemetry added to each record read.
    pub usage: Option<&'static Usage>,
    pub decode: fn(&Value) -> T,
}

impl<T> Clone for Wire<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Wire<T> {}

/// The wire of `R`, decoding into `T` with `decode`.
pub const fn wire<R: ApiResource, T>(decode: fn(&Value) -> T) -> Wire<T> {
    Wire { collection: R::COLLECTION, items: R::ITEMS, next: R::NEXT, searchable: R::SEARCHABLE, patch: R::PATCH, item: plain_item, reads: R::READS, usage: R::USAGE, decode }
}

/// `<collection>/<id>`.
pub fn plain_item(collection: &'static str, id: &str) -> String {
    format!("{collection}/{}", encode_component(id))
}

impl<T> Wire<T> {
    fn reads(self) -> Vec<(&'static str, String)> {
        self.reads.iter().map(|(k, v)| (*k, v.to_string())).collect()
    }

    /// The same wire decoding nothing, for the work that does not depend on the type (compiled
    /// once, not per type).
    pub fn untyped(self) -> Wire<()> {
        Wire { collection: self.collection, items: self.items, next: self.next, searchable: self.searchable, patch: self.patch, item: self.item, reads: self.reads, usage: self.usage, decode: |_| () }
    }

    /// How many records match the query's filters and search.
    pub async fn count(self, api: Api, query: &ListQuery) -> Result<u64, ApiError> {
        let path = format!("{}/count", self.collection);
        let mut params = query.params(false, self.searchable);
        params.extend(self.reads());
        let answer: Value = api.get(&path, &params).await?;
        answer["count"].as_u64().ok_or_else(|| api.unexpected(&answer))
    }

    /// One record by id.
    pub async fn one(self, api: Api, id: &str) -> Result<T, ApiError> {
        let mut answer = with_id(api.get(&(self.item)(self.collection, id), &self.reads()).await?, id);
        api.measure(self.usage, std::slice::from_mut(&mut answer), &[], None).await?;
        api.record_with(answer, self.decode)
    }

    /// Creates a record from a JSON body (`None` for an id) or updates the one with `id`; the
    /// API answers with the record.
    pub async fn save(self, api: Api, id: Option<&str>, body: String) -> Result<T, ApiError> {
        let answer = match id {
            None => api.write(Method::POST, self.collection, Some(body)).await?,
            Some(id) => {
                let method = if self.patch { Method::PATCH } else { Method::PUT };
                with_id(api.write(method, &(self.item)(self.collection, id), Some(body)).await?, id)
            }
        };
        api.record_with(answer, self.decode)
    }

    /// Deletes a record. Whatever a 2xx answer carries (202 bodies, 204 none) is done with.
    pub async fn delete(self, api: Api, id: &str) -> Result<(), ApiError> {
        api.write_ignoring_body(Method::DELETE, &(self.item)(self.collection, id), None).await
    }
}

impl Wire<()> {
    /// The records of one page as the query asks (of the whole collection without one, for
    /// lists the API does not page) as the API sends them, and whether more follow.
    /// `measured` adds their usage, which a list that shows rows first reads after them
    /// (`Api::measure`), only for the columns it shows.
    pub async fn read(self, api: Api, query: Option<&ListQuery>, measured: bool) -> Result<(Vec<Value>, bool), ApiError> {
        let mut params = query.map(|q| q.params(true, self.searchable)).unwrap_or_default();
        params.extend(self.reads());
        let answer: Value = api.get(self.collection, &params).await?;
        let next = !answer["next"].is_null();
        let mut records = self.records(api, answer)?;
        if measured {
            api.measure(self.usage, &mut records, query.map_or(&[], |q| &q.filters), None).await?;
        }
        // Lists without `next` (nodes, node pools) have more when a page comes back full.
        let more = match query {
            Some(_) if self.next => next,
            Some(q) => records.len() as u32 >= q.limit,
            None => false,
        };
        Ok((records, more))
    }

    /// The records of a list answer.
    fn records(self, api: Api, mut answer: Value) -> Result<Vec<Value>, ApiError> {
        let items = match self.items {
            Some(key) => answer.get_mut(key),
            None => Some(&mut answer),
        };
        match items {
            Some(Value::Array(records)) => Ok(std::mem::take(records)),
            _ => Err(api.unexpected(&answer)),
        }
    }
}

/// A record read or written by `id` keeps it where its answer carries none (a policy's
/// answer names no id), so that the console can still name the record.
fn with_id(mut answer: Value, id: &str) -> Value {
    if let Some(record) = answer.as_object_mut() {
        record.entry("id").or_insert_with(|| id.into());
    }
    answer
}

impl Api {
    /// The whole collection, for lists the API does not page.
    pub async fn list<R: ApiResource>(self) -> Result<Vec<R>, ApiError> {
        Ok(wire::<R, ()>(|_| ()).read(self, None, true).await?.0.iter().map(R::from_json).collect())
    }

    /// The records of a list answer; an answer of another shape is an error, never an empty list.
    pub(crate) fn records<T>(self, answer: &Value, key: Option<&str>, decode: fn(&Value) -> T) -> Result<Vec<T>, ApiError> {
        let items = key.map_or(answer, |k| &answer[k]);
        match items.as_array() {
            Some(items) => Ok(items.iter().map(decode).collect()),
            None => Err(self.unexpected(answer)),
        }
    }

    /// A text field an answer must have (a new secret, say); its absence is an error.
    pub(crate) fn text_field(self, answer: &Value, keys: &[&str]) -> Result<String, ApiError> {
        match super::json::first(answer, keys).as_str() {
            Some(text) if !text.is_empty() => Ok(text.to_owned()),
            _ => Err(self.unexpected(answer)),
        }
    }

    /// One record from an answer, which must be a JSON object.
    pub(crate) fn record<R: FromJson>(self, answer: Value) -> Result<R, ApiError> {
        self.record_with(answer, R::from_json)
    }

    fn record_with<T>(self, answer: Value, decode: fn(&Value) -> T) -> Result<T, ApiError> {
        if answer.is_object() { Ok(decode(&answer)) } else { Err(self.unexpected(&answer)) }
    }
}
