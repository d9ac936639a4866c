//! The list semantics the Run:ai API shares across endpoints: `filterBy` (one comma-joined
//! parameter of `<field><op><value>` items, ANDed), `sortBy` + `sortOrder`, `search`, and
//! `offset` + `limit` paging with a `next` marker. Each endpoint names its fields and how to
//! read them from a record; bad input is a 400 with the standard Error body.

use crate::http::bad_request;
use axum::response::Response;
use serde_json::Value;
use std::cmp::Ordering;
use std::collections::HashMap;

pub const OPERATORS: [&str; 8] = ["==", "!=", "<=", ">=", "=@", "!@", "=^", "=$"];

/// What one list endpoint allows, over records of type `T` (typed records, or JSON).
pub struct ListSpec<T: 'static = Value> {
    /// Fields usable in `filterBy` and `sortBy`.
    pub fields: &'static [&'static str],
    /// Operators allowed in `filterBy` (all eight on most endpoints).
    pub operators: &'static [&'static str],
    /// Reads a field's value from a record (`None` when it has none).
    pub read: fn(&T, &str) -> Option<Value>,
    /// Fields that free-text `search` looks in; empty when the endpoint has no `search`.
    pub search_in: &'static [&'static str],
    pub default_limit: usize,
}

#[derive(Debug, PartialEq)]
pub struct Filter {
    pub field: String,
    pub op: &'static str,
    pub value: String,
}

/// Splits a comma-joined list whose items may hold commas themselves. A piece that does not
/// `start` an item continues the one before it ("name=@a,b" is one item); an item that has
/// started but is not yet `complete` goes on into the next piece ("name=@" then ",b").
pub fn split_items(raw: &str, starts: impl Fn(&str) -> bool, complete: impl Fn(&str) -> bool) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    let mut pending: Option<String> = None;
    for piece in raw.split(',') {
        let piece = match pending.take() {
            Some(started) => format!("{started},{piece}"),
            None if !starts(piece) && !items.is_empty() => {
                let last = items.last_mut().expect("not empty");
                last.push(',');
                last.push_str(piece);
                continue;
            }
            None => piece.to_owned(),
        };
        match starts(&piece) && !complete(&piece) {
            true => pending = Some(piece),
            false => items.push(piece),
        }
    }
    // Empty items stay, to be refused: `filterBy=` is one empty item, not no filter.
    items.extend(pending);
    items
}

/// Parses a `filterBy` parameter: items joined by commas, each `<field><op><value>`.
pub fn parse_filters<T>(param: &str, spec: &ListSpec<T>) -> Result<Vec<Filter>, String> {
    // The value after `<field><op>`, if the piece starts with one.
    let value = |piece: &str| -> Option<usize> {
        let rest = spec.fields.iter().find_map(|f| piece.strip_prefix(f).filter(|rest| spec.operators.iter().any(|op| rest.starts_with(op))))?;
        spec.operators.iter().filter(|op| rest.starts_with(**op)).map(|op| rest.len() - op.len()).min()
    };
    split_items(param, |piece| value(piece).is_some(), |piece| value(piece).is_some_and(|left| left > 0))
        .iter()
        .map(|item| {
            let field = spec
                .fields
                .iter()
                .filter(|f| item.starts_with(**f))
                .find(|f| spec.operators.iter().any(|op| item[f.len()..].starts_with(op)));
            let Some(field) = field else {
                return Err(format!("Invalid filterBy item {item:?}: expected <field><operator><value> with a field of {}", spec.fields.join(", ")));
            };
            let rest = &item[field.len()..];
            let op = spec.operators.iter().find(|op| rest.starts_with(**op)).expect("checked above");
            let value = &rest[op.len()..];
            if value.is_empty() {
                return Err(format!("Invalid filterBy item {item:?}: the value is empty"));
            }
            Ok(Filter { field: field.to_string(), op, value: value.to_owned() })
        })
        .collect()
}

