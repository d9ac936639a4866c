//! The emulated tenant: its records, seeded deterministically, and the access checks on them.
//! Records are kept as the emulator's own structs, not the console's models, so that a wrong
//! field name cannot hide by being wrong on both sides; responses are checked against the
//! OpenAPI document in the tests.

use crate::authz::{seed_roles, AccessRule, Directory, Role};
use crate::org::Org;
pub use crate::records::{AccessKey, Cluster, ServiceAccount, User, TENANT_ID};

pub const DEMO_CLIENT_ID: &str = "demo-admin";
pub const DEMO_CLIENT_SECRET: &str = "demo-admin-secret";

#[derive(Debug)]
pub struct Tenant {
    pub clusters: Vec<Cluster>,
    pub service_accounts: Vec<ServiceAccount>,
    pub roles: Vec<Role>,
    pub access_rules: Vec<AccessRule>,
    pub users: Vec<User>,
    pub access_keys: Vec<AccessKey>,
    pub org: Org,
    pub workloads: crate::workloads::Workloads,
    pub assets: Vec<crate::assets::Asset>,
    pub policies: Vec<crate::policies::Policy>,
    pub datavolumes: Vec<crate::datavolumes::DataVolume>,
    /// The workloads' generation the organization's allocation was last computed at.
    pub allocated_at: u64,
    /// Counter behind generated ids, secrets and passwords (deterministic per run).
    pub serial: u64,
}

pub const VIEWER_CLIENT_ID: &str = "demo-viewer";
pub const VIEWER_CLIENT_SECRET: &str = "demo-viewer-secret";
/// The department whose viewer `demo-viewer` is.
pub const VIEWER_DEPARTMENT: &str = "ml-research";

/// 2025-03-12T09:14:00Z: the seed's "founding day"; later records are offset from it.
const SEED_EPOCH: i64 = 1_741_770_840;

impl Tenant {
    /// The demo tenant. Same input, same tenant: ids and timestamps are fixed.
    pub fn seed(scale: usize) -> Self {
        let clusters = vec![
            Cluster {
                uuid: "3f8a1c52-7d4e-4b2a-9c61-0e5d2b8f4a17".into(),
                name: "prod-dgx".into(),
                domain: Some("https://prod-dgx.gpu.example.com".into()),
                version: Some("2.24.31".into()),
                created_at: SEED_EPOCH,
                state: "Connected",
                platform: "vanilla",
                kube_version: "v1.30.4",
                unready_operands: vec![],
                liveness_age: Some(12),
            },
            Cluster {
                uuid: "b27e90d4-1c3f-4e8a-a5d6-7f2c4e9b1d30".into(),
                name: "research-ocp".into(),
                domain: Some("https://research.ocp.example.com".into()),
                version: Some("2.23.18".into()),
                created_at: SEED_EPOCH + 41 * 86_400 + 3_600 * 5,
                state: "ServiceIssues",
                platform: "openshift",
                kube_version: "v1.29.8",
                unready_operands: vec!["metrics-exporter"],
                liveness_age: Some(47),
            },
        ];
        let account = |n: u64, client_id: &str, secret: &str| ServiceAccount {
            id: format!("8c1f0d2e-5b7a-4c39-9e4d-{n:012x}"),
            name: client_id.into(),
            client_id: client_id.into(),
            secret: secret.into(),
            enabled: true,
            legacy: false,
            created_by: "admin@example.com".into(),
            created_at: SEED_EPOCH + n as i64 * 3_600,
            updated_at: SEED_EPOCH + n as i64 * 3_600,
            last_login: None,
        };
        let service_accounts = vec![account(1, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET), account(2, VIEWER_CLIENT_ID, VIEWER_CLIENT_SECRET)];
        let user = |n: u64, username: &str, is_local: bool, groups: &[&str]| User {
            id: format!("5d2e7a10-3c4b-4f6e-8a9d-{n:012x}"),
            username: username.into(),
            created_by: if is_local { "admin@example.com".into() } else { "SSO".into() },
            created_at: SEED_EPOCH + n as i64 * 86_400,
            updated_at: SEED_EPOCH + n as i64 * 86_400,
            last_login: (n % 2 == 1).then_some(SEED_EPOCH + 200 * 86_400 + n as i64 * 3_600),
            is_local,
            groups: groups.iter().map(|g| g.to_string()).collect(),
            password: format!("seeded-{n}"),
        };
        let users = vec![
            user(1, "admin@example.com", true, &[]),
            user(2, "alice@example.com", false, &["ml-researchers"]),
            user(3, "bob@example.com", false, &["ml-researchers", "platform"]),
            user(4, "carol@example.com", true, &[]),
        ];
        let org = crate::org::seed::seed(&clusters, scale);
        let unit = |name: &str| org.departments.iter().chain(&org.projects).find(|u| crate::org::str_of(u, "name") == name).map(|u| crate::org::str_of(u, "id").to_owned()).unwrap_or_default();
        let rule = |id: i32, subject_type: &'static str, subject: &str, role_id: i32, scope_type: &'static str, scope_id: String| AccessRule {
            id,
            subject_type,
            subject_id: subject.into(),
            role_id,
            scope_type,
            scope_id,
            cluster_id: (scope_type != "tenant").then(|| clusters[0].uuid.clone()),
            created_by: "admin@example.com".into(),
            created_at: SEED_EPOCH + id as i64 * 3_600,
        };
        let access_rules = vec![
            rule(1, "service-account", DEMO_CLIENT_ID, 1, "tenant", TENANT_ID.to_string()),
            rule(2, "service-account", VIEWER_CLIENT_ID, 7, "department", unit(VIEWER_DEPARTMENT)),
            rule(3, "user", "admin@example.com", 1, "tenant", TENANT_ID.to_string()),
            rule(4, "user", "alice@example.com", 4, "project", unit("vision")),
            rule(5, "group", "ml-researchers", 6, "department", unit("ml-research")),
        ];
        let workloads = crate::workloads::seed::seed(&org, scale, 1.0);
        let assets = crate::assets::seed::seed(&org, &clusters);
        let policies = crate::policies::seed(&org, &clusters);
        let datavolumes = crate::datavolumes::seed(&org, SEED_EPOCH + 200 * 86_400);
        Tenant { clusters, service_accounts, roles: seed_roles(), access_rules, users, access_keys: Vec::new(), org, workloads, assets, policies, datavolumes, allocated_at: 0, serial: 100 }
    }

