//! The emulator as a host of the console: static files, client-route fallback, content types,
//! compression, security headers, and CORS for a console served elsewhere.

use runai_emulator::{spawn, Options};
use std::path::PathBuf;

fn temp_dist() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("runai-emulator-dist-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<html><script type=\"module\">boot()</script></html>").unwrap();
    std::fs::write(dir.join("app_bg.wasm"), vec![0u8; 4096]).unwrap();
    dir
}

#[tokio::test]
async fn serves_the_console_with_a_fallback_for_client_routes() {
    let emulator = spawn(Options { dist: Some(temp_dist()), ..Options::default() }).await.unwrap();
    let http = reqwest::Client::new();

    let page = http.get(format!("{}/clusters/3f8a1c52", emulator.url())).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("'wasm-unsafe-eval'"), "{csp}");
    assert!(csp.contains("'sha256-"), "the inline loader is allowed by hash: {csp}");
    assert_eq!(page.headers()["x-content-type-options"], "nosniff");
    assert!(page.text().await.unwrap().contains("boot()"));

    let wasm = http.get(format!("{}/app_bg.wasm", emulator.url())).header("accept-encoding", "gzip").send().await.unwrap();
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    assert_eq!(wasm.headers()["content-encoding"], "gzip");

    for path in ["/api/v1/no-such-thing", "/v1/no-such-thing", "/v1/k8s/nope"] {
        let api = http.get(format!("{}{path}", emulator.url())).send().await.unwrap();
        assert_eq!(api.status(), 404, "unknown API paths are not the console: {path}");
        assert_eq!(api.headers()["content-type"], "application/json", "{path}");
    }
}

/// Run:ai's documented first call: the legacy administrator API's cluster list.
#[tokio::test]
async fn the_documented_curl_example_answers_with_the_clusters() {
    let emulator = spawn(Options { dist: Some(temp_dist()), ..Options::default() }).await.unwrap();
    let http = reqwest::Client::new();
    let url = format!("{}/v1/k8s/clusters", emulator.url());
    assert_eq!(http.get(&url).send().await.unwrap().status(), 401, "the token is enforced");
    let token = emulator.state.grant(runai_emulator::DEMO_CLIENT_ID, runai_emulator::DEMO_CLIENT_SECRET).unwrap();
    let answer = http.get(&url).bearer_auth(token).send().await.unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.headers()["content-type"], "application/json");
    let clusters: serde_json::Value = answer.json().await.unwrap();
    let names: Vec<&str> = clusters.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["prod-dgx", "research-ocp"]);
}

#[tokio::test]
async fn answers_cors_preflights_for_allowed_origins_only() {
    let options = Options { allow_origins: vec!["http://console.example".into()], ..Options::default() };
    let emulator = spawn(options).await.unwrap();
    let http = reqwest::Client::new();
    let preflight = |origin: &'static str| {
        http.request(reqwest::Method::OPTIONS, format!("{}/api/v2/token", emulator.url()))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
    };
    let allowed = preflight("http://console.example").await.unwrap();
    assert!(allowed.status().is_success());
    assert_eq!(allowed.headers()["access-control-allow-origin"], "http://console.example");
    let other = preflight("http://evil.example").await.unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
}
