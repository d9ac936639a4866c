//! What a generic client needs to reach a resource type: where its collection is, how its
//! list answer is wrapped, and how to name one record.

use super::{Api, ApiError};
use serde::de::DeserializeOwned;
use serde_json::Value;

pub trait ApiResource: DeserializeOwned + Clone + PartialEq + 'static {
    /// The collection path, e.g. `/api/v1/clusters`.
    const COLLECTION: &'static str;
    /// The key of the array in a list answer; `None` for a bare array.
    const LIST_KEY: Option<&'static str>;
    /// Query parameters every read sends (e.g. a verbosity).
    const READ_QUERY: &'static [(&'static str, &'static str)] = &[];

    /// The id used in the item path.
    fn id(&self) -> String;
    /// The name an operator knows it by.
    fn name(&self) -> String;
}

impl Api {
    /// The whole collection (for lists the API does not page).
    pub async fn list<R: ApiResource>(self) -> Result<Vec<R>, ApiError> {
        let value: Value = self.get(R::COLLECTION, &read_query::<R>()).await?;
        unwrap_list(value, R::LIST_KEY).map_err(|detail| ApiError::Unexpected {
            host: self.host(),
            status: 200,
            detail: detail.into(),
        })
    }

    /// One record by id.
    pub async fn fetch_one<R: ApiResource>(self, id: &str) -> Result<R, ApiError> {
        let path = format!("{}/{}", R::COLLECTION, super::query::encode_component(id));
        self.get(&path, &read_query::<R>()).await
    }
}

fn read_query<R: ApiResource>() -> Vec<(&'static str, String)> {
    R::READ_QUERY.iter().map(|(k, v)| (*k, (*v).to_owned())).collect()
}

/// The records of a list answer, whichever way the endpoint wraps them.
pub fn unwrap_list<R: DeserializeOwned>(value: Value, key: Option<&str>) -> Result<Vec<R>, &'static str> {
    let array = match key {
        None => value,
        Some(key) => value.get(key).cloned().ok_or("its list answer lacks the expected key")?,
    };
    serde_json::from_value(array).map_err(|_| "its list has records of an unexpected shape")
}
