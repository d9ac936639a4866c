//! Plain functions with no UI or network in them (`time` is unit-tested natively; `base`
//! reads the page's `<base href>`).

pub mod base;
pub mod time;
