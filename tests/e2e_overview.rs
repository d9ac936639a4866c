//! End to end: the Overview. Its figures follow what runs, without a reload, and each tile
//! opens the list it counts.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use runai_emulator::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use support::pages::ListPage;
use support::Browser;

const PROD: &str = "3f8a1c52-7d4e-4b2a-9c61-0e5d2b8f4a17";
const RESEARCH: &str = "b27e90d4-1c3f-4e8a-a5d6-7f2c4e9b1d30";

/// The script that reads the figure of the tile labelled `label` (null until it is drawn).
fn tile(label: &str) -> String {
    format!(
        "const t = [...document.querySelectorAll('[data-testid=tile]')].find(t => t.querySelector('.tile-label').textContent === '{label}');
         return t ? Number(t.querySelector('.tile-value').textContent.replace(/[^0-9.]/g, '')) : null"
    )
}

/// The script that reads the GPUs held by workloads of type `kind` (0 without a row).
fn by_type(kind: &str) -> String {
    format!(
        "const table = document.querySelector('table[aria-label=\"Allocated GPUs by workload type\"]'); if (!table) return null;
         const row = [...table.querySelectorAll('tbody tr')].find(r => r.cells[0].textContent === '{kind}');
         return row ? Number(row.cells[1].textContent) : 0"
    )
}

/// The script that reads the Allocated GPUs cell of node pool `pool` in the Node pools table.
fn pool_allocated(pool: &str) -> String {
    format!(
        "const table = document.querySelector('table[aria-label=\"Node pools\"]'); if (!table) return null;
         const heads = [...table.querySelectorAll('thead th')].map(h => h.textContent);
         const row = [...table.querySelectorAll('tbody tr')].find(r => [...r.cells].some(c => c.textContent === '{pool}'));
         return row ? Number(row.cells[heads.indexOf('Allocated GPUs')].textContent) : null"
    )
}

/// The script that reads the number in column `title` of the list's row showing `name`.
fn listed(name: &str, title: &str) -> String {
    format!(
        "const table = document.querySelector('table.data-table'); if (!table) return null;
         const heads = [...table.querySelectorAll('thead th')].map(h => h.textContent.trim());
         const row = [...table.querySelectorAll('tbody tr')].find(r => [...r.cells].some(c => c.textContent === '{name}'));
         const at = heads.findIndex(h => h === '{title}' || h.startsWith('{title} '));
         return row && at >= 0 ? Number(row.cells[at].textContent) : null"
    )
}

async fn number(b: &Browser, script: &str) -> f64 {
    b.wait_eval(&format!("{{ const n = (() => {{ {script} }})(); return n !== null && !Number.isNaN(n) }}"), true).await;
    b.eval(script).await.as_f64().unwrap()
}

