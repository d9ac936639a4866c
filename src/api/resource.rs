//! What a generic client needs to reach a resource type: where its collection is, how its
//! list answer is wrapped, and how to name one record.

use super::{Api, ApiError};
use serde::de::DeserializeOwned;

pub trait ApiResource: DeserializeOwned + Clone + PartialEq + 'static {
    /// The collection path, e.g. `/api/v1/clusters`.
    const COLLECTION: &'static str;
    /// Query parameters every read sends (e.g. a verbosity).
    const READ_QUERY: &'static [(&'static str, &'static str)] = &[];

    /// The id used in the item path.
    fn id(&self) -> String;
    /// The name an operator knows it by.
    fn name(&self) -> String;
}

impl Api {
    /// The whole collection (for lists the API does not page), a bare array.
    pub async fn list<R: ApiResource>(self) -> Result<Vec<R>, ApiError> {
        self.get(R::COLLECTION, &read_query::<R>()).await
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

