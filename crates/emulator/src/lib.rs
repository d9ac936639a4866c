//! A local, stateful stand-in for the NVIDIA Run:ai control plane. It follows the Run:ai
//! OpenAPI document (vendored as `openapi.json`) for every operation it serves, issues and
//! enforces JWT bearer tokens, and can serve a built console at `/`.

pub mod assets;
pub mod policies;
pub mod auth;
pub mod authz;
pub mod contract;
pub mod datavolumes;
pub mod faults;
pub mod http;
pub mod listing;
pub mod org;
pub mod records;
pub mod routes;
pub mod served;
pub mod tenant;
pub mod time;
pub mod web;
pub mod workloads;

use axum::http::{header, HeaderValue, Method};
use axum::response::Response;
use axum::routing::{any, post};
use axum::Router;
use std::net::SocketAddr;
use std::ops::Deref;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tenant::Tenant;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};

pub use tenant::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, VIEWER_CLIENT_ID, VIEWER_CLIENT_SECRET};

/// How to run an emulator.
#[derive(Clone, Debug)]
pub struct Options {
    /// Loopback port; 0 picks a free one.
    pub port: u16,
    /// A built console (`dist/`) to serve at `/`.
    pub dist: Option<PathBuf>,
    /// Lifetime of issued tokens, in seconds.
    pub token_ttl: i64,
    /// Origins allowed to call the API from a browser (CORS).
    pub allow_origins: Vec<String>,
    /// Serve `POST /api/v2/token`; off, it answers 404 like control planes that predate it.
    pub v2_token: bool,
    /// Grow the demo tenant to at least this many projects, nodes and workloads (for benchmarks).
    pub scale: usize,
    /// Simulated seconds per real second for the workloads' scheduler.
    pub speed: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options { port: 0, dist: None, token_ttl: 3600, allow_origins: Vec::new(), v2_token: true, scale: 0, speed: 1.0 }
    }
}

/// Shared state of a running emulator.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub tenant: Mutex<Tenant>,
    /// The key tokens are signed with; replacing it revokes every token issued so far.
    pub jwt_key: Mutex<Vec<u8>>,
    pub token_ttl: i64,
    /// Tokens issued so far, for tests that check renewal.
    pub tokens_issued: AtomicU32,
    /// Failures to answer with instead of the real thing (fault injection for tests).
    pub faults: Mutex<Vec<faults::Fault>>,
    /// The API requests received, as "METHOD /path?query" (for benchmarks and tests).
    pub requests: Mutex<faults::RequestLog>,
}

impl Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(token_ttl: i64, scale: usize) -> Self {
        AppState(Arc::new(Inner {
            tenant: Mutex::new(Tenant::seed(scale)),
            jwt_key: Mutex::new(random_key()),
            token_ttl,
            tokens_issued: AtomicU32::new(0),
            faults: Mutex::new(Vec::new()),
            requests: Mutex::new(faults::RequestLog::default()),
        }))
    }

    /// A token for a local user's e-mail and password, if they match.
    pub fn grant_user(&self, username: &str, password: &str) -> Option<String> {
        let mut tenant = self.tenant.lock().unwrap();
        let user = tenant.users.iter_mut().find(|u| u.is_local && u.username.eq_ignore_ascii_case(username) && u.password == password)?;
        user.last_login = Some(time::now_secs());
        let subject = user.username.clone();
        self.tokens_issued.fetch_add(1, Ordering::SeqCst);
        let key = self.jwt_key.lock().unwrap();
        Some(auth::issue(&key, &subject, time::now_secs(), self.token_ttl))
    }

    /// Makes every token issued so far invalid (as a key rotation or revocation would).
    pub fn revoke_all_tokens(&self) {
        *self.jwt_key.lock().unwrap() = random_key();
    }

    /// A token for these client credentials, if they are valid.
    pub fn grant(&self, client_id: &str, secret: &str) -> Option<String> {
        let tenant = self.tenant.lock().unwrap();
        let subject = tenant.authenticate(client_id, secret)?;
        self.tokens_issued.fetch_add(1, Ordering::SeqCst);
        let key = self.jwt_key.lock().unwrap();
        Some(auth::issue(&key, &subject, time::now_secs(), self.token_ttl))
    }
}

/// A signing key nobody outside this process knows, so forged tokens fail; no RNG crate needed.
fn random_key() -> Vec<u8> {
    use std::hash::{BuildHasher, Hasher};
    (0..4)
        .flat_map(|i| {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u64(i ^ time::now_secs() as u64 ^ u64::from(std::process::id()));
            h.finish().to_le_bytes()
        })
        .collect()
}

/// The whole application: API routes, the console when `dist` is set, CORS and compression.
pub fn app(options: &Options, state: AppState) -> Router {
    let mut api = Router::new().route("/api/v1/token", post(auth::token_v1));
    if options.v2_token {
        api = api.route("/api/v2/token", post(auth::token_v2));
    }
    let api = api
        .merge(routes::clusters::routes())
        .merge(routes::access::routes())
        .merge(routes::users::routes())
        .merge(routes::keys::routes())
        .merge(routes::departments::routes())
        .merge(routes::projects::routes())
        .merge(routes::nodepools::routes())
        .merge(routes::workloads::routes())
        .merge(routes::assets::routes())
        .merge(routes::policies::routes())
        .merge(routes::datavolumes::routes())
        .merge(routes::metrics::routes())
        .merge(routes::telemetry::routes())
        .route("/api/{*rest}", any(unknown_api_path))
        .route("/v1/{*rest}", any(unknown_api_path))
        .layer(axum::middleware::from_fn_with_state(state.clone(), contract::guard))
        .layer(axum::middleware::from_fn_with_state(state.clone(), faults::inject))
        .with_state(state);
    let app = match &options.dist {
        Some(dir) => api.merge(web::console(dir)),
        None => api,
    };
    let app = app.layer(CompressionLayer::new());
    if options.allow_origins.is_empty() {
        return app;
    }
    let origins = options.allow_origins.iter().filter_map(|o| HeaderValue::from_str(o).ok());
    app.layer(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_methods([Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE])
            .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
            .max_age(Duration::from_secs(600)),
    )
}

async fn unknown_api_path() -> Response {
    http::unserved()
}

/// A running emulator; it stops when dropped.
pub struct Running {
    pub addr: SocketAddr,
    pub state: AppState,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// `http://127.0.0.1:<port>`
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Starts an emulator on loopback in the current tokio runtime.
pub async fn spawn(options: Options) -> std::io::Result<Running> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", options.port)).await?;
    let addr = listener.local_addr()?;
    let state = AppState::new(options.token_ttl, options.scale);
    state.tenant.lock().unwrap().workloads.speed = options.speed;
    let app = app(&options, state.clone());
    let task = tokio::spawn(async move {
        axum::serve(listener, app).await.expect("the emulator's server failed");
    });
    Ok(Running { addr, state, task })
}
