//! Projects (`/api/v1/org-unit/projects`): paged `{projects, next}`, searchable; the list
//! and one record share the `Project` shape.

use super::list::Paging;
use super::org::{Named, NodeTypes, QuotaEntry, QuotaStatus, SchedulingRules, TotalResources};
use super::resource::id_and_name;
use super::ApiResource;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
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
    pub total_resources: Option<TotalResources>,
    pub resources: Vec<QuotaEntry>,
    pub scheduling_rules: Option<SchedulingRules>,
    pub default_node_pools: Option<Vec<String>>,
    pub node_types: Option<NodeTypes>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub created_by: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct ProjectStatus {
    pub phase: Option<String>,
    pub phase_message: Option<String>,
    pub namespace: Option<String>,
    pub quota_status: Option<QuotaStatus>,
}

#[derive(Deserialize)]
pub struct ProjectList {
    projects: Vec<Project>,
    next: Option<u32>,
}

impl ApiResource for Project {
    const COLLECTION: &'static str = "/api/v1/org-unit/projects";
    const PAGING: Paging = Paging::Server;
    const SEARCHABLE: bool = true;
    type ListAnswer = ProjectList;

    fn unwrap_list(answer: ProjectList) -> (Vec<Project>, Option<bool>) {
        (answer.projects, Some(answer.next.is_some()))
    }
    id_and_name!();
}

/// `ProjectCreationRequest` and `ProjectUpdateRequest`: the create-only fields are skipped
/// when absent, which is how an update is sent.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ProjectWrite {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requested_namespace: Option<String>,
    pub description: String,
    pub enforce_runai_scheduler: bool,
    pub resources: Vec<QuotaEntry>,
    pub scheduling_rules: Option<SchedulingRules>,
    pub default_node_pools: Option<Vec<String>>,
    pub node_types: Option<NodeTypes>,
}
