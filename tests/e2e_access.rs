//! End to end on access control: the create-user-project-assign flow, a service account's
//! credentials shown once and used to sign in, and the read-only viewer.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use runai_emulator::{VIEWER_CLIENT_ID, VIEWER_CLIENT_SECRET};
use support::Browser;

const PROD: &str = "3f8a1c52-7d4e-4b2a-9c61-0e5d2b8f4a17";

async fn go(b: &Browser, path: &str) {
    b.click(&format!("nav.sidenav a[href='{path}']")).await;
}

/// Grants `role` to a subject in a scope through the access-rule form.
async fn grant(b: &Browser, subject_type: &str, subject: &str, role: &str, scope: &str) {
    go(b, "/access-rules").await;
    b.click("a[href='/access-rules/new']").await;
    b.select("#field-subjectType", subject_type).await;
    b.fill("field-subject", subject).await;
    b.select_label("#field-role", role).await;
    b.select_label("#field-scope", scope).await;
    b.click_button("Create").await;
    b.wait_text("[data-testid=toasts]", "Access rule").await;
}

#[tokio::test]
async fn create_a_user_a_project_and_give_the_user_a_role_on_it() {
    let b = Browser::default().await;
    b.open("/users/new").await;
    b.sign_in().await;
    b.fill("field-email", "erin@example.com").await;
    b.click_button("Create").await;
    b.wait_text("[data-testid=secret-dialog]", "erin@example.com").await;
    let password = b.find("[data-testid=secret-value][data-label='Temporary password']").await.text().await.unwrap();
    assert!(password.len() >= 8);
    b.click_button("I have copied it").await;
    b.wait_text("h1", "erin@example.com").await;
    assert!(!b.persisted_and_visible().await.contains(&password), "the password is gone once the dialog closes");

    go(&b, "/projects").await;
    b.click("a[href='/projects/new']").await;
    b.fill("field-name", "erin-lab").await;
    b.select("#field-cluster", PROD).await;
    b.select_label("#field-department", "ml-research").await;
    b.click_button("Create").await;
    b.wait_text("h1", "erin-lab").await;

    grant(&b, "user", "erin@example.com", "L1 researcher", "Project prod-dgx / ml-research / erin-lab").await;

    go(&b, "/users").await;
    b.add_filter("User", "is", "erin@example.com").await;
    b.click("table.data-table a[href^='/users/']").await;
    b.wait_text("section[aria-label='Access rules']", "L1 researcher").await;

    go(&b, "/projects").await;
    b.fill_search("erin-lab").await;
    b.wait_rows(&["erin-lab"]).await;
    b.click("table.data-table a[href^='/projects/']").await;
    b.wait_text("section[aria-label='Access rules']", "erin@example.com").await;
    b.close().await;
}

#[tokio::test]
async fn a_new_service_account_signs_in_with_the_credentials_shown_once() {
    let b = Browser::default().await;
    b.open("/service-accounts/new").await;
    b.sign_in().await;
    b.fill("field-name", "ci-bot").await;
    b.click_button("Create").await;
    b.wait_text("[data-testid=secret-dialog]", "will not be shown again").await;
    let client_id = b.find("[data-testid=secret-value][data-label='Client ID']").await.text().await.unwrap();
    let secret = b.find("[data-testid=secret-value][data-label='Client secret']").await.text().await.unwrap();
    assert_eq!(client_id, "ci-bot");
    b.click_button("I have copied it").await;
    b.wait_text("h1", "ci-bot").await;
    assert!(!b.persisted_and_visible().await.contains(&secret), "the secret is gone from the page, storage and URL");

    grant(&b, "service-account", "ci-bot", "Viewer", "Tenant (everything)").await;
    b.click_button("Sign out").await;
    b.sign_in_with(&client_id, &secret).await;
    b.find("[data-testid=signed-in-client]").await;
    go(&b, "/my-access").await;
    b.wait_text("section.page", "Viewer").await;
    assert!(!b.persisted_and_visible().await.contains(&secret));
    assert!(!b.console_log().await.contains(&secret), "never in the browser console");
    b.close().await;
}

