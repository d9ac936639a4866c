//! One module per resource group of the Run:ai API, each adding its routes to the router.

pub mod access;
pub mod assets;
pub mod policies;
pub mod clusters;
pub mod collection;
pub mod datavolumes;
pub mod departments;
pub mod keys;
pub mod metrics;
pub mod nodepools;
pub mod projects;
pub mod telemetry;
pub mod users;
pub mod workloads;