#[tokio::test]
async fn a_submitted_workload_raises_the_allocated_gpus_within_one_refresh() {
    let b = Browser::default().await;
    b.open("/").await;
    b.sign_in().await;
    b.wait_text("h1#page-title", "Overview").await;
    let before = number(&b, &tile("Allocated GPUs")).await;
    let workspaces_before = number(&b, &by_type("workspace")).await;
    let pools_before: Vec<(String, f64)> = {
        let names: Vec<String> = b.emulator.state.tenant.lock().unwrap().org.pools_of(PROD).iter().map(|p| p.name.to_string()).collect();
        let mut found = Vec::new();
        for name in names {
            let n = number(&b, &pool_allocated(&name)).await;
            found.push((name, n));
        }
        found
    };

    // Another operator submits a one-GPU workspace through the API; the scheduler starts it.
    let (project, vision_before) = {
        let mut tenant = b.emulator.state.tenant.lock().unwrap();
        tenant.settle();
        let vision = tenant.org.projects.iter().find(|p| p["name"] == "vision").unwrap();
        (vision["id"].as_str().unwrap().to_owned(), vision["status"]["quotaStatus"]["allocated"]["gpu"].as_f64().unwrap())
    };
    let submit = format!(
        "const token = (await (await fetch('/api/v2/token', {{ method: 'POST', headers: {{ 'content-type': 'application/x-www-form-urlencoded' }},
             body: 'grant_type=client_credentials&client_id={DEMO_CLIENT_ID}&client_secret={DEMO_CLIENT_SECRET}' }})).json()).access_token;
         const r = await fetch('/api/v1/workloads/workspaces', {{ method: 'POST', headers: {{ authorization: 'Bearer ' + token, 'content-type': 'application/json' }},
             body: JSON.stringify({{ name: 'overview-probe', projectId: '{project}', clusterId: '{PROD}', spec: {{ image: 'jupyter/base-notebook', compute: {{ gpuDevicesRequest: 1 }} }} }}) }});
         return r.status"
    );
    assert_eq!(b.eval(&submit).await, 202);
    b.emulator.state.fast_forward(60);
    let (pool, node, node_held) = {
        let mut tenant = b.emulator.state.tenant.lock().unwrap();
        tenant.settle();
        let w = tenant.workloads.items.iter().find(|w| w.name == "overview-probe").unwrap();
        let pool = w.pool.clone().unwrap_or_else(|| panic!("the probe runs: {:?} {}", w.phase, w.phase_message));
        let node = w.nodes[0].clone();
        // Each pod placed on a node holds the workload's GPUs per pod there.
        let held: f64 = tenant.workloads.items.iter().filter(|w| w.phase.holds_gpus()).map(|w| w.gpus * w.nodes.iter().filter(|n| **n == node).count() as f64).sum();
        (pool, node, held)
    };
    // No reload: the page's own refresh brings it.
    b.wait_eval(&tile("Allocated GPUs"), before + 1.0).await;
    let pool_before = pools_before.iter().find(|(name, _)| *name == pool).unwrap().1;
    b.wait_eval(&pool_allocated(&pool), pool_before + 1.0).await;
    b.wait_eval(&by_type("workspace"), workspaces_before + 1.0).await;
    assert_eq!(b.path().await, "/", "still the Overview");

    // Its project holds it too: the projects list's Allocated GPUs column.
    b.click("nav.sidenav a[href='/projects']").await;
    b.fill_search("vision").await;
    b.wait_eval(&listed("vision", "Allocated GPUs"), vision_before + 1.0).await;

    // Its node pool and its node too, in their lists (node telemetry beside each record).
    b.click("nav.sidenav a[href='/nodepools']").await;
    b.wait_eval(&listed(&pool, "Allocated GPUs"), pool_before + 1.0).await;
    b.click("nav.sidenav a[href='/nodes']").await;
    b.fill_search(&node).await;
    b.wait_eval(&listed(&node, "Allocated GPUs"), node_held).await;
    let gpus = number(&b, &listed(&node, "GPUs")).await;
    b.wait_eval(&listed(&node, "Free GPUs"), gpus - node_held).await;
    b.close().await;
}

#[tokio::test]
async fn a_tile_opens_the_list_it_counts_and_a_cluster_can_be_chosen() {
    let b = Browser::default().await;
    b.open("/").await;
    b.sign_in().await;
    let running = number(&b, &tile("Running workloads")).await;
    assert!(running > 0.0);
    b.eval("[...document.querySelectorAll('[data-testid=tile]')].find(t => t.textContent.includes('Running workloads')).click()").await;
    ListPage::at(&b, "/workloads").wait_loaded().await;
    assert_eq!(b.path().await, "/workloads?filter=phase%3D%3DRunning");
    b.wait_text("[data-testid=page-range]", &format!("of {running}")).await;
    b.wait_eval("return [...document.querySelectorAll('table.data-table tbody .badge')].every(s => s.textContent === 'Running')", true).await;

    // Back to the Overview; the Clusters table's link chooses one cluster: its node pools only,
    // and the top bar's chooser says so.
    b.click("nav.sidenav a[href='/']").await;
    b.wait_text("h1#page-title", "Overview").await;
    b.click(&format!("table[aria-label=Clusters] a[href='/?cluster={PROD}']")).await;
    b.wait_eval("return document.querySelector('table[aria-label=Clusters]') === null", true).await;
    let pools = b.wait_text("table[aria-label='Node pools']", "dgx-h100").await;
    assert!(!pools.contains("research"), "only the chosen cluster's pools: {pools}");
    b.wait_eval("return document.querySelector('#scope-cluster').value", PROD).await;

    // The choice scopes the lists too, until all clusters are chosen again.
    let (prod_nodes, all_nodes) = {
        let tenant = b.emulator.state.tenant.lock().unwrap();
        (tenant.org.nodes.iter().filter(|n| n["clusterUuid"] == PROD).count(), tenant.org.nodes.len())
    };
    assert!(prod_nodes < all_nodes);
    b.click("nav.sidenav a[href='/nodes']").await;
    b.wait_text("[data-testid=page-range]", &format!("of {prod_nodes}")).await;
    b.select("#scope-cluster", "").await;
    b.wait_text("[data-testid=page-range]", &format!("of {all_nodes}")).await;

    // Choosing another cluster starts a list on its first page, not past its end.
    let research = {
        let tenant = b.emulator.state.tenant.lock().unwrap();
        tenant.org.projects.iter().filter(|p| p["clusterId"] == RESEARCH).count()
    };
    assert!(research < 25, "research's projects fit on one page of 25: {research}");
    b.click("nav.sidenav a[href='/projects']").await;
    b.select("nav.pager select", "25").await;
    b.wait_text("[data-testid=page-range]", "1–25 of").await;
    b.eval("[...document.querySelectorAll('nav.pager button')].find(x => x.textContent === 'Next').click()").await;
    b.wait_text("[data-testid=page-range]", "26–").await;
    b.select("#scope-cluster", RESEARCH).await;
    b.wait_text("[data-testid=page-range]", &format!("1–{research} of {research}")).await;
    assert!(!b.path().await.contains("page=2"), "the page is dropped from the address: {}", b.path().await);
    b.close().await;
}

