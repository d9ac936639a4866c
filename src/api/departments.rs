//! Departments (`/api/v1/org-unit/departments`): paged `{departments, next}`. One record
//! adds what its projects add up to; `verbosity=verbose` adds the quota status to the list.

use super::json::{json_record, json_write};
use super::list::Paging;
use super::org::{Named, NodeTypes, Overtime, QuotaEntry, QuotaStatus, SchedulingRules, TotalResources};
use super::resource::id_and_name;
use super::ApiResource;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Department {
    pub id: String,
    pub name: String,
    pub cluster_id: String,
    pub description: Option<String>,
    pub children: Option<Vec<Named>>,
    pub status: Option<DepartmentStatus>,
    pub overtime: Option<Overtime>,
    pub total_resources: Option<TotalResources>,
    pub resources: Vec<QuotaEntry>,
    pub scheduling_rules: Option<SchedulingRules>,
    pub default_node_pools: Option<Vec<String>>,
    pub node_types: Option<NodeTypes>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub created_by: Option<String>,
}
json_record!(Department { id: "id", name: "name", cluster_id: "clusterId", description: "description", children: "children", status: "status", overtime: "overtimeData", total_resources: "totalResources", resources: "resources", scheduling_rules: "schedulingRules", default_node_pools: "defaultNodePools", node_types: "nodeTypes", created_at: "createdAt", updated_at: "updatedAt", created_by: "createdBy" });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DepartmentStatus {
    pub quota_status: Option<QuotaStatus>,
}
json_record!(DepartmentStatus { quota_status: "quotaStatus" });

impl ApiResource for Department {
    const COLLECTION: &'static str = "/api/v1/org-unit/departments";
    const PAGING: Paging = Paging::Server;
    const ITEMS: Option<&'static str> = Some("departments");
    const NEXT: bool = true;
    // The list's quota status (what the department holds) comes only when asked for.
    const READS: &'static [(&'static str, &'static str)] = &[("verbosity", "verbose")];
    id_and_name!();
}

/// `DepartmentCreationRequest` and `DepartmentUpdateRequest` (without name and cluster).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DepartmentWrite {
    pub name: Option<String>,
    pub cluster_id: Option<String>,
    pub description: String,
    pub resources: Vec<QuotaEntry>,
    pub scheduling_rules: Option<SchedulingRules>,
    pub default_node_pools: Option<Vec<String>>,
    pub node_types: Option<NodeTypes>,
}
json_write!(DepartmentWrite { name: "name", cluster_id: "clusterId", description: "description", resources: "resources", scheduling_rules: "schedulingRules", default_node_pools: "defaultNodePools", node_types: "nodeTypes" });
