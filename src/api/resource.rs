//! What a generic client needs to reach a resource type: where its collection is, how its
//! list answer is wrapped, and how to name one record. Reads and writes of any such type.

use super::list::Paging;
use super::query::encode_component;
use super::{Api, ApiError};
use gloo_net::http::Method;
use super::json::FromJson;
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
    /// How updates are sent (`PUT` for most).
    const UPDATE: Method = Method::PUT;

    /// The key of the records in a list answer (`{"projects": [...]}`); `None` for a bare array.
    const ITEMS: Option<&'static str> = None;
    /// Whether a list answer says with `next` that more follow (else a full page means more).
    const NEXT: bool = false;

    /// The id used in the item path.
    fn id(&self) -> String;
    /// The name an operator knows it by.
    fn name(&self) -> String;
}

impl Api {
    /// The whole collection, for lists the API does not page.
    pub async fn list<R: ApiResource>(self) -> Result<Vec<R>, ApiError> {
        let answer: Value = self.get(R::COLLECTION, &[]).await?;
        self.records(&answer, R::ITEMS)
    }

    /// The records of a list answer; an answer of another shape is an error, never an empty list.
    pub(crate) fn records<R: FromJson>(self, answer: &Value, key: Option<&str>) -> Result<Vec<R>, ApiError> {
        let items = key.map_or(answer, |k| &answer[k]);
        match items.as_array() {
            Some(items) => Ok(items.iter().map(R::from_json).collect()),
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
        if answer.is_object() { Ok(R::from_json(&answer)) } else { Err(self.unexpected(&answer)) }
    }

    /// One record by id.
    pub async fn fetch_one<R: ApiResource>(self, id: &str) -> Result<R, ApiError> {
        let answer = self.get(&item_path::<R>(id), &[]).await?;
        self.record(answer)
    }

    /// Creates a record from a JSON body; the API answers with the record.
    pub async fn create<R: ApiResource>(self, body: String) -> Result<R, ApiError> {
        let answer = self.write(Method::POST, R::COLLECTION, Some(body)).await?;
        self.record(answer)
    }

    /// Updates a record from a JSON body; the API answers with the record.
    pub async fn update<R: ApiResource>(self, id: &str, body: String) -> Result<R, ApiError> {
        let answer = self.write(R::UPDATE, &item_path::<R>(id), Some(body)).await?;
        self.record(answer)
    }

    /// Deletes a record. Whatever a 2xx answer carries (202 bodies, 204 none) is done with.
    pub async fn delete<R: ApiResource>(self, id: &str) -> Result<(), ApiError> {
        self.write_ignoring_body(Method::DELETE, &item_path::<R>(id), None).await
    }
}

fn item_path<R: ApiResource>(id: &str) -> String {
    format!("{}/{}", R::COLLECTION, encode_component(id))
}
