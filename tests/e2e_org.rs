//! End to end on the organization pages: one generic path (list, filter, sort, page, create,
//! find, detail, edit, delete) run for node pools, departments and projects, then the ways a
//! save can fail.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use runai_emulator::Options;
use support::pages::{DetailPage, FormPage, ListPage};
use support::Browser;

const PROD: &str = "3f8a1c52-7d4e-4b2a-9c61-0e5d2b8f4a17";

/// What differs between resources on the generic path.
struct Case {
    path: &'static str,
    noun: &'static str,
    /// A filter (column, operator, value) and the first cells it leaves.
    filter: (&'static str, &'static str, &'static str, &'static [&'static str]),
    /// A column to sort by, and what comes first descending.
    sort: (&'static str, &'static str),
    /// The title of the name column, to filter by name.
    name_column: &'static str,
    name: &'static str,
    /// Fills the create form beyond the name.
    fill: for<'a> fn(&'a FormPage<'a>) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + 'a>>,
    /// A field to change when editing, its new value, and text the detail then shows.
    edit: (&'static str, &'static str, &'static str),
}

async fn generic_path(case: Case) {
    let b = Browser::default().await;
    b.open(case.path).await;
    b.sign_in().await;
    let list = ListPage::at(&b, case.path);
    list.wait_loaded().await;

    // Filter, then clear it.
    let (column, op, value, expected) = case.filter;
    list.filter(column, op, value).await;
    list.expect_rows(expected).await;
    assert!(b.path().await.contains("filter="), "filters are in the URL");
    list.clear_filters().await;

    // Sort descending by a column.
    let (key, first) = case.sort;
    list.sort_descending(key, first).await;

    // Create.
    let form = list.create().await;
    form.fill("name", case.name).await;
    (case.fill)(&form).await;
    form.submit("Create").await;
    b.wait_text("[data-testid=toasts]", "created").await;
    DetailPage::wait(&b, case.name).await;

    // Find it in the list, open it from there.
    list.open().await;
    list.find(case.name_column, case.name).await;
    let detail = list.open_first(case.name).await;

    // Edit.
    let (field, value, shown) = case.edit;
    let form = detail.edit().await;
    form.fill(field, value).await;
    form.submit("Save").await;
    b.wait_text("[data-testid=toasts]", "saved").await;
    detail.expect(shown).await;

    // Delete from the list, after confirming.
    list.open().await;
    list.find(case.name_column, case.name).await;
    list.select(case.name).await;
    list.delete_selected(case.name, &format!("Deleted 1 of 1 {}", case.noun)).await;
    list.expect_empty().await;
    b.close().await;
}

#[tokio::test]
async fn node_pools_generic_path() {
    generic_path(Case {
        path: "/nodepools",
        noun: "node pools",
        filter: ("Node pool", "contains", "a100", &["a100-train", "a100-research"]),
        sort: ("name", "v100-legacy"),
        name_column: "Node pool",
        name: "gb200",
        fill: |form| Box::pin(async move {
            form.pick("cluster", PROD).await.fill("labelValue", "gb200").await;
        }),
        edit: ("labelValue", "gb200-nvl72", "gb200-nvl72"),
    })
    .await;
}

#[tokio::test]
async fn departments_generic_path() {
    generic_path(Case {
        path: "/departments",
        noun: "departments",
        filter: ("Department", "starts with", "res", &["research"]),
        sort: ("name", "research"),
        name_column: "Department",
        name: "finance",
        fill: |form| Box::pin(async move {
            form.pick("cluster", PROD).await.quota("dgx-h100", "GPU quota", "6").await;
        }),
        edit: ("description", "Money matters", "Money matters"),
    })
    .await;
}

#[tokio::test]
async fn projects_generic_path() {
    generic_path(Case {
        path: "/projects",
        noun: "projects",
        filter: ("Department", "is", "production", &["search-ranking", "fraud-detect", "ads-ctr", "chat-assist", "translation", "ocr", "forecasting", "moderation"]),
        sort: ("name", "workshops"),
        name_column: "Project",
        name: "team-rocket",
        fill: |form| Box::pin(async move {
            form.pick("cluster", PROD).await.pick_label("department", "ml-research").await;
            form.quota("a100-train", "GPU quota", "2").await.quota("a100-train", "GPU limit", "4").await;
        }),
        edit: ("description", "Prepare for trouble", "Prepare for trouble"),
    })
    .await;
}

#[tokio::test]
async fn projects_page_through_the_server() {
    let b = Browser::default().await;
    b.open("/projects?size=25").await;
    b.sign_in().await;
    b.wait_text("[data-testid=page-range]", "1–25 of 40").await;
    b.click_button("Next").await;
    b.wait_text("[data-testid=page-range]", "26–40 of 40").await;
    assert!(b.path().await.contains("page=2"));
    b.close().await;
}

async fn new_project_form<'a>(b: &'a Browser, name: &str) -> FormPage<'a> {
    b.open("/projects/new").await;
    b.sign_in().await;
    let form = FormPage::wait(b).await;
    form.fill("name", name).await.pick("cluster", PROD).await.pick_label("department", "ml-research").await;
    form.quota("a100-train", "GPU quota", "2").await.fill("description", "kept on failure").await;
    form
}

async fn input_is_kept(b: &Browser, name: &str) {
    assert_eq!(b.value_of("field-name").await, name);
    assert_eq!(b.value_of("field-description").await, "kept on failure");
    assert_eq!(b.find("input[aria-label='a100-train GPU quota']").await.prop("value").await.unwrap().as_deref(), Some("2"));
    assert!(b.path().await.ends_with("/projects/new"), "still on the form");
}

#[tokio::test]
async fn a_validation_error_shows_at_its_field() {
    let b = Browser::default().await;
    let form = new_project_form(&b, "Team Rocket").await;
    form.submit("Create").await;
    form.expect_field_error("name", "lowercase").await;
    assert_eq!(b.eval("return document.activeElement.id").await, "field-name", "focus moves to the first error");
    form.quota("a100-train", "GPU limit", "1").await.fill("name", "team-rocket").await;
    form.submit("Create").await;
    form.expect_field_error("resources", "limit must be at least").await;
    input_is_kept(&b, "team-rocket").await;
    b.close().await;
}

#[tokio::test]
async fn a_duplicate_name_is_refused_and_the_form_kept() {
    let b = Browser::default().await;
    let form = new_project_form(&b, "vision").await;
    form.submit("Create").await;
    form.expect_error("conflicts").await;
    form.expect_field_error("name", "already exists").await;
    input_is_kept(&b, "vision").await;
    b.close().await;
}

#[tokio::test]
async fn a_server_failure_on_save_keeps_the_input_and_a_retry_works() {
    let b = Browser::start(Options::default()).await;
    b.emulator.state.inject("POST".parse().unwrap(), "/api/v1/org-unit/projects", 500, 1);
    let form = new_project_form(&b, "team-rocket").await;
    form.submit("Create").await;
    form.expect_error("failed (HTTP 500)").await;
    input_is_kept(&b, "team-rocket").await;
    form.submit("Create").await;
    b.wait_text("[data-testid=toasts]", "created").await;
    DetailPage::wait(&b, "team-rocket").await;
    b.close().await;
}

#[tokio::test]
async fn cluster_detail_lists_its_node_pools_and_nodes() {
    let b = Browser::default().await;
    b.open(&format!("/clusters/{PROD}")).await;
    b.sign_in().await;
    b.wait_text("section[aria-label='Node pools']", "dgx-h100").await;
    let pools = b.wait_text("section[aria-label='Node pools']", "l40s-inference").await;
    assert!(!pools.contains("v100-legacy"), "only this cluster's pools");
    b.wait_text("section[aria-label='Nodes']", "prod-dgx-h100-001").await;
    b.close().await;
}

#[tokio::test]
async fn department_detail_lists_its_projects() {
    let b = Browser::default().await;
    b.open("/departments").await;
    b.sign_in().await;
    b.add_filter("Department", "is", "production").await;
    b.click("table.data-table a").await;
    b.wait_text("section[aria-label='Projects']", "fraud-detect").await;
    let projects = b.wait_text("section[aria-label='Projects']", "8 of").await;
    assert!(!projects.contains("vision"), "only this department's projects: {projects}");
    b.close().await;
}

#[tokio::test]
async fn nodes_export_and_details() {
    let b = Browser::default().await;
    b.open("/nodes").await;
    b.sign_in().await;
    b.wait_text("[data-testid=page-range]", "of 20").await;
    b.select_row("prod-dgx-h100-001").await;
    b.click_button("Details").await;
    b.wait_text("[data-testid=details-pane]", "NVIDIA-H100-80GB-HBM3").await;
    b.click_button("Export CSV").await;
    b.wait_text("[data-testid=toasts]", "Exported 20 nodes").await;
    b.close().await;
}

#[tokio::test]
async fn a_projects_quota_beyond_its_departments_unassigned_is_warned_of() {
    let b = Browser::default().await;
    let form = new_project_form(&b, "team-rocket").await;
    // A node pool where ml-research holds GPU quota, and what its other projects hold of it.
    let (pool, total, taken) = {
        let tenant = b.emulator.state.tenant.lock().unwrap();
        let department = tenant.org.departments.iter().find(|d| d["name"] == "ml-research").unwrap();
        let gpus = |unit: &serde_json::Value, pool: &str| -> f64 {
            let entries = unit["resources"].as_array().unwrap().iter().filter(|r| r["nodePool"]["name"] == pool);
            entries.map(|r| r["gpu"]["deserved"].as_f64().unwrap_or(0.0).max(0.0)).sum::<f64>() + 0.0
        };
        let entries = department["resources"].as_array().unwrap();
        let pool = entries.iter().find(|r| r["gpu"]["deserved"].as_f64().unwrap_or(0.0) > 0.0).unwrap()["nodePool"]["name"].as_str().unwrap().to_owned();
        let id = department["id"].as_str().unwrap();
        let taken = tenant.org.projects.iter().filter(|p| p["parentId"] == id).map(|p| gpus(p, &pool)).sum::<f64>() + 0.0;
        (pool.clone(), gpus(department, &pool), taken)
    };
    let left = (total - taken).max(0.0);
    form.quota("a100-train", "GPU quota", "0").await;
    form.quota(&pool, "GPU quota", &(left + 1.0).to_string()).await;
    b.wait_text("[data-testid=quota-warning]", &format!("{pool}: {} GPUs is more than the {left} its department has unassigned (of {total}).", left + 1.0)).await;
    form.quota(&pool, "GPU quota", &left.to_string()).await;
    b.wait_gone("[data-testid=quota-warning]").await;
    b.close().await;
}

#[tokio::test]
async fn a_departments_quota_below_what_its_projects_hold_is_warned_of() {
    let b = Browser::default().await;
    // ml-research's node pool where its projects hold the most GPU quota, and how much.
    let (id, pool, held) = {
        let tenant = b.emulator.state.tenant.lock().unwrap();
        let department = tenant.org.departments.iter().find(|d| d["name"] == "ml-research").unwrap();
        let id = department["id"].as_str().unwrap().to_owned();
        let mut held: Vec<(String, f64)> = Vec::new();
        for entry in tenant.org.projects.iter().filter(|p| p["parentId"] == id.as_str()).flat_map(|p| p["resources"].as_array().unwrap()) {
            let (pool, gpus) = (entry["nodePool"]["name"].as_str().unwrap().to_owned(), entry["gpu"]["deserved"].as_f64().unwrap_or(0.0).max(0.0));
            match held.iter_mut().find(|(p, _)| *p == pool) {
                Some((_, sum)) => *sum += gpus,
                None => held.push((pool, gpus)),
            }
        }
        let (pool, sum) = held.into_iter().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
        assert!(sum > 0.0, "ml-research's projects hold quota in {pool}");
        (id, pool, sum)
    };
    b.open(&format!("/departments/{id}/edit")).await;
    b.sign_in().await;
    let form = FormPage::wait(&b).await;
    form.quota(&pool, "GPU quota", &(held - 1.0).to_string()).await;
    b.wait_text("[data-testid=quota-warning]", &format!("{pool}: {} GPUs is less than the {held} its projects are guaranteed.", held - 1.0)).await;
    form.quota(&pool, "GPU quota", &held.to_string()).await;
    b.wait_gone("[data-testid=quota-warning]").await;
    b.close().await;
}
