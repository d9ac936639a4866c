//! Projects (`/api/v1/org-unit/projects`): paged `{projects, next}`, searchable; the list
//! and one record share the `Project` shape.

use super::json::{json_record, json_write};
use super::list::Paging;
use super::org::{Overtime, PoolQuotaStatus, Named, NodeTypes, QuotaEntry, QuotaStatus, SchedulingRules, TotalResources};
use super::resource::id_and_name;
use super::ApiResource;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Project {
    pub id: String,
    pub name: String,
    pub cluster_id: String,
    pub parent_id: Option<String>,
    pub parent: Option<Named>,
    pub requested_namespace: Option<String>,
    pub enforce_runai_scheduler: Option<bool>,
    pub description: Option<String>,
    pub status: Option<ProjectStatus>,
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
json_record!(Project { id: "id", name: "name", cluster_id: "clusterId", parent_id: "parentId", parent: "parent", requested_namespace: "requestedNamespace", enforce_runai_scheduler: "enforceRunaiScheduler", description: "description", status: "status", overtime: "overtimeData", total_resources: "totalResources", resources: "resources", scheduling_rules: "schedulingRules", default_node_pools: "defaultNodePools", node_types: "nodeTypes", created_at: "createdAt", updated_at: "updatedAt", created_by: "createdBy" });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProjectStatus {
    pub phase: Option<String>,
    pub phase_message: Option<String>,
    pub namespace: Option<String>,
    pub quota_status: Option<QuotaStatus>,
    pub pools: Vec<PoolQuotaStatus>,
}
json_record!(ProjectStatus { phase: "phase", phase_message: "phaseMessage", namespace: "namespace", quota_status: "quotaStatus", pools: "nodePoolQuotaStatuses" });

impl ApiResource for Project {
    const COLLECTION: &'static str = "/api/v1/org-unit/projects";
    const PAGING: Paging = Paging::Server;
    const SEARCHABLE: bool = true;
    const ITEMS: Option<&'static str> = Some("projects");
    const NEXT: bool = true;
    id_and_name!();
}

/// `ProjectCreationRequest` and `ProjectUpdateRequest`: the create-only fields are skipped
/// when absent, which is how an update is sent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProjectWrite {
    pub name: Option<String>,
    pub cluster_id: Option<String>,
    pub parent_id: Option<String>,
    pub requested_namespace: Option<String>,
    pub description: String,
    pub enforce_runai_scheduler: bool,
    pub resources: Vec<QuotaEntry>,
    pub scheduling_rules: Option<SchedulingRules>,
    pub default_node_pools: Option<Vec<String>>,
    pub node_types: Option<NodeTypes>,
}
json_write!(ProjectWrite { name: "name", cluster_id: "clusterId", parent_id: "parentId", requested_namespace: "requestedNamespace", description: "description", enforce_runai_scheduler: "enforceRunaiScheduler", resources: "resources", scheduling_rules: "schedulingRules", default_node_pools: "defaultNodePools", node_types: "nodeTypes" });
