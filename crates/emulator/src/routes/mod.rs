//! One module per resource group of the Run:ai API, each adding its routes to the router.

pub mod authorization;
pub mod clusters;
pub mod departments;
pub mod nodepools;
pub mod projects;
