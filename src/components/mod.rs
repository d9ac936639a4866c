//! The generic pieces every resource page is built from.

pub mod actions;
pub mod cell;
pub mod detail;
pub mod dialog;
pub mod export;
pub mod feed;
pub mod filter_bar;
pub mod form;
pub mod form_model;
pub mod quota_editor;
pub mod resource;
pub mod secret;
pub mod selection_keys;
pub mod latest;
pub mod list;
pub mod list_state;
pub mod list_view;
pub mod load;
pub mod network;
pub mod shell;
pub mod status;
pub mod table;
pub mod text_rules;
pub mod toast;
