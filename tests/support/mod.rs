//! End-to-end harness: the emulator in-process serving the release `dist/`, and headless
//! Chromium driven over WebDriver. Locating, acting and asserting stay in small helpers so
//! the tests read as an operator's steps.

#![allow(dead_code)]

pub mod pages;

use fantoccini::elements::Element;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use runai_emulator::{spawn, Options, Running};
use serde_json::{json, Value};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub use runai_emulator::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

/// How long a step may take before the test fails (generous: CI machines are busy).
pub const PATIENCE: Duration = Duration::from_secs(20);

/// The release build the browser loads (`make test` builds it first); `CONSOLE_DIST`
/// points elsewhere, e.g. at a debug build when chasing a bug.
pub fn dist() -> PathBuf {
    let dist = std::env::var("CONSOLE_DIST").map_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"), PathBuf::from);
    assert!(dist.join("index.html").is_file(), "no release build in {}; run `make dist` first", dist.display());
    dist
}

pub struct Browser {
    pub client: Client,
    pub emulator: Running,
    /// Where the console is served: the emulator itself, or a server in front of it.
    pub origin: String,
    driver: Child,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Browser {
    /// An emulator with `options` serving the console, and a fresh headless Chromium.
    pub async fn start(options: Options) -> Browser {
        Browser::start_in(options, None).await
    }

    /// As `start`, with the browser in time zone `zone` (`Asia/Kolkata`) instead of UTC.
    pub async fn in_zone(zone: &str) -> Browser {
        Browser::start_in(Options::default(), Some(zone)).await
    }

    async fn start_in(options: Options, zone: Option<&str>) -> Browser {
        let emulator = spawn(Options { dist: Some(options.dist.clone().unwrap_or_else(dist)), ..options }).await.unwrap();
        let port = free_port();
        let mut driver = Command::new(std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()));
        // UTC unless a test asks for a zone: what a page shows must not depend on the machine.
        driver.env("TZ", zone.unwrap_or("UTC"));
        let driver = driver
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver is installed (make test installs it)");
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--no-first-run", "--window-size=1400,900"],
            }),
        );
        caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + PATIENCE;
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector).capabilities(caps.clone()).connect(&url).await {
                Ok(client) => break client,
                Err(e) if Instant::now() > deadline => panic!("cannot start a Chromium session: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        let origin = emulator.url();
        Browser { client, emulator, origin, driver }
    }

    pub async fn default() -> Browser {
        Browser::start(Options::default()).await
    }

    /// Ends the browser session (call at the end of each test).
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }

    pub async fn open(&self, path: &str) {
        self.client.goto(&format!("{}{path}", self.origin)).await.unwrap();
    }

    /// The first element matching `css`, waiting for it to appear.
    pub async fn find(&self, css: &str) -> Element {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                return element;
            }
            assert!(Instant::now() < deadline, "nothing matches {css} in:\n{}", self.body_text().await);
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element matching `css` contains `text`.
    pub async fn wait_text(&self, css: &str, text: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                if let Ok(found) = element.text().await {
                    if found.contains(text) {
                        return found;
                    }
                }
            }
            if Instant::now() > deadline {
                panic!("no {css} says {text:?} at {}; the page says:\n{}", self.path().await, self.body_text().await);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn body_text(&self) -> String {
        match self.client.find(Locator::Css("body")).await {
            Ok(body) => body.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    pub async fn exists(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    /// Types into the field labelled by id `id`, replacing what it held.
    pub async fn fill(&self, id: &str, text: &str) {
        let field = self.find(&format!("#{id}")).await;
        field.clear().await.unwrap();
        if text.is_empty() {
            // Clearing fires no input event, which is what the console listens to.
            self.eval(&format!("document.getElementById('{id}').dispatchEvent(new Event('input', {{ bubbles: true }}))")).await;
        }
        field.send_keys(text).await.unwrap();
    }

    /// Asserts that nothing matches `css` during the next `ms` milliseconds (for what must
    /// not happen, such as a crash after a timer would have fired).
    pub async fn stays_absent(&self, css: &str, ms: u64) {
        let until = Instant::now() + Duration::from_millis(ms);
        while Instant::now() < until {
            assert!(!self.exists(css).await, "{css} appeared:\n{}", self.body_text().await);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// What axe-core (npm, installed by `scripts/setup.sh test`) finds wrong with the page as
    /// it is now, one line per rule broken, naming the elements.
    pub async fn accessibility_violations(&self) -> Vec<String> {
        let axe = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.tools/node_modules/axe-core/axe.min.js"))
            .expect("axe-core is installed (scripts/setup.sh test)");
        self.client.execute(&format!("{axe}\nreturn true;"), vec![]).await.unwrap();
        let run = "const done = arguments[arguments.length - 1];
                   axe.run(document, { resultTypes: ['violations'] })
                      .then(r => done(r.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)))
                      .catch(e => done([`axe failed: ${e}`]));";
        let found = self.client.execute_async(run, vec![]).await.unwrap();
        found.as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_owned)).collect()
    }

    /// Waits until `script` (a `return …` expression) evaluates to `expected`.
    pub async fn wait_eval(&self, script: &str, expected: impl Into<Value>) {
        let (expected, deadline) = (expected.into(), Instant::now() + PATIENCE);
        loop {
            let got = self.eval(script).await;
            // Numbers by value: WebDriver answers 5 where the test may expect 5.0.
            if got == expected || got.as_f64().is_some_and(|n| Some(n) == expected.as_f64()) {
                return;
            }
            assert!(Instant::now() < deadline, "{script} is {got}, not {expected}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until nothing matches `css`.
    pub async fn wait_gone(&self, css: &str) {
        let deadline = Instant::now() + PATIENCE;
        while self.exists(css).await {
            assert!(Instant::now() < deadline, "{css} is still there");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The value of the input matching `css`.
    pub async fn value_of_css(&self, css: &str) -> String {
        self.find(css).await.prop("value").await.unwrap().unwrap_or_default()
    }

    pub async fn value_of(&self, id: &str) -> String {
        self.find(&format!("#{id}")).await.prop("value").await.unwrap().unwrap_or_default()
    }

    pub async fn click(&self, css: &str) {
        self.find(css).await.click().await.unwrap();
    }

    /// Clicks the button whose text is `text`.
    pub async fn click_button(&self, text: &str) {
        let xpath = format!("//button[normalize-space()='{text}']");
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(button) = self.client.find(Locator::XPath(&xpath)).await {
                if button.click().await.is_ok() {
                    return;
                }
            }
            assert!(Instant::now() < deadline, "no button {text:?} in:\n{}", self.body_text().await);
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Fills the sign-in form and submits it (the control-plane field is left as it is).
    pub async fn sign_in_with(&self, client_id: &str, secret: &str) {
        self.find("form.signin-card").await;
        self.fill("client-id", client_id).await;
        self.fill("client-secret", secret).await;
        self.click_button("Sign in").await;
    }

    /// Signs in as the demo administrator and waits for the console.
    pub async fn sign_in(&self) {
        self.sign_in_with(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET).await;
        self.find("[data-testid=signed-in-client]").await;
    }

    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        }
    }

    pub async fn eval(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.unwrap()
    }

    /// Everything the browser logged to its console so far.
    pub async fn console_log(&self) -> String {
        let log = self.client.issue_cmd(BrowserLog).await.unwrap_or(Value::Null);
        log.to_string()
    }

    /// Everything the page keeps where it outlives the page or leaks: web storage, cookies,
    /// the URL and history, and the document.
    pub async fn persisted_and_visible(&self) -> String {
        let script = "return JSON.stringify({ local: Object.entries(localStorage), session: Object.entries(sessionStorage), \
                      cookies: document.cookie, url: location.href, history: history.length, \
                      dom: document.documentElement.outerHTML, \
                      fields: Array.from(document.querySelectorAll('input')).map(i => i.value) })";
        self.eval(script).await.as_str().unwrap_or_default().to_owned()
    }
}

/// ChromeDriver's `POST /session/{id}/chromium/network_conditions`: the browser offline or back.
#[derive(Debug)]
struct NetworkConditions(bool);

impl WebDriverCompatibleCommand for NetworkConditions {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/chromium/network_conditions", session.unwrap_or_default()))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let conditions = json!({ "network_conditions": { "offline": self.0, "latency": 0, "download_throughput": -1, "upload_throughput": -1 } });
        (http::Method::POST, Some(conditions.to_string()))
    }
}

impl Browser {
    /// Takes the browser off the network (`false`) or puts it back (`true`).
    pub async fn set_online(&self, online: bool) {
        self.client.issue_cmd(NetworkConditions(!online)).await.unwrap();
    }
}

/// ChromeDriver's `POST /session/{id}/se/log` for the `browser` log.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "type": "browser" }).to_string()))
    }
}

impl Browser {
    /// Types into the list page's search box.
    pub async fn fill_search(&self, text: &str) {
        let field = self.find("input.search").await;
        field.clear().await.unwrap();
        if text.is_empty() {
            // Clearing through WebDriver fires no `input` event; type and erase a character.
            field.send_keys("x").await.unwrap();
            field.send_keys("\u{E003}").await.unwrap();
        } else {
            field.send_keys(text).await.unwrap();
        }
    }
}

/// Acting on the generic list, form and detail pages, whatever the resource.
impl Browser {
    /// Picks `value` in the `<select>` matching `css`, waiting for the option to exist.
    pub async fn select(&self, css: &str, value: &str) {
        self.find(&format!("{css} option[value='{value}']")).await;
        self.find(css).await.select_by_value(value).await.unwrap();
    }

    /// Picks the option whose text is `label` in the `<select>` matching `css`.
    pub async fn select_label(&self, css: &str, label: &str) {
        let xpath = format!("//option[normalize-space()='{label}']");
        let deadline = Instant::now() + PATIENCE;
        loop {
            let select = self.find(css).await;
            if let Ok(option) = select.find(Locator::XPath(&format!(".{xpath}"))).await {
                option.click().await.unwrap();
                return;
            }
            assert!(Instant::now() < deadline, "no option {label:?} in {css}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Adds a list filter through the filter bar.
    /// Sets the filter form's value as a date input takes it (the browser keeps only a valid
    /// day), and says what the input holds then.
    pub async fn set_filter_value(&self, text: &str) -> Value {
        let script = format!(
            "const box = document.querySelector(\"input[aria-label='Filter value']\");
             box.value = '{text}';
             box.dispatchEvent(new Event('input', {{ bubbles: true }}));
             return box.value;"
        );
        self.eval(&script).await
    }

    pub async fn add_filter(&self, column: &str, op: &str, value: &str) {
        self.select_label("select[aria-label='Filter column']", column).await;
        self.select_label("select[aria-label='Filter operator']", op).await;
        let field = self.find("input[aria-label='Filter value']").await;
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
        self.click_button("Add filter").await;
        self.wait_text("[data-testid=filter-chip]", value).await;
    }

    /// The first cells of the list's rows, in order.
    pub async fn first_column(&self) -> Vec<String> {
        let cells = self.client.find_all(Locator::Css("table.data-table tbody tr td:nth-child(2)")).await.unwrap_or_default();
        let mut names = Vec::new();
        for cell in cells {
            names.push(cell.text().await.unwrap_or_default());
        }
        names
    }

    /// Waits until the list shows exactly these first cells (order ignored when `sorted` is false).
    pub async fn wait_rows(&self, expected: &[&str]) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let rows = self.first_column().await;
            if rows == expected {
                return;
            }
            assert!(Instant::now() < deadline, "rows are {rows:?}, expected {expected:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Ticks the row whose name is `name` and waits for the action bar.
    pub async fn select_row(&self, name: &str) {
        self.click(&format!("input[aria-label='Select {name}']")).await;
        self.find("[data-testid=action-bar]").await;
    }

    /// The quota-editor input for `pool` labelled `what` (e.g. "GPU quota").
    pub async fn fill_quota(&self, pool: &str, what: &str, value: &str) {
        let field = self.find(&format!("input[aria-label='{pool} {what}']")).await;
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
    }

    pub async fn field_error(&self, key: &str) -> String {
        self.wait_text(&format!("#error-{key}"), "").await
    }
}
