//! `filterBy` items as the Run:ai API spells them: `<field><operator><value>`, several joined
//! by commas into one parameter. The URL of a list page keeps them in the same spelling.

use crate::util::time::{parse_rfc3339, rfc3339};

/// The operators of `filterBy`, in the order a picker offers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Le,
    Ge,
    Contains,
    NotContains,
    StartsWith,
    EndsWith,
}

impl Op {
    pub const ALL: [Op; 8] = [Op::Eq, Op::Ne, Op::Le, Op::Ge, Op::Contains, Op::NotContains, Op::StartsWith, Op::EndsWith];
    /// What `/api/v1/users` allows.
    pub const USERS: [Op; 4] = [Op::Eq, Op::Le, Op::Ge, Op::Contains];
    /// What makes sense on text and ids.
    pub const TEXT: [Op; 6] = [Op::Eq, Op::Ne, Op::Contains, Op::NotContains, Op::StartsWith, Op::EndsWith];
    /// What makes sense on numbers.
    pub const ORDERED: [Op; 4] = [Op::Eq, Op::Ne, Op::Le, Op::Ge];
    /// What makes sense on a timestamp picked as a day: on or after it, on or before it.
    pub const DATES: [Op; 2] = [Op::Ge, Op::Le];

    pub fn token(self) -> &'static str {
        match self {
            Op::Eq => "==",
            Op::Ne => "!=",
            Op::Le => "<=",
            Op::Ge => ">=",
            Op::Contains => "=@",
            Op::NotContains => "!@",
            Op::StartsWith => "=^",
            Op::EndsWith => "=$",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Op::Eq => "is",
            Op::Ne => "is not",
            Op::Le => "at most",
            Op::Ge => "at least",
            Op::Contains => "contains",
            Op::NotContains => "does not contain",
            Op::StartsWith => "starts with",
            Op::EndsWith => "ends with",
        }
    }

    pub fn from_token(token: &str) -> Option<Op> {
        Op::ALL.into_iter().find(|op| op.token() == token)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Filter {
    pub field: String,
    pub op: Op,
    pub value: String,
}

impl Filter {
    /// `name=@team`
    pub fn encode(&self) -> String {
        format!("{}{}{}", self.field, self.op.token(), self.value)
    }

    /// Reads one item. The field is the text before the first operator; a value may itself
    /// contain operator characters (`name==a==b` filters on "a==b").
    pub fn parse(item: &str) -> Option<Filter> {
        let (at, op) = item
            .char_indices()
            .filter_map(|(i, _)| Some((i, Op::from_token(item.get(i..i + 2)?)?)))
            .next()?;
        let (field, value) = (&item[..at], &item[at + 2..]);
        let field_ok = !field.is_empty() && field.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        (field_ok && !value.is_empty()).then(|| Filter { field: field.to_owned(), op, value: value.to_owned() })
    }
}

/// The one `filterBy` parameter for several filters. Commas separate items on the wire, so a
/// value cannot hold one; `validate_value` says so before a filter is added.
pub fn encode_filters(filters: &[Filter]) -> String {
    filters.iter().map(Filter::encode).collect::<Vec<_>>().join(",")
}

/// The bound a day (`YYYY-MM-DD`, as a date input gives it) sets on a timestamp: its first
/// second for "on or after", its last for "on or before", in the zone whose offset (minutes
/// east of UTC) `offset` gives at an instant, written as the UTC instant the API compares.
pub fn day_bound(op: Op, day: &str, offset: impl Fn(i64) -> i64) -> Option<String> {
    let time = match op {
        Op::Ge => "00:00:00",
        Op::Le => "23:59:59",
        _ => return None,
    };
    let b = day.as_bytes();
    let shaped = b.len() == 10 && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    let naive = parse_rfc3339(&format!("{day}T{time}Z")).filter(|_| shaped)?;
    Some(rfc3339(naive - offset(naive) * 60))
}

/// How an operator reads on a day: "on or after", "on or before".
pub fn day_op(op: Op) -> &'static str {
    if op == Op::Ge { "on or after" } else { "on or before" }
}

/// Why a filter value cannot be sent, if it cannot.
pub fn validate_value(value: &str) -> Option<&'static str> {
    if value.trim().is_empty() {
        Some("Enter a value to filter by.")
    } else if value.contains(',') {
        Some("Filter values cannot contain commas (the API separates filters with them).")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_bounds_in_the_zone_times_are_shown_in() {
        assert_eq!(day_bound(Op::Ge, "2025-03-12", |_| 0).as_deref(), Some("2025-03-12T00:00:00Z"));
        assert_eq!(day_bound(Op::Le, "2025-03-12", |_| 0).as_deref(), Some("2025-03-12T23:59:59Z"));
        // India, 5:30 ahead: its 12 March starts at 18:30 UTC on the 11th.
        assert_eq!(day_bound(Op::Ge, "2025-03-12", |_| 330).as_deref(), Some("2025-03-11T18:30:00Z"));
        // Nine and a half hours behind: the 31 December ends on 1 January in UTC.
        assert_eq!(day_bound(Op::Le, "2024-12-31", |_| -570).as_deref(), Some("2025-01-01T09:29:59Z"));
        for wrong in ["", "2025-3-12", "2025-03-1x", "2025-13-01", "2025-03-12T00"] {
            assert_eq!(day_bound(Op::Ge, wrong, |_| 0), None, "{wrong}");
        }
        assert_eq!(day_bound(Op::Eq, "2025-03-12", |_| 0), None, "only on or after, on or before");
    }
}
