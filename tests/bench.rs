//! Benchmarks that print numbers (run with `make bench`; not part of `make test`): how fast
//! the release console shows the first rows of a large list, and how many requests it makes.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use runai_emulator::Options;
use serde_json::Value;
use support::Browser;

const RUNS: usize = 5;

/// Milliseconds from clicking a navigation link to the first table row on screen, measured
/// in the page with a MutationObserver, and the API requests made meanwhile.
async fn first_rows(b: &Browser, link: &str) -> (f64, Vec<String>) {
    b.click("nav.sidenav a[href='/clusters']").await;
    b.find("table.data-table tbody tr").await;
    let start = b.emulator.state.requests.lock().unwrap().mark();
    let script = format!(
        "window.__firstRows = null;
         const started = performance.now();
         const seen = () => document.querySelector('section.list table.data-table tbody tr') && !document.querySelector('section.list[aria-label=Clusters]');
         new MutationObserver((_, observer) => {{
             if (seen()) {{ window.__firstRows = performance.now() - started; observer.disconnect(); }}
         }}).observe(document.body, {{ childList: true, subtree: true }});
         document.querySelector(\"nav.sidenav a[href='{link}']\").click();"
    );
    b.eval(&script).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        if let Value::Number(ms) = b.eval("return window.__firstRows").await {
            // Let the count request finish too before reading the log.
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            let requests = b.emulator.state.requests.lock().unwrap().since(start);
            return (ms.as_f64().unwrap(), requests);
        }
        assert!(std::time::Instant::now() < deadline, "no rows on {link}");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap());
    values[values.len() / 2]
}

#[tokio::test]
#[ignore = "a benchmark: run with `make bench`"]
async fn large_lists() {
    let b = Browser::start(Options { scale: 10_000, ..Options::default() }).await;
    let load = std::time::Instant::now();
    b.open("/clusters").await;
    b.find("form.signin-card").await;
    let to_sign_in = load.elapsed().as_secs_f64() * 1000.0;
    b.sign_in().await;
    println!("bench: console load to the sign-in form: {to_sign_in:.0} ms");
    for (link, what) in [("/projects", "10,000 projects"), ("/nodes", "10,000 nodes"), ("/workloads", "10,000 workloads")] {
        let mut times = Vec::new();
        let mut requests = Vec::new();
        for _ in 0..RUNS {
            let (ms, made) = first_rows(&b, link).await;
            times.push(ms);
            requests = made;
        }
        let rows = b.eval("return document.querySelectorAll('section.list table.data-table tbody tr').length").await;
        println!("bench: {what}: first rows in {:.0} ms (median of {RUNS}; min {:.0}, max {:.0}); {rows} rows in the DOM",
                 median(times.clone()), times.iter().cloned().fold(f64::MAX, f64::min), times.iter().cloned().fold(0.0, f64::max));
        println!("bench: {what}: {} API requests: {}", requests.len(), requests.join(" | "));
    }
    b.close().await;
}
