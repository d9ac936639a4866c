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
