//! Accessibility, checked by axe-core in headless Chromium on the console's page states: the
//! sign-in form, lists, the details pane, detail pages with embedded lists, forms with errors,
//! the workloads list and a workload, and each dialog. None may break a rule.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::pages::{FormPage, ListPage};
use support::Browser;

#[tokio::test]
async fn every_page_state_passes_axe() {
    let b = Browser::default().await;
    let mut found: Vec<String> = Vec::new();
    let mut check = |state: &str, violations: Vec<String>| found.extend(violations.into_iter().map(|v| format!("{state}: {v}")));

    b.open("/projects").await;
    b.find("form.signin-card").await;
    check("sign-in", b.accessibility_violations().await);
    b.sign_in().await;
    let projects = ListPage::at(&b, "/projects");
    projects.wait_loaded().await;
    check("projects list", b.accessibility_violations().await);

    projects.select("vision").await;
    b.click_button("Details").await;
    b.find("[data-testid=details-pane]").await;
    check("details pane and action bar", b.accessibility_violations().await);

    b.click_button("Delete").await;
    b.find("[data-testid=confirm-dialog]").await;
    check("confirm dialog", b.accessibility_violations().await);
    b.click_button("Cancel").await;
    b.wait_gone("[data-testid=confirm-dialog]").await;

    b.click("nav.sidenav a[href='/clusters']").await;
    b.wait_text("table.data-table", "prod-dgx").await;
    b.click("table.data-table a[href^='/clusters/']").await;
    b.wait_text("section[aria-label='Nodes']", "prod-dgx").await;
    check("cluster detail with embedded lists", b.accessibility_violations().await);

    b.click("nav.sidenav a[href='/projects']").await;
    projects.wait_loaded().await;
    let form = projects.create().await;
    form.fill("name", "Not A Name").await;
    form.pick("cluster", "3f8a1c52-7d4e-4b2a-9c61-0e5d2b8f4a17").await;
    b.find("input[aria-label='a100-train GPU quota']").await;
    form.submit("Create").await;
    form.expect_field_error("name", "lowercase").await;
    check("project form with errors", b.accessibility_violations().await);

    b.click("nav.sidenav a[href='/access-rules']").await;
    ListPage::at(&b, "/access-rules").wait_loaded().await;
    check("access rules list", b.accessibility_violations().await);
    b.click("a[href='/access-rules/new']").await;
    FormPage::wait(&b).await;
    check("access rule form", b.accessibility_violations().await);

    b.click("nav.sidenav a[href='/roles']").await;
    b.wait_text("table.data-table", "Viewer").await;
    b.click("table.data-table a[href^='/roles/']").await;
    b.find("section.detail table").await;
    check("role detail", b.accessibility_violations().await);

    b.click("nav.sidenav a[href='/access-keys']").await;
    let keys = ListPage::at(&b, "/access-keys");
    keys.wait_loaded().await;
    let form = keys.create().await;
    form.fill("name", "a11y").await;
    form.submit("Create").await;
    b.find("[data-testid=secret-dialog]").await;
    check("secret dialog", b.accessibility_violations().await);
    b.click_button("I have copied it").await;

    b.click("nav.sidenav a[href='/workloads']").await;
    let workloads = ListPage::at(&b, "/workloads");
    workloads.wait_loaded().await;
    b.wait_text("[data-testid=page-range]", "of 60").await;
    check("workloads list", b.accessibility_violations().await);
    b.click("table.data-table a[href^='/workloads/']").await;
    b.find("section.detail").await;
    b.wait_text(".detail", "Running / requested pods").await;
    // Its events, pods and charts loaded, one chart's table open.
    b.find("table[aria-label=Events]").await;
    b.find("figure.chart .uplot canvas").await;
    b.click("figure.chart details summary").await;
    b.find("figure.chart table").await;
    check("workload detail", b.accessibility_violations().await);
    b.click("nav.sidenav a[href='/workloads']").await;
    workloads.create().await;
    b.click_button("Create").await;
    b.find("#error-name").await;
    check("workload submission form with errors", b.accessibility_violations().await);
    // With a project: its templates, environments, compute resources and data sources offered.
    let form = FormPage::wait(&b).await;
    form.pick("cluster", "3f8a1c52-7d4e-4b2a-9c61-0e5d2b8f4a17").await.pick_label("project", "vision").await;
    form.pick_label("environmentAsset", "jupyter-lab").await;
    b.find(".field-image [data-testid=origin]").await;
    b.find("#field-dataSources input[type=checkbox]").await;
    check("workload submission form with assets", b.accessibility_violations().await);

    b.click("nav.sidenav a[href='/data-sources']").await;
    let sources = ListPage::at(&b, "/data-sources");
    sources.wait_loaded().await;
    check("data sources list", b.accessibility_violations().await);
    let form = sources.create().await;
    form.pick("kind", "nfs").await;
    b.click_button("Create").await;
    b.find("#error-server").await;
    check("data source form with errors", b.accessibility_violations().await);
    b.click("nav.sidenav a[href='/policies']").await;
    ListPage::at(&b, "/policies").wait_loaded().await;
    b.click("table.data-table a[href^='/policies/']").await;
    b.find(".detail table").await;
    check("policy detail", b.accessibility_violations().await);
    b.click("nav.sidenav a[href='/data-volumes']").await;
    ListPage::at(&b, "/data-volumes").wait_loaded().await;
    b.click("table.data-table a[href^='/data-volumes/']").await;
    b.find(".detail table").await;
    check("data volume detail", b.accessibility_violations().await);

    b.click("nav.sidenav a[href='/my-access']").await;
    b.wait_text("section.page", "System administrator").await;
    check("my access", b.accessibility_violations().await);

    b.click("nav.sidenav a[href='/']").await;
    b.find("table[aria-label=Clusters] tbody tr").await;
    b.find(".chart-plot canvas, .charts .summary").await;
    check("overview", b.accessibility_violations().await);

    b.click("nav.sidenav a[href='/quota']").await;
    b.find("table[aria-label='Projects by node pool'] tbody tr").await;
    check("quota management", b.accessibility_violations().await);

    assert!(found.is_empty(), "accessibility violations:\n{}", found.join("\n"));
    b.close().await;
}
