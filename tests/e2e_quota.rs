//! End to end: quota management. Each project's and department's GPUs per node pool are
//! what the emulator's scheduler says, what a department has not assigned is its quota less
//! its projects', and demand that waits shows as pending.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use runai_emulator::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use serde_json::Value;
use support::Browser;

const PROD: &str = "3f8a1c52-7d4e-4b2a-9c61-0e5d2b8f4a17";

/// The script that reads column `column` of the row of table `table` whose cells hold
/// `first` and `pool` (null until drawn).
fn cell(table: &str, first: &str, pool: &str, column: &str) -> String {
    format!(
        "const table = document.querySelector('table[aria-label=\"{table}\"]'); if (!table) return null;
         const heads = [...table.querySelectorAll('thead th')].map(h => h.textContent);
         const row = [...table.querySelectorAll('tbody tr')].find(r => r.cells[0].textContent === '{first}' && [...r.cells].some(c => c.textContent === '{pool}'));
         return row ? row.cells[heads.indexOf('{column}')].textContent : null"
    )
}

fn tile(label: &str) -> String {
    format!(
        "const t = [...document.querySelectorAll('[data-testid=tile]')].find(t => t.querySelector('.tile-label').textContent === '{label}');
         return t ? Number(t.querySelector('.tile-value').textContent.replace(/[^0-9.]/g, '')) : null"
    )
}

async fn text(b: &Browser, script: &str) -> String {
    b.wait_eval(&format!("{{ return (() => {{ {script} }})() !== null }}"), true).await;
    b.eval(script).await.as_str().unwrap().to_owned()
}

fn gpus(entry: &Value) -> f64 {
    entry["gpu"]["deserved"].as_f64().unwrap()
}

#[tokio::test]
async fn quotas_allocation_and_pending_demand_follow_the_scheduler() {
    let b = Browser::default().await;
    b.open("/quota").await;
    b.sign_in().await;
    b.wait_text("h1#page-title", "Quota management").await;

    // What the page must say, from the emulator's own records.
    let (project, pool, quota, held, department, unassigned) = {
        let mut tenant = b.emulator.state.tenant.lock().unwrap();
        tenant.settle();
        let p = tenant.org.projects.iter().find(|p| p["name"] == "vision").unwrap().clone();
        let status = p["status"]["nodePoolQuotaStatuses"].as_array().unwrap().iter().find(|s| s["allocated"]["gpu"].as_f64().unwrap() > 0.0).expect("vision holds GPUs somewhere").clone();
        let pool = status["nodePoolName"].as_str().unwrap().to_owned();
        let entry = p["resources"].as_array().unwrap().iter().find(|r| r["nodePool"]["name"] == pool.as_str()).unwrap().clone();
        let d = tenant.org.departments.iter().find(|d| d["id"] == p["parentId"]).unwrap().clone();
        let in_pool = |r: &&Value| r["nodePool"]["name"] == pool.as_str();
        let assigned: f64 = tenant.org.projects.iter().filter(|q| q["parentId"] == d["id"]).flat_map(|q| q["resources"].as_array().unwrap().iter().filter(in_pool)).map(|r| gpus(r).max(0.0)).sum();
        let dq = d["resources"].as_array().unwrap().iter().find(in_pool).map_or(0.0, gpus);
        (p["id"].as_str().unwrap().to_owned(), pool, gpus(&entry), status["allocated"]["gpu"].as_f64().unwrap(), d["name"].as_str().unwrap().to_owned(), dq - assigned)
    };
    let fmt = |n: f64| format!("{n}");
    assert_eq!(text(&b, &cell("Projects by node pool", "vision", &pool, "GPU quota")).await, fmt(quota));
    assert_eq!(text(&b, &cell("Projects by node pool", "vision", &pool, "Allocated GPUs")).await, fmt(held));
    assert_eq!(text(&b, &cell("Departments by node pool", &department, &pool, "Unassigned")).await, fmt(unassigned));

    // The tiles count what every project holds, in node pools with a quota there or not.
    let every_project: f64 = b.emulator.state.tenant.lock().unwrap().org.projects.iter().map(|p| p["status"]["quotaStatus"]["allocated"]["gpu"].as_f64().unwrap()).sum();
    b.wait_eval(&tile("Allocated GPUs"), every_project).await;

    // A training too big for the quota waits: its GPUs are pending demand, not allocation.
    let pending_before = {
        b.wait_eval(&format!("{{ return (() => {{ {} }})() !== null }}", tile("Pending GPUs")), true).await;
        b.eval(&tile("Pending GPUs")).await.as_f64().unwrap()
    };
    let submit = format!(
        "const token = (await (await fetch('/api/v2/token', {{ method: 'POST', headers: {{ 'content-type': 'application/x-www-form-urlencoded' }},
             body: 'grant_type=client_credentials&client_id={DEMO_CLIENT_ID}&client_secret={DEMO_CLIENT_SECRET}' }})).json()).access_token;
         const r = await fetch('/api/v1/workloads/trainings', {{ method: 'POST', headers: {{ authorization: 'Bearer ' + token, 'content-type': 'application/json' }},
             body: JSON.stringify({{ name: 'quota-probe', projectId: '{project}', clusterId: '{PROD}', spec: {{ image: 'pytorch', compute: {{ gpuDevicesRequest: 8 }}, preemptibility: 'non-preemptible' }} }}) }});
         return r.status"
    );
    assert_eq!(b.eval(&submit).await, 202);
    b.emulator.state.fast_forward(30);
    b.click_button("Refresh").await;
    b.wait_eval(&tile("Pending GPUs"), pending_before + 8.0).await;

    // One department: only its rows.
    let department_id = b.emulator.state.tenant.lock().unwrap().org.departments.iter().find(|d| d["name"] == department.as_str()).unwrap()["id"].as_str().unwrap().to_owned();
    b.select("#scope-department", &department_id).await;
    b.wait_eval(&format!("return location.search === '?department={department_id}'"), true).await;
    b.wait_eval(
        &format!("const rows = [...document.querySelectorAll('table[aria-label=\"Departments by node pool\"] tbody tr')]; return rows.length > 0 && rows.every(r => r.cells[0].textContent === '{department}')"),
        true,
    )
    .await;
    b.close().await;
}

