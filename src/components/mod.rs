//! The generic pieces every resource page is built from.

pub mod cell;
pub mod detail;
pub mod list;
pub mod shell;
pub mod status;
pub mod table;