    /// Runs the workloads' scheduler up to now; the simulated now.
    pub fn settle(&mut self) -> i64 {
        let now = self.workloads.now();
        self.workloads.advance(&self.org, now);
        for w in &mut self.workloads.items {
            w.observed = now;
        }
        if self.allocated_at != self.workloads.generation {
            self.allocated_at = self.workloads.generation;
            let (mut held, mut waiting) = (std::collections::HashMap::new(), std::collections::HashMap::new());
            let add = |into: &mut crate::org::Holdings, key, w: &crate::workloads::Workload| {
                let sum: &mut [f64; 3] = into.entry(key).or_default();
                sum.iter_mut().zip(w.demand()).for_each(|(s, d)| *s += d);
            };
            for w in &self.workloads.items {
                if w.phase.holds_gpus() {
                    add(&mut held, (w.project_id.clone(), w.pool.clone().unwrap_or_default()), w);
                } else if w.phase == crate::workloads::Phase::Pending {
                    // Demand waits on the pool it prefers (the cluster's default when it names none).
                    let pool = w.node_pools.first().map_or("default", String::as_str).to_owned();
                    add(&mut waiting, (w.project_id.clone(), pool), w);
                }
            }
            self.org.set_allocation(&held, &waiting);
        }
        now
    }

    /// A fresh, unguessable-enough string for ids, secrets and temporary passwords.
    pub fn fresh(&mut self, kind: &str) -> String {
        use std::hash::{BuildHasher, Hasher};
        self.serial += 1;
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(self.serial);
        match kind {
            "uuid" => {
                let (a, b) = (h.finish(), self.serial);
                format!("{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xfff, b & 0xfff, a & 0xffff_ffff_ffff)
            }
            _ => format!("{:016x}{:016x}", h.finish(), h.finish().rotate_left(17) ^ self.serial),
        }
    }

    /// The subject that these client credentials act as: an enabled service account (or
    /// application) by its client id, or an access key's owner.
    pub fn authenticate(&self, client_id: &str, secret: &str) -> Option<String> {
        let account = self.service_accounts.iter().find(|sa| sa.enabled && sa.client_id == client_id && constant_time_eq(&sa.secret, secret));
        let key = || self.access_keys.iter().find(|k| k.client_id == client_id && constant_time_eq(&k.secret, secret));
        account.map(|a| a.client_id.clone()).or_else(|| key().map(|k| k.owner.clone()))
    }

}

impl Directory for Tenant {
    fn access_rules(&self) -> &[AccessRule] {
        &self.access_rules
    }
    fn roles(&self) -> &[Role] {
        &self.roles
    }
    fn groups_of(&self, subject: &str) -> Vec<&str> {
        self.users.iter().filter(|u| u.username == subject).flat_map(|u| u.groups.iter().map(String::as_str)).collect()
    }
    fn cluster_of_unit(&self, id: &str) -> Option<String> {
        let org = &self.org;
        Org::find(&org.departments, id).or_else(|| Org::find(&org.projects, id)).map(|u| crate::org::str_of(u, "clusterId").to_owned())
    }
}

/// Comparison whose time does not depend on where the strings first differ.
fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
