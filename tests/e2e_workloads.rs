//! End to end: the operator's daily page. The emulator's scheduler runs the seeded
//! workloads; the test moves its clock instead of waiting.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::pages::ListPage;
use support::Browser;

/// The name of a seeded workload of `kind` (any, if empty) in `phase`, as the emulator has it now.
fn seeded(b: &Browser, kind: &str, phase: &str) -> String {
    let mut tenant = b.emulator.state.tenant.lock().unwrap();
    tenant.settle();
    let w = tenant.workloads.items.iter().find(|w| (kind.is_empty() || w.kind.name() == kind) && w.phase.name() == phase);
    w.unwrap_or_else(|| panic!("no seeded {kind} is {phase}")).name.clone()
}

/// Narrows the list to `name` and waits until its status cell reads `status`.
async fn expect_status(b: &Browser, name: &str, status: &str) {
    b.click_button("Refresh").await;
    b.wait_text(&format!("tr:has(input[aria-label='Select {name}']) .badge"), status).await;
}

#[tokio::test]
async fn a_workspace_is_stopped_run_again_and_deleted_from_the_list() {
    let b = Browser::default().await;
    b.open("/workloads").await;
    b.sign_in().await;
    let workloads = ListPage::at(&b, "/workloads");
    workloads.wait_loaded().await;
    b.wait_text("[data-testid=page-range]", "of 60").await;
    let name = seeded(&b, "workspace", "Running");
    b.fill_search(&name).await;
    workloads.expect_rows(&[name.as_str()]).await;
    expect_status(&b, &name, "Running").await;

    workloads.select(&name).await;
    b.click_button("Stop").await;
    b.wait_text("[data-testid=toasts]", &format!("Stopping {name}.")).await;
    b.emulator.state.fast_forward(5);
    expect_status(&b, &name, "Stopped").await;

    workloads.select(&name).await;
    b.click_button("Run").await;
    b.wait_text("[data-testid=toasts]", &format!("Resuming {name}.")).await;
    b.emulator.state.fast_forward(30);
    // Back in the queue: running again, or waiting if its GPUs went to another while it was stopped.
    b.click_button("Refresh").await;
    let badge = format!("const b = document.querySelector(\"tr:has(input[aria-label='Select {name}']) .badge\"); return b !== null && ['Running', 'Pending'].includes(b.textContent)");
    b.wait_eval(&badge, true).await;

    workloads.select(&name).await;
    workloads.delete_selected(&name, &format!("Deleting {name}.")).await;
    b.emulator.state.fast_forward(5);
    b.click_button("Refresh").await;
    workloads.expect_empty().await;
    b.close().await;
}

#[tokio::test]
async fn a_workload_says_why_it_waits_and_its_project_lists_it() {
    let b = Browser::default().await;
    b.open("/workloads").await;
    b.sign_in().await;
    ListPage::at(&b, "/workloads").wait_loaded().await;
    let name = seeded(&b, "", "Pending");
    b.fill_search(&name).await;
    b.click(&format!("table.data-table a[href^='/workloads/']")).await;
    b.wait_text(".detail", "Pending").await;
    b.wait_text(".detail", "GPU").await;
    // The project's page lists what runs in it.
    let project = b.emulator.state.tenant.lock().unwrap().workloads.items.iter().find(|w| w.name == name).unwrap().project_id.clone();
    b.click("nav.sidenav a[href='/projects']").await;
    b.find("table.data-table tbody tr").await;
    b.click(&format!("a[href='/projects/{project}']")).await;
    b.wait_text(".detail", &name).await;
    b.close().await;
}

#[tokio::test]
async fn a_running_workload_shows_its_events_filtered_and_its_pods_on_their_nodes() {
    let b = Browser::default().await;
    b.open("/workloads").await;
    b.sign_in().await;
    ListPage::at(&b, "/workloads").wait_loaded().await;
    let name = seeded(&b, "workspace", "Running");
    let (id, node) = {
        let tenant = b.emulator.state.tenant.lock().unwrap();
        let w = tenant.workloads.items.iter().find(|w| w.name == name).unwrap();
        (w.id.clone(), w.nodes[0].clone())
    };
    b.fill_search(&name).await;
    b.click(&format!("table.data-table a[href='/workloads/{id}']")).await;
    b.wait_text("table[aria-label=Events]", "Scheduled").await;
    b.wait_text("table[aria-label=Events]", &format!("Successfully assigned {name} to {node}")).await;
    b.wait_text("table[aria-label=Pods]", &node).await;
    // The filter narrows the events to those that say it, and names it when none do.
    b.eval("const box = document.querySelector(\"input[aria-label='Filter events']\"); box.value = 'started'; box.dispatchEvent(new Event('input', { bubbles: true }));").await;
    b.wait_eval("return [...document.querySelectorAll('table[aria-label=Events] tbody tr')].every(r => r.textContent.includes('Started'))", true).await;
    assert!(!b.find("table[aria-label=Events]").await.text().await.unwrap().contains("Scheduled"), "a Scheduled event is filtered out");
    b.close().await;
}

#[tokio::test]
async fn several_workloads_are_stopped_at_once() {
    let b = Browser::default().await;
    b.open("/workloads").await;
    b.sign_in().await;
    let workloads = ListPage::at(&b, "/workloads");
    workloads.wait_loaded().await;
    let running: Vec<String> = {
        let mut tenant = b.emulator.state.tenant.lock().unwrap();
        tenant.settle();
        let items = tenant.workloads.items.iter().filter(|w| w.kind.name() == "training" && w.phase.name() == "Running");
        items.take(2).map(|w| w.name.clone()).collect()
    };
    assert_eq!(running.len(), 2, "the seed runs at least two trainings");
    workloads.filter("Status", "is", "Running").await;
    for name in &running {
        workloads.select(name).await;
    }
    b.click_button("Stop").await;
    b.wait_text("[data-testid=toasts]", "Stop: done for 2 of 2.").await;
    b.emulator.state.fast_forward(5);
    let mut tenant = b.emulator.state.tenant.lock().unwrap();
    tenant.settle();
    for name in &running {
        let w = tenant.workloads.items.iter().find(|w| &w.name == name).unwrap();
        assert_eq!(w.phase.name(), "Stopped", "{name} was stopped");
    }
    drop(tenant);
    b.close().await;
}
