//! End to end: the console survives what an operator's hands and a bad network do to it:
//! leaving a page while its timers and loops are still running, state that must not follow
//! the operator to another page, and the last-resort screen.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::pages::ListPage;
use support::Browser;

/// Types into the list's search box and, in the same task (well within the search's 300 ms
/// pause), follows a navigation link.
const TYPE_THEN_LEAVE: &str = "
    const box = document.querySelector('input.search');
    box.value = 'vis';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    document.querySelector(\"nav.sidenav a[href='/nodes']\").click();";

#[tokio::test]
async fn leaving_a_list_while_its_search_waits_neither_crashes_nor_carries_the_search() {
    let b = Browser::default().await;
    b.open("/projects").await;
    b.sign_in().await;
    let projects = ListPage::at(&b, "/projects");
    projects.wait_loaded().await;
    // An open Columns menu must not follow to the next page either.
    b.click("details.menu summary").await;
    b.find("details.menu[open]").await;
    b.eval(TYPE_THEN_LEAVE).await;
    b.wait_text("[data-testid=page-range]", "of 20").await;
    // The search's timer would have fired by now; the page is alive and is the nodes list.
    b.stays_absent(".crash", 800).await;
    assert_eq!(b.value_of_css("input.search").await, "", "the search box starts empty on another list");
    assert!(!b.path().await.contains("q="), "the old search did not land in the new page's URL: {}", b.path().await);
    assert!(!b.exists("details.menu[open]").await, "the Columns menu is closed on the new page");
    b.close().await;
}

#[tokio::test]
async fn leaving_while_an_export_pages_stops_it_without_a_crash() {
    let b = Browser::start(runai_emulator::Options { scale: 2_000, ..Default::default() }).await;
    b.open("/projects").await;
    b.sign_in().await;
    ListPage::at(&b, "/projects").wait_loaded().await;
    b.click_button("Export CSV").await;
    b.wait_text("[role=status].progress", "Exporting").await;
    b.click("nav.sidenav a[href='/clusters']").await;
    b.wait_text("table.data-table", "prod-dgx").await;
    let before = b.emulator.state.requests.lock().unwrap().mark();
    b.stays_absent(".crash", 1_000).await;
    let after = b.emulator.state.requests.lock().unwrap().since(before);
    assert!(after.iter().all(|r| !r.contains("/org-unit/projects")), "the export stopped paging when its page went: {after:?}");
    b.close().await;
}

#[tokio::test]
async fn a_rate_limit_is_named_and_waited_out() {
    let b = Browser::default().await;
    b.open("/projects").await;
    b.sign_in().await;
    ListPage::at(&b, "/projects").wait_loaded().await;
    b.emulator.state.inject("GET".parse().unwrap(), "/api/v1/org-unit/projects", 429, 1);
    b.click_button("Refresh").await;
    b.wait_text("[data-testid=api-notice]", "Rate limited by the control plane; retrying in 2 s.").await;
    // After the wait the list is there and the notice gone.
    b.find("table.data-table tbody tr").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while b.exists("[data-testid=api-notice]").await {
        assert!(std::time::Instant::now() < deadline, "the notice stays after the retry");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    b.close().await;
}

#[tokio::test]
async fn offline_is_said_and_the_list_reloads_when_back() {
    let b = Browser::default().await;
    b.open("/projects").await;
    b.sign_in().await;
    ListPage::at(&b, "/projects").wait_loaded().await;
    b.set_online(false).await;
    b.wait_text("[data-testid=offline]", "You are offline").await;
    // A refresh while offline keeps the rows, said to be out of date, instead of an error.
    b.click_button("Refresh").await;
    b.wait_text("[data-testid=stale]", "may be out of date").await;
    assert!(b.exists("table.data-table tbody tr").await, "the rows stay on screen");
    assert!(!b.exists("[data-testid=error-panel]").await);
    // A new search is another question: the rows on screen do not answer it, so its failure
    // is said instead of them.
    b.fill_search("team").await;
    b.wait_text("[data-testid=error-panel]", "Cannot reach the Run:ai control plane").await;
    assert!(!b.exists("[data-testid=stale]").await, "no banner over rows that are gone");
    let mark = b.emulator.state.requests.lock().unwrap().mark();
    b.set_online(true).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let since = b.emulator.state.requests.lock().unwrap().since(mark);
        let mut fresh = true;
        for shown in ["[data-testid=offline]", "[data-testid=stale]", "[data-testid=error-panel]"] {
            fresh &= !b.exists(shown).await;
        }
        if fresh && since.iter().any(|r| r.starts_with("GET /api/v1/org-unit/projects?")) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "no reload after reconnecting: {since:?}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    b.close().await;
}

#[tokio::test]
async fn each_page_is_named_and_focused_with_a_skip_link() {
    let b = Browser::default().await;
    b.open("/projects").await;
    b.sign_in().await;
    ListPage::at(&b, "/projects").wait_loaded().await;
    b.click("nav.sidenav a[href='/departments']").await;
    b.wait_text("h1", "Departments").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while b.eval("return document.title").await != "Departments · Run:ai console" {
        assert!(std::time::Instant::now() < deadline, "title is {}", b.eval("return document.title").await);
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(b.eval("return document.activeElement.id").await, "page-title", "focus moves to the page heading");
    assert!(b.exists("a.skip-link[href='#content']").await, "a skip link leads to the content");
    b.close().await;
}

#[tokio::test]
async fn two_clicks_send_one_create() {
    let b = Browser::default().await;
    b.open("/access-keys/new").await;
    b.sign_in().await;
    let form = support::pages::FormPage::wait(&b).await;
    form.fill("name", "twice").await;
    let mark = b.emulator.state.requests.lock().unwrap().mark();
    b.eval("const create = [...document.querySelectorAll('button')].find(x => x.textContent.trim() == 'Create'); create.click(); create.click();").await;
    b.wait_text("[data-testid=secret-dialog]", "will not be shown again").await;
    let posts: Vec<String> = b.emulator.state.requests.lock().unwrap().since(mark).into_iter().filter(|r| r.starts_with("POST /api/v1/access-keys")).collect();
    assert_eq!(posts.len(), 1, "one create for two clicks: {posts:?}");
    b.close().await;
}

#[tokio::test]
async fn the_secret_field_is_not_offered_to_password_managers_and_a_bad_config_is_named() {
    let dist = tempdir_with_config("{\"controlPlaneUrl\": ");
    let b = Browser::start(runai_emulator::Options { dist: Some(dist.clone()), ..Default::default() }).await;
    b.open("/").await;
    b.wait_text("[data-testid=config-problem]", "config.json could not be read").await;
    let autocomplete = b.eval("return document.getElementById('client-secret').getAttribute('autocomplete')").await;
    assert_eq!(autocomplete, "off");
    b.close().await;
    let _ = std::fs::remove_dir_all(dist);
}

/// A copy of the release bundle with `config.json` holding `text`.
fn tempdir_with_config(text: &str) -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("console-dist-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(support::dist()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    std::fs::write(dir.join("config.json"), text).unwrap();
    dir
}

#[tokio::test]
async fn the_default_node_pool_offers_no_delete() {
    let b = Browser::default().await;
    b.open("/nodepools").await;
    b.sign_in().await;
    let pools = ListPage::at(&b, "/nodepools");
    pools.wait_loaded().await;
    pools.filter("Node pool", "is", "default").await;
    pools.expect_rows(&["default", "default"]).await;
    b.click("input[aria-label='Select default']").await;
    let bar = b.wait_text("[data-testid=action-bar]", "Clear selection").await;
    assert!(!bar.contains("Delete"), "the API refuses to delete a default pool: {bar}");
    b.click("table.data-table a[href^='/nodepools/']").await;
    let detail = support::pages::DetailPage::wait(&b, "default").await;
    detail.expect("Default pool").await;
    b.find("a[href$='/edit']").await;
    assert!(!b.exists(".detail .button.danger").await, "no delete on its page either");
    b.close().await;
}

#[tokio::test]
async fn node_pool_labels_are_checked_as_kubernetes_labels() {
    let b = Browser::default().await;
    b.open("/nodepools/new").await;
    b.sign_in().await;
    let form = support::pages::FormPage::wait(&b).await;
    form.fill("name", "gb200").await.fill("labelKey", "Run.AI/type").await.fill("labelValue", "gb200!").await;
    form.submit("Create").await;
    form.expect_field_error("labelKey", "DNS subdomain").await;
    form.expect_field_error("labelValue", "letters, digits").await;
    b.close().await;
}

#[tokio::test]
async fn dialogs_and_the_details_pane_hold_focus_and_close_on_escape() {
    let b = Browser::default().await;
    b.open("/nodes").await;
    b.sign_in().await;
    let nodes = ListPage::at(&b, "/nodes");
    nodes.wait_loaded().await;
    nodes.select("prod-dgx-h100-001").await;
    b.click_button("Details").await;
    b.find("[data-testid=details-pane]").await;
    let focused = "return document.activeElement && document.activeElement.closest('[data-testid=details-pane]') !== null";
    b.wait_eval(focused, true).await;
    b.eval("document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))").await;
    b.wait_gone("[data-testid=details-pane]").await;

    // A confirmation: focus inside, Esc cancels, focus back on the button that opened it.
    b.click("nav.sidenav a[href='/projects']").await;
    let projects = ListPage::at(&b, "/projects");
    projects.wait_loaded().await;
    projects.select("vision").await;
    b.click_button("Delete").await;
    b.find("[data-testid=confirm-dialog]").await;
    b.wait_eval("return document.activeElement.closest('[data-testid=confirm-dialog]') !== null", true).await;
    b.wait_eval("return document.querySelector('[data-testid=confirm-dialog]').matches(':modal')", true).await;
    b.client.active_element().await.unwrap().send_keys("\u{E00C}").await.unwrap();
    b.wait_gone("[data-testid=confirm-dialog]").await;
    b.wait_eval("return document.activeElement.textContent.trim()", "Delete").await;
    b.close().await;
}

#[tokio::test]
async fn an_idle_session_warns_then_ends_keeping_the_page() {
    let dist = tempdir_with_config("{\"idleMinutes\": 0.1}");
    let b = Browser::start(runai_emulator::Options { dist: Some(dist.clone()), ..Default::default() }).await;
    b.open("/projects/new").await;
    b.sign_in().await;
    let form = support::pages::FormPage::wait(&b).await;
    form.fill("description", "typed before leaving").await;
    b.wait_text("[data-testid=idle-warning]", "signed out in").await;
    b.wait_text(".backdrop form.signin-card", "without activity").await;
    assert_eq!(b.value_of("field-description").await, "typed before leaving", "the page and its input stay under the sign-in form");
    b.close().await;
    let _ = std::fs::remove_dir_all(dist);
}

#[tokio::test]
async fn signing_out_in_one_tab_signs_out_the_others() {
    let b = Browser::default().await;
    b.open("/clusters").await;
    b.sign_in().await;
    let first = b.client.window().await.unwrap();
    let second = b.client.new_window(true).await.unwrap();
    b.client.switch_to_window(second.handle.clone()).await.unwrap();
    b.open("/clusters").await;
    b.sign_in().await;
    b.client.switch_to_window(first).await.unwrap();
    b.click_button("Sign out").await;
    b.find("form.signin-card").await;
    b.client.switch_to_window(second.handle.clone()).await.unwrap();
    b.find("form.signin-card").await;
    assert!(!b.exists("[data-testid=signed-in-client]").await, "the other tab is signed out too");
    b.close().await;
}

#[tokio::test]
async fn a_slow_answer_to_an_old_search_neither_blocks_nor_overwrites_the_new_one() {
    let b = Browser::default().await;
    b.open("/projects").await;
    b.sign_in().await;
    let projects = ListPage::at(&b, "/projects");
    projects.wait_loaded().await;
    // The list (not its count) answers the old search slowly.
    b.emulator.state.slow_down("GET".parse().unwrap(), "/api/v1/org-unit/projects", "limit=50&search=vision", 15_000, 2);
    b.fill_search("vision").await;
    let asked = std::time::Instant::now();
    while !b.emulator.state.requests.lock().unwrap().since(0).iter().any(|r| r.contains("limit=50&search=vision")) {
        assert!(asked.elapsed() < std::time::Duration::from_secs(10), "the search never reached the control plane");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let started = std::time::Instant::now();
    b.fill_search("sandbox").await;
    projects.expect_rows(&["sandbox"]).await;
    assert!(started.elapsed() < std::time::Duration::from_secs(8), "the new search waited for the old one: {:?}", started.elapsed());
    assert!(b.path().await.contains("q=sandbox"));
    b.close().await;
}

#[tokio::test]
async fn a_failed_submit_focuses_the_first_invalid_field_on_screen() {
    let b = Browser::default().await;
    b.open("/projects/new").await;
    b.sign_in().await;
    let form = support::pages::FormPage::wait(&b).await;
    // Two problems: the name (first on screen) and the missing cluster (first by key).
    form.fill("name", "Not A Name").await;
    form.submit("Create").await;
    form.expect_field_error("cluster", "required").await;
    b.wait_eval("return document.activeElement.id", "field-name").await;
    b.close().await;
}

/// A real trap in the running console: one of its closure trampolines called, from a timer as
/// the browser calls them, with a closure that does not exist (its function table slot is null).
const TRAP: &str = "(async () => {
    const wasm = await window.wasmBindings.default();
    const invoke = Object.keys(wasm).find(name => name.includes('invoke'));
    setTimeout(wasm[invoke], 0, 1, 1, 0);
})()";

#[tokio::test]
async fn a_wasm_trap_leaves_a_crash_screen_that_reloads_for_real_and_other_errors_do_not() {
    let b = Browser::default().await;
    b.open("/nodes").await;
    b.sign_in().await;
    ListPage::at(&b, "/nodes").wait_loaded().await;
    // A script error that is not the console's (an extension, say) leaves the page alone.
    b.eval("setTimeout(() => { throw new Error('not ours'); });").await;
    b.stays_absent(".crash", 500).await;
    b.eval(TRAP).await;
    b.wait_text(".crash[role=alert] h1", "Something went wrong").await;
    let link = b.find(".crash a").await;
    assert_eq!(link.attr("rel").await.unwrap().as_deref(), Some("external"), "the router must leave the click to the browser");
    let here = b.eval("return location.href").await;
    assert_eq!(link.attr("href").await.unwrap().as_deref(), here.as_str(), "it reloads where the operator was");
    b.close().await;
}
