//! Reading lists: one page with server-side paging, sorting, filtering and search, or the
//! whole of a list the API does not page. Counting through the `/count` endpoints.

use super::filter::{encode_filters, Filter};
use super::resource::Wire;
use super::{Api, ApiError, ApiResource, Pending};

/// How an endpoint's list works.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paging {
    /// A bare array of everything (clusters): paged, sorted and searched in the browser.
    None,
    /// `offset`/`limit` pages, with a `/count` endpoint for the total.
    Server,
}

/// What a list page asks the API for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListQuery {
    pub offset: u32,
    pub limit: u32,
    /// An API `sortBy` value and whether descending.
    pub sort: Option<(&'static str, bool)>,
    pub filters: Vec<Filter>,
    pub search: String,
}

impl ListQuery {
    /// The query parameters, in the API's spelling. `paged` adds `offset` and `limit`
    /// (count endpoints take only the filters and search).
    pub fn params(&self, paged: bool, searchable: bool) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        if paged {
            params.push(("offset", self.offset.to_string()));
            params.push(("limit", self.limit.to_string()));
            if let Some((key, descending)) = self.sort {
                params.push(("sortBy", key.to_owned()));
                params.push(("sortOrder", if descending { "desc" } else { "asc" }.to_owned()));
            }
        }
        if !self.filters.is_empty() {
            params.push(("filterBy", encode_filters(&self.filters)));
        }
        if searchable && !self.search.trim().is_empty() {
            params.push(("search", self.search.trim().to_owned()));
        }
        params
    }
}

/// One page of records and whether more follow.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<R> {
    pub items: Vec<R>,
    pub more: bool,
}


impl Api {
    /// One page of `R` as the query asks.
    pub async fn page<R: ApiResource>(self, query: &ListQuery) -> Result<Page<R>, ApiError> {
        let (records, more) = super::resource::wire::<R, ()>(|_| ()).read(self, Some(query), true).await?;
        Ok(Page { items: records.iter().map(R::from_json).collect(), more })
    }

    /// Every record of `R` within `filters`.
    pub async fn every<R: ApiResource>(self, filters: Vec<Filter>) -> Result<Vec<R>, ApiError> {
        Ok(self.every_read(super::resource::wire::<R, ()>(|_| ()), filters).await?.iter().map(R::from_json).collect())
    }

    /// `every`, for any type, as the API sends the records: the first page alone (most scopes
    /// fit in one), then, while pages come back full, the next few at once, in order.
    async fn every_read(self, wire: Wire<()>, filters: Vec<Filter>) -> Result<Vec<serde_json::Value>, ApiError> {
        let query = ListQuery { limit: 500, filters, ..ListQuery::default() };
        let (mut all, mut more, mut next, mut at_once) = (Vec::new(), true, 0, 1);
        while more {
            let pages: Vec<ListQuery> = (0..at_once).map(|i| ListQuery { offset: next + i * query.limit, ..query.clone() }).collect();
            next += at_once * query.limit;
            for answer in super::all_of(pages.iter().map(|q| Box::pin(wire.read(self, Some(q), true)) as _).collect()).await {
                let (records, full) = answer?;
                all.extend(records);
                more = full;
            }
            at_once = 4;
        }
        Ok(all)
    }

    /// Records to choose from in a form, as (id, name): the first 500 within `filters` whose
    /// name holds `typed` (by the API's search where it has one, else by a name filter).
    pub fn choices<R: ApiResource>(self, filters: Vec<Filter>, typed: String) -> Pending<Vec<(String, String)>> {
        let named = super::resource::wire::<R, (String, String)>(|v| {
            let record = R::from_json(v);
            (record.id(), record.name())
        });
        Box::pin(self.choose(named, R::PAGING, filters, typed))
    }

    /// `choices`, for any type: its records read and named by `named`.
    async fn choose(self, named: Wire<(String, String)>, paging: Paging, mut filters: Vec<Filter>, typed: String) -> Result<Vec<(String, String)>, ApiError> {
        let query = match paging {
            Paging::None => None,
            Paging::Server => {
                let search = if named.searchable { typed.clone() } else { String::new() };
                if !named.searchable && !typed.is_empty() {
                    filters.push(Filter { field: "name".into(), op: super::filter::Op::Contains, value: typed.clone() });
                }
                Some(ListQuery { limit: 500, filters, search, ..ListQuery::default() })
            }
        };
        // Names only: no usage is read for them.
        let (records, _) = named.untyped().read(self, query.as_ref(), false).await?;
        let mut choices: Vec<(String, String)> = records.iter().map(named.decode).collect();
        if query.is_none() {
            // The API does not search these: the browser does.
            let typed = typed.to_ascii_lowercase();
            choices.retain(|(_, name)| name.to_ascii_lowercase().contains(&typed));
        }
        Ok(choices)
    }
}