/// Whether a record's field value passes a filter. Numbers compare as numbers, everything
/// else as text (ISO dates order correctly as text); the text operators ignore case.
pub fn matches(actual: Option<&Value>, filter: &Filter) -> bool {
    let text = match actual {
        None | Some(Value::Null) => return filter.op == "!=" || filter.op == "!@",
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    let numbers = actual.and_then(Value::as_f64).zip(filter.value.parse::<f64>().ok());
    let order = match numbers {
        Some((a, b)) => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
        None => text.as_str().cmp(filter.value.as_str()),
    };
    let (hay, needle) = (text.to_lowercase(), filter.value.to_lowercase());
    match filter.op {
        "==" => order == Ordering::Equal,
        "!=" => order != Ordering::Equal,
        "<=" => order != Ordering::Greater,
        ">=" => order != Ordering::Less,
        "=@" => hay.contains(&needle),
        "!@" => !hay.contains(&needle),
        "=^" => hay.starts_with(&needle),
        "=$" => hay.ends_with(&needle),
        _ => false,
    }
}

/// One page of answers.
pub struct Page<T = Value> {
    pub items: Vec<T>,
    /// The offset of the next page, when there is one.
    pub next: Option<usize>,
    /// How many records matched in all.
    pub total: usize,
}

fn number_param(query: &HashMap<String, String>, name: &str) -> Result<Option<i64>, String> {
    match query.get(name) {
        None => Ok(None),
        // The contract types paging parameters as int32.
        Some(v) => v.parse::<i32>().map(|n| Some(i64::from(n))).map_err(|_| format!("{name} must be a 32-bit integer")),
    }
}

/// Filters, searches, sorts and pages `records` as the query asks. With `paged == false`
/// (count endpoints) `offset` and `limit` are ignored and only the total is given.
pub fn list<T: Clone>(records: &[T], query: &HashMap<String, String>, spec: &ListSpec<T>, paged: bool) -> Result<Page<T>, Response> {
    list_inner(records, query, spec, paged).map_err(bad_request)
}

fn list_inner<T: Clone>(records: &[T], query: &HashMap<String, String>, spec: &ListSpec<T>, paged: bool) -> Result<Page<T>, String> {
    let filters = match query.get("filterBy") {
        Some(param) => parse_filters(param, spec)?,
        None => vec![],
    };
    let search = query.get("search").filter(|s| !s.is_empty() && !spec.search_in.is_empty()).map(|s| s.to_lowercase());
    let sort_by = match query.get("sortBy") {
        Some(field) if spec.fields.contains(&field.as_str()) => Some(field.as_str()),
        Some(field) => return Err(format!("Invalid sortBy {field:?}: expected one of {}", spec.fields.join(", "))),
        None => None,
    };
    let descending = match query.get("sortOrder").map(String::as_str) {
        None | Some("asc") => false,
        Some("desc") => true,
        Some(other) => return Err(format!("Invalid sortOrder {other:?}: expected asc or desc")),
    };
    let offset = number_param(query, "offset")?.unwrap_or(0);
    let limit = number_param(query, "limit")?.unwrap_or(spec.default_limit as i64);
    // The contract sets no minimum for `offset`; one before the first record starts at it.
    let offset = offset.max(0);
    if paged && !(1..=500).contains(&limit) {
        return Err("limit must be between 1 and 500".into());
    }

    let mut hits: Vec<&T> = records
        .iter()
        .filter(|r| filters.iter().all(|f| matches((spec.read)(r, &f.field).as_ref(), f)))
        .filter(|r| {
            search.as_ref().is_none_or(|needle| {
                spec.search_in.iter().any(|field| {
                    (spec.read)(r, field).and_then(|v| v.as_str().map(str::to_lowercase)).is_some_and(|v| v.contains(needle))
                })
            })
        })
        .collect();
    if let Some(field) = sort_by {
        hits.sort_by(|a, b| {
            let order = compare((spec.read)(a, field).as_ref(), (spec.read)(b, field).as_ref());
            if descending { order.reverse() } else { order }
        });
    }
    let total = hits.len();
    // Counting needs no records: only a page is cloned out.
    let (start, end) = if paged {
        let start = (offset as usize).min(total);
        (start, (start + limit as usize).min(total))
    } else {
        (0, 0)
    };
    let next = (paged && end < total).then_some(end);
    Ok(Page { items: hits[start..end].iter().map(|r| (*r).clone()).collect(), next, total })
}

/// Sort order of two field values: numbers numerically, text case-insensitively, absent last.
fn compare(a: Option<&Value>, b: Option<&Value>) -> Ordering {
    match (a.filter(|v| !v.is_null()), b.filter(|v| !v.is_null())) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(a), Some(b)) => match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
            _ => {
                let text = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_lowercase);
                text(a).cmp(&text(b))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(record: &Value, field: &str) -> Option<Value> {
        record.get(field).cloned()
    }

    const SPEC: ListSpec = ListSpec {
        fields: &["name", "gpus", "createdAt"],
        operators: &OPERATORS,
        read,
        search_in: &["name"],
        default_limit: 2,
    };

    fn records() -> Vec<Value> {
        vec![
            json!({"name": "team-a", "gpus": 8, "createdAt": "2025-01-02T00:00:00Z"}),
            json!({"name": "Team-B", "gpus": 16, "createdAt": "2025-03-01T00:00:00Z"}),
            json!({"name": "research", "gpus": 2, "createdAt": "2024-12-31T00:00:00Z"}),
        ]
    }

    fn names(query: &[(&str, &str)]) -> Result<Vec<String>, String> {
        let query = query.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let page = list_inner(&records(), &query, &SPEC, true)?;
        Ok(page.items.iter().map(|r| r["name"].as_str().unwrap().to_owned()).collect())
    }

    #[test]
    fn filters_with_every_operator() {
        let cases: [(&str, &[&str]); 12] = [
            ("name==team-a", &["team-a"]),
            ("name!=team-a", &["Team-B", "research"]),
            ("gpus>=8", &["team-a", "Team-B"]),
            ("gpus<=8", &["team-a", "research"]),
            ("name=@TEAM", &["team-a", "Team-B"]),
            ("name!@team", &["research"]),
            ("name=^res", &["research"]),
            ("name=$-b", &["Team-B"]),
            ("createdAt>=2025-01-01T00:00:00Z", &["team-a", "Team-B"]),
            ("name=@team,gpus>=10", &["Team-B"]),
            // A comma that does not start a new item belongs to the value.
            ("name=@a,B,gpus>=0", &[]),
            ("name=@,,gpus>=0", &[]),
        ];
        for (filter, expected) in cases {
            assert_eq!(names(&[("filterBy", filter), ("limit", "50")]).unwrap(), expected, "{filter}");
        }
    }

    #[test]
    fn refuses_bad_filters_sorts_and_pages() {
        for query in [
            [("filterBy", "colour==red")],
            [("filterBy", "name~team")],
            [("filterBy", "name==")],
            [("sortBy", "colour")],
            [("sortOrder", "up")],
            [("limit", "0")],
            [("limit", "501")],
            [("limit", "ten")],
        ] {
            assert!(names(&query).is_err(), "{query:?}");
        }
    }

    #[test]
    fn sorts_searches_and_pages_with_next() {
        assert_eq!(names(&[("sortBy", "gpus"), ("sortOrder", "desc"), ("limit", "50")]).unwrap(), ["Team-B", "team-a", "research"]);
        assert_eq!(names(&[("sortBy", "name"), ("limit", "50")]).unwrap(), ["research", "team-a", "Team-B"]);
        assert_eq!(names(&[("search", "TEAM"), ("limit", "50")]).unwrap(), ["team-a", "Team-B"]);
        let query: HashMap<String, String> = [("sortBy", "name"), ("offset", "1")].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let page = list_inner(&records(), &query, &SPEC, true).unwrap();
        assert_eq!((page.items.len(), page.next, page.total), (2, None, 3));
        let first = list_inner(&records(), &HashMap::new(), &SPEC, true).unwrap();
        assert_eq!((first.items.len(), first.next), (2, Some(2)), "default limit, then next");
    }
}
