//! What a generic client needs to reach a resource type: where its collection is, how its
//! list answer is wrapped, and how to name one record. Reads and writes of any such type.

use super::list::Paging;
use super::query::encode_component;
use super::{Api, ApiError};
use gloo_net::http::Method;
use serde::de::DeserializeOwned;

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

pub trait ApiResource: DeserializeOwned + Clone + PartialEq + 'static {
    /// The collection path, e.g. `/api/v1/clusters`.
    const COLLECTION: &'static str;
    const PAGING: Paging;
    /// Whether the list takes free-text `search`.
    const SEARCHABLE: bool = false;
    /// How updates are sent (`PUT` for most).
    const UPDATE: Method = Method::PUT;

    /// The list answer as sent: a bare array or a wrapper object.
    type ListAnswer: DeserializeOwned;
    /// The records of a list answer, and whether more follow when the answer says.
    fn unwrap_list(answer: Self::ListAnswer) -> (Vec<Self>, Option<bool>);

    /// The id used in the item path.
    fn id(&self) -> String;
    /// The name an operator knows it by.
    fn name(&self) -> String;
}

impl Api {
    /// The whole collection, for lists the API does not page.
    pub async fn list<R: ApiResource>(self) -> Result<Vec<R>, ApiError> {
        let answer: R::ListAnswer = self.get(R::COLLECTION, &[]).await?;
        Ok(R::unwrap_list(answer).0)
    }

    /// One record by id.
    pub async fn fetch_one<R: ApiResource>(self, id: &str) -> Result<R, ApiError> {
        self.get(&item_path::<R>(id), &[]).await
    }

    /// Creates a record from a JSON body; the API answers with the record.
    pub async fn create<R: ApiResource>(self, body: String) -> Result<R, ApiError> {
        self.write(Method::POST, R::COLLECTION, Some(body)).await
    }

    /// Updates a record from a JSON body; the API answers with the record.
    pub async fn update<R: ApiResource>(self, id: &str, body: String) -> Result<R, ApiError> {
        self.write(R::UPDATE, &item_path::<R>(id), Some(body)).await
    }

    /// Deletes a record. Whatever a 2xx answer carries (202 bodies, 204 none) is done with.
    pub async fn delete<R: ApiResource>(self, id: &str) -> Result<(), ApiError> {
        self.write_ignoring_body(Method::DELETE, &item_path::<R>(id), None).await
    }
}

fn item_path<R: ApiResource>(id: &str) -> String {
    format!("{}/{}", R::COLLECTION, encode_component(id))
}
