//! Benchmarks that print numbers (run with `make bench`; not part of `make test`): how fast
//! the release console shows the first rows of a large list, and how many requests it makes;
//! how fast charts are drawn.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use runai_emulator::Options;
use serde_json::Value;
use support::Browser;

const RUNS: usize = 5;

/// Milliseconds from clicking a navigation link to the first table row on screen, and to
/// every cell filled (figures that come after the rows show "…" until then), measured in the
/// page with a MutationObserver, and the API requests made meanwhile.
async fn first_rows(b: &Browser, link: &str) -> (f64, f64, Vec<String>) {
    b.click("nav.sidenav a[href='/clusters']").await;
    b.find("table.data-table tbody tr").await;
    let start = b.emulator.state.requests.lock().unwrap().mark();
    let script = format!(
        "window.__firstRows = null; window.__filled = null;
         const started = performance.now();
         const seen = () => document.querySelector('section.list table.data-table tbody tr') && !document.querySelector('section.list[aria-label=Clusters]');
         const filled = () => ![...document.querySelectorAll('section.list table.data-table tbody td')].some(td => td.textContent === '…');
         new MutationObserver((_, observer) => {{
             if (!seen()) return;
             window.__firstRows ??= performance.now() - started;
             if (filled()) {{ window.__filled = performance.now() - started; observer.disconnect(); }}
         }}).observe(document.body, {{ childList: true, subtree: true, characterData: true }});
         document.querySelector(\"nav.sidenav a[href='{link}']\").click();"
    );
    b.eval(&script).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        if let Value::Number(filled) = b.eval("return window.__filled").await {
            let first = b.eval("return window.__firstRows").await.as_f64().unwrap();
            // Let the count request finish too before reading the log.
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            let requests = b.emulator.state.requests.lock().unwrap().since(start);
            return (first, filled.as_f64().unwrap(), requests);
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
        let (mut times, mut filled) = (Vec::new(), Vec::new());
        let mut requests = Vec::new();
        for _ in 0..RUNS {
            let (ms, all, made) = first_rows(&b, link).await;
            times.push(ms);
            filled.push(all);
            requests = made;
        }
        let rows = b.eval("return document.querySelectorAll('section.list table.data-table tbody tr').length").await;
        println!("bench: {what}: first rows in {:.0} ms, every cell filled in {:.0} ms (medians of {RUNS}; first rows min {:.0}, max {:.0}); {rows} rows in the DOM",
                 median(times.clone()), median(filled), times.iter().cloned().fold(f64::MAX, f64::min), times.iter().cloned().fold(0.0, f64::max));
        println!("bench: {what}: {} API requests: {}", requests.len(), requests.join(" | "));
    }
    let mut times = Vec::new();
    let mut requests = Vec::new();
    for _ in 0..RUNS {
        let (ms, made) = overview(&b).await;
        times.push(ms);
        requests = made;
    }
    println!("bench: Overview on 10,000 nodes and workloads: every tile, table and chart drawn in {:.0} ms (median of {RUNS}; min {:.0}, max {:.0})",
             median(times.clone()), times.iter().cloned().fold(f64::MAX, f64::min), times.iter().cloned().fold(0.0, f64::max));
    println!("bench: Overview: {} API requests: {}", requests.len(), requests.join(" | "));
    let mut times = Vec::new();
    for _ in 0..RUNS {
        b.click("nav.sidenav a[href='/clusters']").await;
        b.find("table.data-table tbody tr").await;
        times.push(reported(&b, QUOTA_DRAWN).await);
    }
    let rows = b.eval("return document.querySelectorAll(\"table[aria-label='Projects by node pool'] tbody tr\").length").await;
    println!("bench: Quota management on 10,000 projects: both tables and the tiles drawn in {:.0} ms (median of {RUNS}; min {:.0}, max {:.0}); {rows} project rows in the DOM",
             median(times.clone()), times.iter().cloned().fold(f64::MAX, f64::min), times.iter().cloned().fold(0.0, f64::max));
    b.close().await;
}

/// Opens quota management from the navigation and reports when its tables have rows.
const QUOTA_DRAWN: &str = "
    const started = performance.now();
    const drawn = () => document.querySelector(\"table[aria-label='Projects by node pool'] tbody tr\")
        && document.querySelector(\"table[aria-label='Departments by node pool'] tbody tr\");
    new MutationObserver((_, observer) => {
        if (drawn()) { window.__drawn = performance.now() - started; observer.disconnect(); }
    }).observe(document.body, { childList: true, subtree: true });
    document.querySelector(\"nav.sidenav a[href='/quota']\").click();";

/// Milliseconds from clicking Overview (on the clusters list) until its five tiles, its
/// tables and its two charts are drawn, and the API requests made meanwhile.
async fn overview(b: &Browser) -> (f64, Vec<String>) {
    b.click("nav.sidenav a[href='/clusters']").await;
    b.find("table.data-table tbody tr").await;
    let start = b.emulator.state.requests.lock().unwrap().mark();
    b.eval(
        "window.__drawn = null;
         const started = performance.now();
         const drawn = () => document.querySelectorAll('[data-testid=tile]').length === 5
             && document.querySelector(\"table[aria-label='Node pools'] tbody tr\")
             && document.querySelectorAll('.chart-plot canvas').length >= 2;
         new MutationObserver((_, observer) => {
             if (drawn()) { window.__drawn = performance.now() - started; observer.disconnect(); }
         }).observe(document.body, { childList: true, subtree: true });
         document.querySelector(\"nav.sidenav a[href='/']\").click();",
    )
    .await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        if let Value::Number(ms) = b.eval("return window.__drawn").await {
            let requests = b.emulator.state.requests.lock().unwrap().since(start);
            return (ms.as_f64().unwrap(), requests);
        }
        assert!(std::time::Instant::now() < deadline, "the Overview was not drawn");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

/// Milliseconds `script` (run in the page) reports through `window.__drawn`, polled.
async fn reported(b: &Browser, script: &str) -> f64 {
    b.eval(&format!("window.__drawn = null; {script}")).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        if let Value::Number(ms) = b.eval("return window.__drawn").await {
            return ms.as_f64().unwrap();
        }
        assert!(std::time::Instant::now() < deadline, "nothing drawn");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

/// uPlot, as the console bundles it, drawing 8 GPU lines of 10,000 points each.
const EIGHT_BY_TEN_THOUSAND: &str = "
    const n = 10000, gpus = 8, xs = new Float64Array(n), data = [xs];
    for (let i = 0; i < n; i++) xs[i] = 1.7e9 + i * 15;
    for (let g = 0; g < gpus; g++) {
        const ys = new Float64Array(n);
        for (let i = 0; i < n; i++) ys[i] = 60 + 25 * Math.sin(i / 500 + g) + 8 * Math.sin(i / 37 + g * 2);
        data.push(ys);
    }
    const series = [{}].concat(Array.from({ length: gpus }, (_, g) => ({ label: 'GPU ' + g, stroke: '#2f6fde', width: 1 })));
    const target = document.createElement('div');
    document.body.appendChild(target);
    const started = performance.now();
    const plot = new uPlot({ width: 900, height: 220, series, scales: { x: { time: true } } }, data, target);
    requestAnimationFrame(() => { window.__drawn = performance.now() - started; plot.destroy(); target.remove(); });";

/// From opening a workload's page to its four charts drawn (the metrics loaded from the API:
/// the workload's, its pods', each pod's per-GPU series).
const METRICS_DRAWN: &str = "
    const started = performance.now();
    new MutationObserver((_, observer) => {
        if (document.querySelectorAll('figure.chart .uplot canvas').length === 4) {
            window.__drawn = performance.now() - started; observer.disconnect();
        }
    }).observe(document.body, { childList: true, subtree: true });
    [...document.querySelectorAll(\"table.data-table a[href^='/workloads/']\")].find(a => a.textContent === window.__name).click();";

#[tokio::test]
#[ignore = "a benchmark: run with `make bench`"]
async fn charts() {
    let b = Browser::start(Options { scale: 10_000, ..Options::default() }).await;
    b.open("/workloads").await;
    b.sign_in().await;
    b.find("table.data-table tbody tr").await;
    let mut draws = Vec::new();
    for _ in 0..RUNS {
        draws.push(reported(&b, EIGHT_BY_TEN_THOUSAND).await);
    }
    println!("bench: a chart of 8 GPUs x 10,000 points: drawn in {:.0} ms (median of {RUNS})", median(draws));
    // The running workload on the most GPUs.
    let name = {
        let mut tenant = b.emulator.state.tenant.lock().unwrap();
        tenant.settle();
        let running = tenant.workloads.items.iter().filter(|w| w.phase.name() == "Running");
        running.max_by(|a, b| (a.gpus * f64::from(a.pods)).total_cmp(&(b.gpus * f64::from(b.pods)))).unwrap().name.clone()
    };
    let mut opens = Vec::new();
    for _ in 0..RUNS {
        b.click("nav.sidenav a[href='/workloads']").await;
        b.fill_search(&name).await;
        b.eval(&format!("window.__name = {name:?}")).await;
        b.wait_eval("return [...document.querySelectorAll(\"table.data-table a[href^='/workloads/']\")].some(a => a.textContent === window.__name)", true).await;
        let mark = b.emulator.state.requests.lock().unwrap().mark();
        opens.push((reported(&b, METRICS_DRAWN).await, b.emulator.state.requests.lock().unwrap().since(mark).len()));
    }
    let requests = opens.last().map_or(0, |o| o.1);
    println!("bench: a workload's page ({name}) to its 4 charts drawn: {:.0} ms (median of {RUNS}); {requests} API requests",
             median(opens.into_iter().map(|o| o.0).collect()));
    b.close().await;
}