#[tokio::test]
async fn the_viewer_reads_its_department_and_cannot_write() {
    let b = Browser::default().await;
    b.open("/projects").await;
    b.sign_in_with(VIEWER_CLIENT_ID, VIEWER_CLIENT_SECRET).await;
    b.wait_text("[data-testid=page-range]", "of 10").await;
    let nav = b.find("nav.sidenav").await.text().await.unwrap();
    for absent in ["Users", "Service accounts", "Roles"] {
        assert!(!nav.contains(absent), "{absent} is outside its scope: {nav}");
    }
    assert!(!b.exists("a[href='/projects/new']").await, "no create control");
    b.select_row("vision").await;
    let bar = b.find("[data-testid=action-bar]").await.text().await.unwrap();
    assert!(!bar.contains("Delete") && !bar.contains("Edit"), "no write controls: {bar}");
    b.click("table.data-table a[href^='/projects/']").await;
    b.wait_text("h1", "vision").await;
    assert!(!b.exists("a[href$='/edit']").await && !b.exists(".detail .button.danger").await);

    go(&b, "/departments").await;
    b.wait_rows(&["ml-research"]).await;

    // The create page typed into the address bar says why there is no form.
    b.click("nav.sidenav a[href='/projects']").await;
    b.eval("history.pushState({}, '', '/projects/new'); dispatchEvent(new PopStateEvent('popstate'))").await;
    b.wait_text("section.page", "You do not have permission to create projects.").await;
    assert!(!b.exists("#field-name").await, "no form to fill");
    assert!(b.exists("nav.sidenav").await, "the rest of the console still works");
    b.close().await;
}

#[tokio::test]
async fn a_personal_access_key_signs_in_as_its_owner() {
    let b = Browser::default().await;
    b.open("/access-keys/new").await;
    b.sign_in().await;
    b.fill("field-name", "laptop").await;
    b.click_button("Create").await;
    b.wait_text("[data-testid=secret-dialog]", "will not be shown again").await;
    let client_id = b.find("[data-testid=secret-value][data-label='Client ID']").await.text().await.unwrap();
    let secret = b.find("[data-testid=secret-value][data-label='Client secret']").await.text().await.unwrap();
    b.click_button("I have copied it").await;
    b.wait_rows(&["laptop"]).await;
    assert!(!b.persisted_and_visible().await.contains(&secret));

    go(&b, "/all-access-keys").await;
    b.wait_text("table.data-table", "demo-admin").await;

    b.click_button("Sign out").await;
    b.sign_in_with(&client_id, &secret).await;
    go(&b, "/my-access").await;
    b.wait_text("section.page", "System administrator").await;
    b.close().await;
}

#[tokio::test]
async fn deprecated_applications_still_work_and_say_so() {
    let b = Browser::default().await;
    b.open("/applications").await;
    b.sign_in().await;
    b.wait_text("section.page, .notice", "deprecated").await;
    b.click("a[href='/applications/new']").await;
    b.fill("field-name", "old-bot").await;
    b.click_button("Create").await;
    b.wait_text("[data-testid=secret-dialog]", "old-bot").await;
    b.click_button("I have copied it").await;
    b.wait_text("h1", "old-bot").await;
    b.click_button("Regenerate secret").await;
    // It asks first: the old secret stops working.
    b.wait_text("[data-testid=confirm-dialog]", "stops working").await;
    b.click("[data-testid=confirm-dialog] button.danger").await;
    b.wait_text("[data-testid=secret-dialog]", "New client secret").await;
    b.click_button("I have copied it").await;
    b.click_button("Disable").await;
    b.wait_text("[data-testid=toasts]", "disabled").await;
    b.close().await;
}
