//! End to end: what a list asks of an operator's hands. Dates are picked as days, never typed
//! as free text; the actions on a selection are a keystroke away from the row.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::pages::ListPage;
use support::Browser;

const VALUE: &str = "input[aria-label='Filter value']";

#[tokio::test]
async fn a_date_filter_takes_a_day_and_sends_its_bound() {
    let b = Browser::default().await;
    b.open("/projects").await;
    b.sign_in().await;
    ListPage::at(&b, "/projects").wait_loaded().await;
    b.select_label("select[aria-label='Filter column']", "Created").await;
    b.wait_eval(&format!("return document.querySelector(\"{VALUE}\").type"), "date").await;
    // Free text cannot be entered, and an empty day is refused where it was asked for.
    assert_eq!(b.set_filter_value("last week").await, "", "a date input holds no free text");
    b.click_button("Add filter").await;
    b.wait_text("form.filter-bar [role=alert]", "Pick a day.").await;

    b.select_label("select[aria-label='Filter operator']", "on or before").await;
    assert_eq!(b.set_filter_value("2025-03-15").await, "2025-03-15");
    b.click_button("Add filter").await;
    b.wait_text("[data-testid=filter-chip]", "Created on or before 2025-03-15").await;
    // The last second of that day in the browser's zone (UTC, as `Browser::default` runs
    // it): five projects.
    b.wait_text("[data-testid=page-range]", "of 5").await;
    b.wait_eval("return decodeURIComponent(location.search).includes('createdAt<=2025-03-15T23:59:59Z')", true).await;
    b.close().await;
}

#[tokio::test]
async fn enter_on_a_row_goes_to_the_actions_and_escape_comes_back() {
    let b = Browser::default().await;
    b.open("/projects").await;
    b.sign_in().await;
    ListPage::at(&b, "/projects").wait_loaded().await;
    // The last row of the page: the action bar is above every row.
    b.eval("const boxes = document.querySelectorAll('tbody input[type=checkbox]'); boxes[boxes.length - 1].focus();").await;
    let row = b.client.active_element().await.unwrap();
    row.send_keys("\u{E007}").await.unwrap(); // Enter
    b.find("[data-testid=action-bar]").await;
    b.wait_eval("return document.activeElement.closest('[data-testid=action-bar]') !== null", true).await;
    b.wait_text("[data-testid=action-bar]", "1 selected").await;
    b.client.active_element().await.unwrap().send_keys("\u{E00C}").await.unwrap(); // Escape
    b.wait_eval("return document.activeElement.matches('tbody input[type=checkbox]:checked')", true).await;
    let boxes = "const boxes = document.querySelectorAll('tbody input[type=checkbox]'); return document.activeElement === boxes[boxes.length - 1];";
    b.wait_eval(boxes, true).await;
    b.close().await;
}

/// The console routes itself (src/router.rs): back and forward move between its pages without
/// a reload, a list comes back with its query, and the page is built anew each time.
#[tokio::test]
async fn back_and_forward_follow_the_pages_and_a_lists_query() {
    let b = Browser::default().await;
    b.open("/clusters").await;
    b.sign_in().await;
    b.wait_text("table.data-table", "research-ocp").await;
    b.fill_search("ocp").await;
    b.wait_rows(&["research-ocp"]).await;
    b.wait_eval("return location.search", "?q=ocp").await;
    // A marker on the window: it survives only if the page is never reloaded.
    b.eval("window.__kept = true").await;
    b.click("table.data-table a[href^='/clusters/']").await;
    b.wait_text("h1#page-title", "research-ocp").await;
    let detail = b.path().await;
    assert!(detail.starts_with("/clusters/"), "{detail}");

    b.eval("history.back()").await;
    b.wait_eval("return location.pathname + location.search", "/clusters?q=ocp").await;
    b.wait_rows(&["research-ocp"]).await;
    assert_eq!(b.value_of_css("input.search").await, "ocp", "the list's search comes back with it");
    b.eval("history.forward()").await;
    b.wait_eval("return location.pathname", detail.as_str()).await;
    b.wait_text("h1#page-title", "research-ocp").await;
    b.wait_eval("return document.title", "research-ocp · Run:ai console").await;
    assert_eq!(b.eval("return window.__kept === true").await, true, "no reload");
    b.close().await;
}
