//! The hosting kit, proved with the server operators would use: nginx (Debian's, started as a
//! normal process on a loopback port) renders `deploy/nginx/` in front of the emulator, which
//! serves the API only. The console is signed into and used through it, deep links and
//! reloads included, and every kind of answer carries the headers the kit promises.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::pages::ListPage;
use support::Browser;

struct Nginx {
    child: Child,
    origin: String,
    _prefix: tempdir::Dir,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

mod tempdir {
    /// A directory removed when dropped.
    pub struct Dir(pub std::path::PathBuf);
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// nginx with the kit's configuration for `dist` served at `path`, proxying `/api/` to `upstream`.
fn nginx(upstream: &str, path: &str) -> Nginx {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let prefix = std::env::temp_dir().join(format!("console-nginx-{port}"));
    let render = Command::new("deploy/nginx/render.sh")
        .args([support::dist().to_str().unwrap(), prefix.to_str().unwrap(), &port.to_string(), upstream, path])
        .status()
        .unwrap();
    assert!(render.success(), "render.sh failed");
    let child = Command::new(std::env::var("NGINX").unwrap_or_else(|_| "/usr/sbin/nginx".into()))
        .args(["-p", prefix.to_str().unwrap(), "-c", "nginx.conf", "-g", "daemon off;"])
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("nginx is installed (make test installs it)");
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "nginx did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Nginx { child, origin: format!("http://127.0.0.1:{port}"), _prefix: tempdir::Dir(prefix) }
}

/// The status and headers of `GET origin+path`.
async fn head(origin: &str, path: &str) -> (u16, http::HeaderMap) {
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new()).build_http::<String>();
    let answer = client.get(format!("{origin}{path}").parse().unwrap()).await.unwrap();
    (answer.status().as_u16(), answer.headers().clone())
}

#[tokio::test]
async fn the_console_works_through_nginx_with_its_headers() {
    let mut b = Browser::default().await;
    let server = nginx(&b.emulator.url(), "/");
    b.origin = server.origin.clone();

    // A deep link, signed into through nginx: the API is reached on the same origin.
    b.open("/nodes").await;
    b.sign_in().await;
    ListPage::at(&b, "/nodes").wait_loaded().await;
    assert_eq!(b.path().await, "/nodes");
    b.wait_text("[data-testid=page-range]", "of 20").await;
    // A reload keeps the page (and asks to sign in again: the token lives in memory only).
    b.client.refresh().await.unwrap();
    b.sign_in().await;
    ListPage::at(&b, "/nodes").wait_loaded().await;
    assert_eq!(b.path().await, "/nodes");

    let index = std::fs::read_to_string(support::dist().join("index.html")).unwrap();
    // Assets are linked relative to the page's <base href>: "./name-hash.js".
    let asset = |ext: &str| index.split('"').find(|s| s.ends_with(ext) && s.starts_with("./")).map(|s| s[1..].to_owned());
    let wasm = asset(".wasm").expect("index.html names the wasm");
    let js = asset(".js").expect("index.html names the loader");
    for (path, cache) in [("/", "no-cache"), ("/projects/x", "no-cache"), (wasm.as_str(), "immutable"), (js.as_str(), "immutable")] {
        let (status, headers) = head(&server.origin, path).await;
        assert_eq!(status, 200, "{path}");
        let header = |name: &str| headers.get(name).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
        assert!(header("cache-control").contains(cache), "{path}: {headers:?}");
        assert!(header("content-security-policy").contains("frame-ancestors 'none'"), "{path}");
        for (name, value) in [("x-content-type-options", "nosniff"), ("referrer-policy", "no-referrer"), ("cross-origin-opener-policy", "same-origin")] {
            assert_eq!(header(name), value, "{path}");
        }
        assert!(header("strict-transport-security").starts_with("max-age="), "{path}");
        if path.ends_with(".wasm") {
            assert_eq!(header("content-type"), "application/wasm");
        }
    }
    // The CSP names the loader's hash exactly as the emulator computes it.
    let csp = head(&server.origin, "/").await.1["content-security-policy"].to_str().unwrap().to_owned();
    let expected = runai_emulator::web::content_security_policy(&index);
    let hash = |p: &str| p.split(' ').find(|w| w.starts_with("'sha256-")).map(str::to_owned);
    assert_eq!(hash(&csp), hash(&expected));
    // What make dist precompressed goes out as it is.
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new()).build_http::<String>();
    for encoding in ["gzip", "br"] {
        let request = http::Request::get(format!("{}{wasm}", server.origin)).header("accept-encoding", encoding).body(String::new()).unwrap();
        let answer = client.request(request).await.unwrap();
        assert_eq!(answer.headers().get("content-encoding").map(|v| v.to_str().unwrap()), Some(encoding), "{:?}", answer.headers());
    }
    // make dist wrote the same headers as a snippet to include elsewhere (connect-src 'self').
    let snippet = std::fs::read_to_string(support::dist().join("security-headers.conf")).expect("make dist writes the snippet");
    assert!(snippet.contains(&hash(&csp).unwrap()) && snippet.contains("connect-src 'self';"), "{snippet}");
    let served = head(&server.origin, "/security-headers.conf").await.1;
    assert!(served["content-type"].to_str().unwrap().starts_with("text/html"), "not among the served files: the client-route fallback answers");
    // The API through it: JSON and the same headers; no config.json is none, not index.html.
    let (status, headers) = head(&server.origin, "/api/v1/clusters").await;
    assert_eq!((status, headers["content-type"].to_str().unwrap()), (401, "application/json"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(head(&server.origin, "/config.json").await.0, 404);
    b.close().await;
}

#[tokio::test]
async fn under_a_path_the_console_runs_with_deep_links_and_reloads() {
    let mut b = Browser::default().await;
    let server = nginx(&b.emulator.url(), "/console/");
    b.origin = format!("{}/console", server.origin);

    // A deep link under the path, signed into; the API stays the origin's /api/.
    b.open("/nodes").await;
    b.sign_in().await;
    ListPage::at(&b, "/nodes").wait_loaded().await;
    assert_eq!(b.path().await, "/console/nodes");
    // Links and navigation stay under the path: the side navigation, a row's link.
    b.click("nav.sidenav a[href='/console/projects']").await;
    b.find("table.data-table a[href^='/console/projects/']").await;
    assert_eq!(b.path().await, "/console/projects");
    b.find("nav.sidenav a[aria-current=page][href='/console/projects']").await;
    b.click("table.data-table a[href^='/console/projects/']").await;
    b.find("section.detail nav.breadcrumb a[href='/console/projects']").await;
    let record = b.path().await;
    assert!(record.starts_with("/console/projects/"), "{record}");
    // A reload there keeps the page.
    b.client.refresh().await.unwrap();
    b.sign_in().await;
    b.find("section.detail").await;
    assert_eq!(b.path().await, record);
    // Its config.json is looked for under the path too (none here: a 404, not index.html).
    assert_eq!(head(&server.origin, "/console/config.json").await.0, 404);
    b.close().await;
}