/// The script that reads the last sample of line `line` in the chart titled `chart` (its
/// table for screen readers, not uPlot's legend; null until drawn).
fn last_sample(chart: &str, line: &str) -> String {
    format!(
        "const table = document.querySelector(\"figure.chart[aria-label='{chart}'] table.data\"); if (!table) return null;
         const heads = [...table.querySelectorAll('thead th')].map(h => h.textContent);
         const rows = table.querySelectorAll('tbody tr'); if (!rows.length || heads.indexOf('{line}') < 0) return null;
         return Number(rows[rows.length - 1].cells[heads.indexOf('{line}')].textContent.replace(/[^0-9.]/g, ''))"
    )
}

#[tokio::test]
async fn a_projects_and_a_node_pools_gpus_are_charted_over_time_as_the_emulator_holds_them() {
    let b = Browser::default().await;
    let (project, quota, held, pool, cluster, total) = {
        let mut tenant = b.emulator.state.tenant.lock().unwrap();
        tenant.settle();
        let p = tenant.org.projects.iter().find(|p| p["name"] == "vision").unwrap().clone();
        let quota: f64 = p["resources"].as_array().unwrap().iter().map(|r| gpus(r).max(0.0)).sum();
        let held = p["status"]["quotaStatus"]["allocated"]["gpu"].as_f64().unwrap();
        let pool = tenant.org.nodepools.iter().find(|n| n["name"] == "a100-train").unwrap().clone();
        let total: f64 = tenant.org.nodes.iter().filter(|n| n["nodePool"] == "a100-train").map(|n| n["gpuInfo"]["gpuCount"].as_f64().unwrap()).sum();
        (p["id"].as_str().unwrap().to_owned(), quota, held, pool["id"].as_str().unwrap().to_owned(), pool["clusterId"].as_str().unwrap().to_owned(), total)
    };
    assert!(quota > 0.0 && held > 0.0, "vision has a quota and holds GPUs");
    // The project's page: its allocation against its quota, now, at the end of the line.
    b.open(&format!("/projects/{project}")).await;
    b.sign_in().await;
    b.click("figure.chart[aria-label='GPU allocation'] details summary").await;
    b.wait_eval(&last_sample("GPU allocation", "Quota"), quota).await;
    b.wait_eval(&last_sample("GPU allocation", "Allocated"), held).await;
    for chart in ["CPU allocation", "CPU memory allocation"] {
        b.find(&format!("figure.chart[aria-label='{chart}'] .uplot canvas")).await;
    }
    // A node pool's page: its GPUs over time, as many as its nodes have.
    b.click("nav.sidenav a[href='/nodepools']").await;
    b.click(&format!("table.data-table a[href='/nodepools/{pool}']")).await;
    b.click("figure.chart[aria-label='GPUs'] details summary").await;
    b.wait_eval(&last_sample("GPUs", "Total"), total).await;
    let asked = b.emulator.state.requests.lock().unwrap().since(0);
    assert!(asked.iter().any(|r| r.contains(&format!("/api/v1/clusters/{cluster}/nodepools/a100-train/metrics"))), "{asked:?}");
    b.close().await;
}

/// A tenant of more projects than one page holds: every page is read (the first alone, the
/// rest several at once), none twice, so what a department has assigned counts them all.
#[tokio::test]
async fn every_page_of_projects_counts_toward_what_a_department_assigned() {
    let b = Browser::start(runai_emulator::Options { scale: 1_300, ..runai_emulator::Options::default() }).await;
    b.open("/quota").await;
    b.sign_in().await;
    let (pool, assigned, pages) = {
        let tenant = b.emulator.state.tenant.lock().unwrap();
        let d = tenant.org.departments.iter().find(|d| d["name"] == "ml-research").unwrap();
        let pool = d["resources"][0]["nodePool"]["name"].as_str().unwrap().to_owned();
        let in_pool = |r: &&Value| r["nodePool"]["name"] == pool.as_str();
        let mine: Vec<&Value> = tenant.org.projects.iter().filter(|p| p["parentId"] == d["id"]).collect();
        let assigned: f64 = mine.iter().flat_map(|p| p["resources"].as_array().unwrap().iter().filter(in_pool)).map(|r| gpus(r).max(0.0)).sum();
        (pool, assigned, tenant.org.projects.len().div_ceil(500))
    };
    assert!(pages >= 3, "the projects span {pages} pages");
    assert_eq!(text(&b, &cell("Departments by node pool", "ml-research", &pool, "Assigned to projects")).await, format!("{assigned}"));
    let reads: Vec<String> = b.emulator.state.requests.lock().unwrap().since(0).into_iter().filter(|r| r.starts_with("GET /api/v1/org-unit/projects?")).collect();
    for page in 0..pages {
        let offset = format!("?offset={}&", page * 500);
        assert_eq!(reads.iter().filter(|r| r.contains(&offset)).count(), 1, "page {page} read once: {reads:?}");
    }
    b.close().await;
}
