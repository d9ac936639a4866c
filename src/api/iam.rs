//! Identity and access: users (`/api/v1/users`, a bare array paged with `offset`/`limit`),
//! service accounts (a bare array), access rules (`{totalRecords, displayRecords, accessRules}`,
//! int32 ids) and roles (a bare array, read-only).

use super::json::{json_record, json_write, FromJson};
use super::authorization::Permission;
use super::list::Paging;
use super::ApiResource;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct User {
    pub id: String,
    pub username: String,
    pub created_by: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub last_login: Option<String>,
    pub is_local: Option<bool>,
    pub groups: Option<Vec<String>>,
    /// Only in the answer to creating a user: shown once, never kept.
    pub temp_password: Option<String>,
}
json_record!(User { id: "id", username: "username", created_by: "createdBy", created_at: "createdAt", updated_at: "updatedAt", last_login: "lastLogin", is_local: "isLocal", groups: "groups", temp_password: "tempPassword" });

impl ApiResource for User {
    const COLLECTION: &'static str = "/api/v1/users";
    const PAGING: Paging = Paging::Server;
    const SEARCHABLE: bool = true;
    fn id(&self) -> String {
        self.id.clone()
    }
    fn name(&self) -> String {
        self.username.clone()
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServiceAccount {
    pub id: String,
    pub name: String,
    pub client_id: Option<String>,
    pub enabled: Option<bool>,
    pub created_by: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub last_login: Option<String>,
    /// Only in the answers to creating one and regenerating its secret: shown once.
    /// (Deprecated applications call it `secret`.)
    pub client_secret: Option<String>,
}
json_record!(ServiceAccount { id: "id", name: "name", client_id: "clientId", enabled: "enabled", created_by: "createdBy", created_at: "createdAt", updated_at: "updatedAt", last_login: "lastLogin", client_secret: "clientSecret" | "secret" });

impl AsRef<ServiceAccount> for ServiceAccount {
    fn as_ref(&self) -> &ServiceAccount {
        self
    }
}

/// A deprecated application: a service account by its old name, at `/api/v1/apps`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct App(pub ServiceAccount);

impl FromJson for App {
    fn from_json(value: &serde_json::Value) -> Self {
        App(ServiceAccount::from_json(value))
    }
}

impl AsRef<ServiceAccount> for App {
    fn as_ref(&self) -> &ServiceAccount {
        &self.0
    }
}

impl ApiResource for App {
    const COLLECTION: &'static str = "/api/v1/apps";
    const PAGING: Paging = Paging::None;
    const PATCH: bool = true;
    fn id(&self) -> String {
        self.0.id.clone()
    }
    fn name(&self) -> String {
        self.0.name.clone()
    }
}

/// A personal access key: client credentials that act as the user who made them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AccessKey {
    pub id: String,
    pub name: String,
    pub client_id: String,
    pub created_at: Option<String>,
    pub last_login: Option<String>,
    /// The owner; in the administration view only.
    pub created_by: Option<String>,
    /// Only in the answer to creating a key: shown once.
    pub client_secret: Option<String>,
}
json_record!(AccessKey { id: "id", name: "name", client_id: "clientId", created_at: "createdAt", last_login: "lastLogin", created_by: "createdBy", client_secret: "clientSecret" });

impl ApiResource for AccessKey {
    const COLLECTION: &'static str = "/api/v1/access-keys";
    const PAGING: Paging = Paging::None;
    const ITEMS: Option<&'static str> = Some("accessKeys");
    fn id(&self) -> String {
        self.id.clone()
    }
    fn name(&self) -> String {
        self.name.clone()
    }
}

/// Everyone's access keys (`/api/v1/administration/access-keys`), for administrators.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnyAccessKey(pub AccessKey);

impl FromJson for AnyAccessKey {
    fn from_json(value: &serde_json::Value) -> Self {
        AnyAccessKey(AccessKey::from_json(value))
    }
}

impl ApiResource for AnyAccessKey {
    const COLLECTION: &'static str = "/api/v1/administration/access-keys";
    const PAGING: Paging = Paging::None;
    const ITEMS: Option<&'static str> = Some("accessKeys");
    fn id(&self) -> String {
        self.0.id.clone()
    }
    fn name(&self) -> String {
        self.0.name.clone()
    }
}

impl ApiResource for ServiceAccount {
    const COLLECTION: &'static str = "/api/v1/service-accounts";
    const PAGING: Paging = Paging::None;
    const PATCH: bool = true;
    fn id(&self) -> String {
        self.id.clone()
    }
    fn name(&self) -> String {
        self.name.clone()
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AccessRule {
    pub id: i64,
    pub subject_id: String,
    pub subject_type: String,
    pub role_id: i64,
    pub role_name: String,
    pub scope_id: String,
    pub scope_type: String,
    pub scope_name: String,
    pub cluster_id: Option<String>,
    pub created_by: Option<String>,
    pub created_at: Option<String>,
    pub scope_path: Option<String>,
}
json_record!(AccessRule { id: "id", subject_id: "subjectId", subject_type: "subjectType", role_id: "roleId", role_name: "roleName", scope_id: "scopeId", scope_type: "scopeType", scope_name: "scopeName", cluster_id: "clusterId", created_by: "createdBy", created_at: "createdAt", scope_path: "scopePath" });

impl ApiResource for AccessRule {
    const COLLECTION: &'static str = "/api/v1/authorization/access-rules";
    const PAGING: Paging = Paging::Server;
    const SEARCHABLE: bool = true;
    const ITEMS: Option<&'static str> = Some("accessRules");
    fn id(&self) -> String {
        self.id.to_string()
    }
    fn name(&self) -> String {
        format!("{} as {} in {}", self.subject_id, self.role_name, self.scope_name)
    }
}

/// `AccessRuleCreationFields`.
#[derive(Clone, Debug, PartialEq)]
pub struct AccessRuleWrite {
    pub subject_id: String,
    pub subject_type: String,
    pub role_id: i64,
    pub scope_id: String,
    pub scope_type: String,
}
json_write!(AccessRuleWrite { subject_id: "subjectId", subject_type: "subjectType", role_id: "roleId", scope_id: "scopeId", scope_type: "scopeType" });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Role {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub permissions: Vec<Permission>,
    pub custom: bool,
    pub enabled: Option<bool>,
    pub created_by: Option<String>,
    pub updated_at: Option<String>,
}
json_record!(Role { id: "id", name: "name", description: "description", permissions: "permissions", custom: "custom", enabled: "enabled", created_by: "createdBy", updated_at: "updatedAt" });

impl ApiResource for Role {
    const COLLECTION: &'static str = "/api/v1/authorization/roles";
    const PAGING: Paging = Paging::None;
    fn id(&self) -> String {
        self.id.to_string()
    }
    fn name(&self) -> String {
        self.name.clone()
    }
}

/// `GET /api/v1/authorization/me/access-rules`: nested one level deeper than the list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MyAccessRules {
    pub access_rules: MyAccessRulesPage,
}
json_record!(MyAccessRules { access_rules: "accessRules" });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct MyAccessRulesPage {
    pub total_records: u64,
    pub access_rules: Vec<AccessRule>,
}
json_record!(MyAccessRulesPage { total_records: "totalRecords", access_rules: "accessRules" });

/// Machine identities whose secret can be regenerated and which can be turned off: service
/// accounts and the deprecated applications, which differ only in where the API keeps them.
pub trait Credentialed: ApiResource + AsRef<ServiceAccount> {}
impl Credentialed for ServiceAccount {}
impl Credentialed for App {}

impl super::Api {
    /// `POST /api/v1/users/{id}/password`: a new temporary password, to show once.
    pub async fn reset_password(self, user_id: &str) -> Result<String, super::ApiError> {
        let path = format!("{}/{}/password", User::COLLECTION, super::query::encode_component(user_id));
        let answer: serde_json::Value = self.write(super::Method::POST, &path, None).await?;
        self.text_field(&answer, &["tempPassword"])
    }

    /// `POST /api/v1/users/{id}/logout`: ends the user's sessions.
    pub async fn force_sign_out(self, user_id: &str) -> Result<(), super::ApiError> {
        let path = format!("{}/{}/logout", User::COLLECTION, super::query::encode_component(user_id));
        self.write_ignoring_body(super::Method::POST, &path, None).await
    }

    /// `POST <collection>/{id}/secret`: a new client secret, to show once; the old one stops
    /// working.
    pub async fn regenerate_secret<R: Credentialed>(self, id: &str) -> Result<String, super::ApiError> {
        let path = format!("{}/{}/secret", R::COLLECTION, super::query::encode_component(id));
        let answer: serde_json::Value = self.write(super::Method::POST, &path, None).await?;
        self.text_field(&answer, &["clientSecret", "secret"])
    }

    /// `PATCH <collection>/{id}` with `{"enabled": on}`.
    pub async fn set_enabled<R: Credentialed>(self, id: &str, on: bool) -> Result<(), super::ApiError> {
        let path = format!("{}/{}", R::COLLECTION, super::query::encode_component(id));
        self.write_ignoring_body(super::Method::PATCH, &path, Some(format!(r#"{{"enabled":{on}}}"#))).await
    }
}
