//! End to end, as an operator: the release build in headless Chromium against the emulator.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use runai_emulator::Options;
use std::sync::atomic::Ordering;
use std::time::Duration;
use support::pages::ListPage;
use support::{Browser, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

const RESEARCH_UUID: &str = "b27e90d4-1c3f-4e8a-a5d6-7f2c4e9b1d30";

#[tokio::test]
async fn signs_in_to_the_workloads_and_lists_the_clusters() {
    let b = Browser::default().await;
    b.open("/").await;
    b.find("form.signin-card").await;
    assert_eq!(b.value_of("control-plane").await, b.emulator.url(), "defaults to the page's own origin");
    b.sign_in().await;

    // The Overview comes first, then the operator's daily list.
    b.wait_text("h1#page-title", "Overview").await;
    assert_eq!(b.path().await, "/");
    b.click("nav.sidenav a[href='/workloads']").await;
    b.wait_text("[data-testid=page-range]", "of 60").await;
    assert_eq!(b.path().await, "/workloads");
    b.click("nav.sidenav a[href='/clusters']").await;
    b.wait_text("table.data-table", "research-ocp").await;
    let table = b.wait_text("table.data-table", "prod-dgx").await;
    for expected in ["Connected", "Service issues", "2.24.31", "OpenShift v1.29.8", "2025-03-12 09:14 UTC"] {
        assert!(table.contains(expected), "{expected} missing from {table}");
    }
    assert_eq!(b.path().await, "/clusters");
    let host = b.emulator.url().trim_start_matches("http://").to_owned();
    b.wait_text("[data-testid=control-plane-host]", &host).await;
    b.wait_text("[data-testid=signed-in-client]", DEMO_CLIENT_ID).await;
    b.wait_text("nav.sidenav", "Clusters").await;
    b.close().await;
}

#[tokio::test]
async fn times_read_in_the_browsers_time_zone_or_in_utc() {
    // India has no summer time: its offset is the same on any date.
    let b = Browser::in_zone("Asia/Kolkata").await;
    b.open("/clusters").await;
    b.sign_in().await;
    let table = b.wait_text("table.data-table", "2025-03-12 14:44 UTC+5:30").await;
    assert!(!table.contains("09:14 UTC"), "local time only: {table}");
    b.click("[data-testid=utc]").await;
    let table = b.wait_text("table.data-table", "2025-03-12 09:14 UTC").await;
    assert!(!table.contains("UTC+5:30"), "UTC only: {table}");
    // The choice outlasts the visit: the next one (signed in again) starts in UTC.
    b.open("/clusters").await;
    b.sign_in().await;
    b.wait_text("table.data-table", "2025-03-12 09:14 UTC").await;
    assert_eq!(b.eval("return document.querySelector('[data-testid=utc]').checked").await, true);
    // And back to the browser's zone.
    b.click("[data-testid=utc]").await;
    b.wait_text("table.data-table", "UTC+5:30").await;

    // A day picked in a filter is a day in that zone too: 12 March in India starts at 18:30
    // UTC on the 11th.
    b.click("nav.sidenav a[href='/projects']").await;
    ListPage::at(&b, "/projects").wait_loaded().await;
    b.select_label("select[aria-label='Filter column']", "Created").await;
    b.select_label("select[aria-label='Filter operator']", "on or after").await;
    assert_eq!(b.set_filter_value("2025-03-12").await, "2025-03-12");
    let mark = b.emulator.state.requests.lock().unwrap().mark();
    b.click_button("Add filter").await;
    b.wait_text("[data-testid=filter-chip]", "Created on or after 2025-03-12").await;
    let sent = b.emulator.state.requests.lock().unwrap().since(mark);
    assert!(sent.iter().any(|r| r.contains("createdAt%3E%3D2025-03-11T18%3A30%3A00Z")), "{sent:?}");
    b.close().await;
}

#[tokio::test]
async fn clusters_search_sort_and_detail() {
    let b = Browser::default().await;
    b.open("/clusters").await;
    b.sign_in().await;
    b.wait_text("table.data-table", "research-ocp").await;

    b.fill_search("ocp").await;
    b.wait_text("[data-testid=page-range]", "1–1 of 1").await;
    b.wait_rows(&["research-ocp"]).await;
    assert!(b.path().await.contains("q=ocp"), "search is in the URL");
    b.fill_search("no such cluster").await;
    b.wait_text("[data-testid=list-empty]", "No clusters match").await;
    b.fill_search("").await;
    b.wait_text("[data-testid=page-range]", "1–2 of 2").await;

    b.click("th[data-column=name] button").await;
    b.click("th[data-column=name] button").await;
    b.find("th[data-column=name][aria-sort=descending]").await;
    b.wait_rows(&["research-ocp", "prod-dgx"]).await;
    assert!(b.path().await.contains("dir=desc"));

    b.click("tbody tr:first-child td a").await;
    b.wait_text("h1", "research-ocp").await;
    b.wait_text(".detail", "metrics-exporter").await;
    b.wait_text(".detail", "Not ready").await;
    assert_eq!(b.path().await, format!("/clusters/{RESEARCH_UUID}"));
    b.close().await;
}

#[tokio::test]
async fn wrong_secret_shows_an_error_and_stays_on_sign_in() {
    let b = Browser::default().await;
    b.open("/").await;
    b.sign_in_with(DEMO_CLIENT_ID, "not-the-secret").await;
    b.wait_text("[data-testid=signin-error]", "Invalid client ID or secret.").await;
    assert_eq!(b.value_of("client-id").await, DEMO_CLIENT_ID, "the client ID is kept");
    assert_eq!(b.value_of("client-secret").await, "", "the secret is cleared");
    assert_eq!(b.value_of("control-plane").await, b.emulator.url(), "the URL is kept");
    assert!(!b.exists("[data-testid=signed-in-client]").await);
    b.close().await;
}

#[tokio::test]
async fn a_control_plane_that_is_not_there_is_named_in_the_error() {
    let b = Browser::default().await;
    b.open("/").await;
    b.fill("control-plane", "http://127.0.0.1:9").await;
    b.sign_in_with(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET).await;
    b.wait_text("[data-testid=signin-error]", "Cannot reach the Run:ai control plane at 127.0.0.1:9").await;
    assert_eq!(b.value_of("control-plane").await, "http://127.0.0.1:9");
    assert_eq!(b.value_of("client-id").await, DEMO_CLIENT_ID);
    b.close().await;
}

#[tokio::test]
async fn the_token_is_renewed_before_it_expires() {
    let b = Browser::start(Options { token_ttl: 4, ..Options::default() }).await;
    b.open("/clusters").await;
    b.sign_in().await;
    b.wait_text("table.data-table", "prod-dgx").await;
    // Renewal is due at three quarters of a short lifetime: 3 s, then 6 s, 9 s...
    let started = std::time::Instant::now();
    while b.emulator.state.tokens_issued.load(Ordering::SeqCst) < 3 {
        let issued = b.emulator.state.tokens_issued.load(Ordering::SeqCst);
        assert!(started.elapsed() < Duration::from_secs(20), "only {issued} tokens issued in 20 s of 4 s tokens");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    b.click_button("Refresh").await;
    b.click(&format!("a[href='/clusters/{RESEARCH_UUID}']")).await;
    b.wait_text("h1", "research-ocp").await;
    assert!(!b.exists("form.signin-card").await, "still signed in");
    b.close().await;
}

#[tokio::test]
async fn a_revoked_token_is_renewed_once_and_the_request_retried() {
    let b = Browser::default().await;
    b.open("/clusters").await;
    b.sign_in().await;
    b.wait_text("table.data-table", "prod-dgx").await;
    let before = b.emulator.state.tokens_issued.load(Ordering::SeqCst);
    b.emulator.state.revoke_all_tokens();
    b.click(&format!("a[href='/clusters/{RESEARCH_UUID}']")).await;
    b.wait_text("h1", "research-ocp").await;
    assert_eq!(b.emulator.state.tokens_issued.load(Ordering::SeqCst), before + 1, "one renewal");
    assert!(!b.exists("[data-testid=error-panel]").await);
    b.close().await;
}

#[tokio::test]
async fn a_deep_link_survives_sign_in() {
    let b = Browser::default().await;
    b.open(&format!("/clusters/{RESEARCH_UUID}")).await;
    b.sign_in().await;
    b.wait_text("h1", "research-ocp").await;
    assert_eq!(b.path().await, format!("/clusters/{RESEARCH_UUID}"));
    b.close().await;
}

#[tokio::test]
async fn an_unknown_cluster_says_so_with_a_way_back() {
    let b = Browser::default().await;
    b.open("/clusters/00000000-0000-4000-8000-000000000000").await;
    b.sign_in().await;
    b.wait_text("[data-testid=error-panel]", "does not exist").await;
    b.click("[data-testid=error-panel] a").await;
    b.wait_text("table.data-table", "prod-dgx").await;
    b.close().await;
}

#[tokio::test]
async fn sign_out_returns_to_sign_in_and_nothing_keeps_the_secret_or_token() {
    let b = Browser::default().await;
    b.open("/clusters").await;
    b.sign_in().await;
    b.wait_text("table.data-table", "prod-dgx").await;
    let token = b.emulator.state.grant(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET).unwrap();
    let token_prefix = &token[..token.find('.').unwrap() + 20];

    let signed_in = b.persisted_and_visible().await;
    assert!(!signed_in.contains(DEMO_CLIENT_SECRET), "the secret is visible or persisted: {signed_in}");
    assert!(signed_in.contains("\"local\":[]") && signed_in.contains("\"session\":[]"), "{signed_in}");

    b.click_button("Sign out").await;
    b.find("form.signin-card").await;
    assert_eq!(b.path().await, "/");
    assert_eq!(b.value_of("client-secret").await, "");
    let signed_out = b.persisted_and_visible().await;
    assert!(!signed_out.contains(DEMO_CLIENT_SECRET), "{signed_out}");
    assert!(!signed_out.contains("eyJ"), "a token is still around: {signed_out}");
    assert!(signed_out.contains("\"local\":[]") && signed_out.contains("\"session\":[]"), "{signed_out}");
    assert!(signed_out.contains("\"cookies\":\"\""), "{signed_out}");
    let log = b.console_log().await;
    assert!(!log.contains(DEMO_CLIENT_SECRET) && !log.contains(token_prefix), "the browser console: {log}");
    b.close().await;
}

#[tokio::test]
async fn falls_back_to_the_v1_token_endpoint_on_older_control_planes() {
    let b = Browser::start(Options { v2_token: false, ..Options::default() }).await;
    b.open("/").await;
    b.sign_in_with(DEMO_CLIENT_ID, "wrong").await;
    b.wait_text("[data-testid=signin-error]", "Invalid client ID or secret.").await;
    b.sign_in().await;
    b.wait_text("[data-testid=tile]", "Ready GPU nodes").await;
    b.close().await;
}