#[tokio::test]
async fn a_failed_refresh_keeps_the_figures_and_says_they_may_be_out_of_date() {
    let b = Browser::default().await;
    b.open("/").await;
    b.sign_in().await;
    let before = number(&b, &tile("Allocated GPUs")).await;
    // The node telemetry answers 503 to one refresh: its five reads, each tried three times.
    b.emulator.state.inject("GET".parse().unwrap(), "/api/v1/nodes/telemetry", 503, 15);
    let banner = b.wait_text("[data-testid=stale]", "may be out of date").await;
    assert!(banner.contains("HTTP 503"), "says why: {banner}");
    assert_eq!(number(&b, &tile("Allocated GPUs")).await, before, "the figures stay");
    assert!(b.eval("return document.querySelector('[data-testid=error-panel]') === null").await.as_bool().unwrap());
    // Once the telemetry answers again, a refresh clears the banner by itself.
    b.wait_eval("return document.querySelector('[data-testid=stale]') === null", true).await;

    // Another cluster's first load failing is a failure, not the last cluster's figures
    // passed off as out of date; Try again brings the chosen cluster's.
    b.emulator.state.inject("GET".parse().unwrap(), "/api/v1/nodes/telemetry", 503, 15);
    b.select("#scope-cluster", RESEARCH).await;
    let panel = b.wait_text("[data-testid=error-panel]", "HTTP 503").await;
    assert!(panel.contains("load the overview"), "says what failed: {panel}");
    assert!(b.eval("return document.querySelector('[data-testid=stale]') === null").await.as_bool().unwrap());
    b.emulator.state.faults.lock().unwrap().clear();
    b.eval("document.querySelector('[data-testid=error-panel] button').click()").await;
    let pools = b.wait_text("table[aria-label='Node pools']", "research").await;
    assert!(!pools.contains("dgx-h100"), "the research cluster's pools only: {pools}");
    b.close().await;
}

#[tokio::test]
async fn the_nodes_list_draws_its_rows_before_their_allocation_and_says_when_it_fails() {
    let b = Browser::default().await;
    // The first reads of node telemetry fail: the two the shown columns need, each tried
    // three times.
    b.emulator.state.inject("GET".parse().unwrap(), "/api/v1/nodes/telemetry", 503, 6);
    b.open("/nodes").await;
    b.sign_in().await;
    let said = b.wait_text("section.list p.error-text", "HTTP 503").await;
    assert!(said.contains("read the allocation of these nodes"), "says what failed: {said}");
    // The rows stay, their allocation marked as not read.
    let first = b.eval("return document.querySelector('table.data-table tbody tr td:nth-child(2)').textContent").await;
    let first = first.as_str().unwrap().to_owned();
    let unread = listed(&first, "Allocated GPUs").replace("Number(row.cells[at].textContent)", "row.cells[at].textContent");
    assert_eq!(b.eval(&unread).await, "…", "no figure while unread");
    assert!(b.eval("return document.querySelector('[data-testid=error-panel]') === null").await.as_bool().unwrap());
    // Trying again fills them in and clears the message.
    b.click("section.list p.error-text button").await;
    let held = number(&b, &listed(&first, "Allocated GPUs")).await;
    assert!(held >= 0.0);
    b.wait_eval("return document.querySelector('section.list p.error-text') === null", true).await;

    // Only the figures of the columns shown are read: CPU ones once their column is chosen.
    let asked_cpu = |b: &Browser| b.emulator.state.requests.lock().unwrap().since(0).iter().any(|r| r.contains("ALLOCATED_CPU_CORES"));
    assert!(!asked_cpu(&b), "no CPU figures read while no column shows them");
    b.eval(
        "document.querySelector('section.list details.menu').open = true;
         [...document.querySelectorAll('section.list label.menu-item')].find(l => l.textContent.includes('Allocated CPU (cores)')).querySelector('input').click();",
    )
    .await;
    let cores = number(&b, &listed(&first, "Allocated CPU (cores)")).await;
    let total = number(&b, &listed(&first, "GPUs")).await;
    assert!(cores >= 0.0 && total >= 0.0);
    assert!(asked_cpu(&b), "read once shown");
    b.close().await;
}
