//! The registry: every place the console shows, in navigation order. A resource type is one
//! module implementing `Resource` plus one `entry::<Type>()` line here; routes, navigation,
//! breadcrumbs, links and permission gating follow from it.

pub mod access_keys;
pub mod access_rules;
pub mod asset_forms;
pub mod assets;
pub mod clusters;
pub mod datavolumes;
pub mod departments;
pub mod my_access;
pub mod policies;
pub mod nodepools;
pub mod nodes;
pub mod org;
pub mod projects;
pub mod quota_field;
pub mod roles;
pub mod service_accounts;
pub mod users;
pub mod workload_assets;
pub mod workload_form;
pub mod workload_views;
pub mod workloads;

use crate::api::clusters::Cluster;
use crate::api::departments::Department;
use crate::api::iam::{AccessKey, AccessRule, AnyAccessKey, App, Role, ServiceAccount, User};
use crate::api::nodepools::NodePool;
use crate::api::nodes::Node;
use crate::api::projects::Project;
use crate::api::workloads::Workload;
pub use crate::components::resource::ResourceEntry;
use crate::components::resource::entry;

pub static REGISTRY: &[ResourceEntry] = &[
    entry::<Workload>(),
    assets::entry::<0>(),
    assets::entry::<1>(),
    assets::entry::<2>(),
    datavolumes::ENTRY,
    assets::entry::<3>(),
    assets::entry::<4>(),
    policies::ENTRY,
    entry::<Cluster>(),
    entry::<NodePool>(),
    entry::<Node>(),
    entry::<Department>(),
    entry::<Project>(),
    crate::pages::quota::ENTRY,
    entry::<User>(),
    entry::<ServiceAccount>(),
    entry::<App>(),
    entry::<AccessRule>(),
    entry::<Role>(),
    my_access::ENTRY,
    entry::<AccessKey>(),
    entry::<AnyAccessKey>(),
];

pub fn find(slug: &str) -> Option<&'static ResourceEntry> {
    REGISTRY.iter().find(|entry| entry.slug == slug)
}
