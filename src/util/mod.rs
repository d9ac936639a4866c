//! Plain functions with no UI or network in them, unit-tested natively.

pub mod base;
pub mod time;
