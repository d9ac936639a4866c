//! Page objects for the generic pages, whatever the resource: a list page for any path, a
//! form page and a detail page. Tests say what an operator does ("filter by department",
//! "delete it"); these say how, in one place, and every step waits for its outcome instead of
//! sleeping.

use super::{Browser, PATIENCE};
use std::time::{Duration, Instant};

/// The list of records at `path` (e.g. "/projects").
pub struct ListPage<'a> {
    pub b: &'a Browser,
    pub path: &'static str,
}

impl<'a> ListPage<'a> {
    pub fn at(b: &'a Browser, path: &'static str) -> Self {
        ListPage { b, path }
    }

    /// Opens it from the navigation (in-app: a reload would sign out) and waits for rows.
    pub async fn open(&self) -> &Self {
        self.b.click(&format!("nav.sidenav a[href='{}']", self.path)).await;
        self.wait_loaded().await;
        self
    }

    pub async fn wait_loaded(&self) {
        self.b.find("table.data-table tbody tr, [data-testid=list-empty]").await;
    }

    pub async fn filter(&self, column: &str, op: &str, value: &str) {
        self.b.add_filter(column, op, value).await;
    }

    pub async fn clear_filters(&self) {
        self.b.click_button("Clear filters").await;
    }

    /// Waits until the rows are exactly these names, in this order.
    pub async fn expect_rows(&self, names: &[&str]) {
        self.b.wait_rows(names).await;
    }

    /// Sorts by column `key`, descending, and waits until `first` leads.
    pub async fn sort_descending(&self, key: &str, first: &str) {
        let head = format!("th[data-column={key}] button");
        self.b.click(&head).await;
        self.b.click(&head).await;
        self.b.find(&format!("th[data-column={key}][aria-sort=descending]")).await;
        let deadline = Instant::now() + PATIENCE;
        while self.b.first_column().await.first().map(String::as_str) != Some(first) {
            assert!(Instant::now() < deadline, "{first} does not come first: {:?}", self.b.first_column().await);
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Narrows the list to the record named `name` (by the name column titled `column`).
    pub async fn find(&self, column: &str, name: &str) {
        self.filter(column, "is", name).await;
        self.expect_rows(&[name]).await;
    }

    /// Opens the create page.
    pub async fn create(&self) -> FormPage<'a> {
        self.b.click(&format!("a[href='{}/new']", self.path)).await;
        FormPage::wait(self.b).await
    }

    /// Opens the detail page of the first record linked from the list.
    pub async fn open_first(&self, name: &str) -> DetailPage<'a> {
        self.b.click(&format!("table.data-table a[href^='{}/']", self.path)).await;
        DetailPage::wait(self.b, name).await
    }

    pub async fn select(&self, name: &str) {
        self.b.select_row(name).await;
    }

    /// Deletes the selected records after confirming, and waits for the toast.
    pub async fn delete_selected(&self, named: &str, toast: &str) {
        self.b.click_button("Delete").await;
        self.b.wait_text("[data-testid=confirm-dialog]", named).await;
        self.b.click("[data-testid=confirm-dialog] .button.danger").await;
        self.b.wait_text("[data-testid=toasts]", toast).await;
    }

    pub async fn expect_empty(&self) {
        self.b.find("[data-testid=list-empty]").await;
    }
}

/// A create or edit form.
pub struct FormPage<'a> {
    pub b: &'a Browser,
}

impl<'a> FormPage<'a> {
    pub async fn wait(b: &'a Browser) -> FormPage<'a> {
        b.find("form.form").await;
        FormPage { b }
    }

    /// Types `text` into field `key`, replacing what it held.
    pub async fn fill(&self, key: &str, text: &str) -> &Self {
        self.b.fill(&format!("field-{key}"), text).await;
        self
    }

    /// Picks the option with value `value` in field `key` (once it has loaded).
    pub async fn pick(&self, key: &str, value: &str) -> &Self {
        self.b.select(&format!("#field-{key}"), value).await;
        self
    }

    /// Picks the option labelled `label` in field `key`.
    pub async fn pick_label(&self, key: &str, label: &str) -> &Self {
        self.b.select_label(&format!("#field-{key}"), label).await;
        self
    }

    /// Types into the quota editor: `what` of node pool `pool` (e.g. "GPU quota").
    pub async fn quota(&self, pool: &str, what: &str, value: &str) -> &Self {
        self.b.fill_quota(pool, what, value).await;
        self
    }

    /// Submits with the button labelled `label` ("Create", "Save").
    pub async fn submit(&self, label: &str) {
        self.b.click_button(label).await;
    }

    /// Waits for the message under field `key`.
    pub async fn expect_field_error(&self, key: &str, text: &str) {
        self.b.wait_text(&format!("#error-{key}"), text).await;
    }

    /// Waits for the form-level error.
    pub async fn expect_error(&self, text: &str) {
        self.b.wait_text("[data-testid=form-error]", text).await;
    }
}

/// One record's detail page.
pub struct DetailPage<'a> {
    pub b: &'a Browser,
}

impl<'a> DetailPage<'a> {
    /// Waits until the page is the one of `name`.
    pub async fn wait(b: &'a Browser, name: &str) -> DetailPage<'a> {
        b.wait_text("h1", name).await;
        DetailPage { b }
    }

    pub async fn edit(&self) -> FormPage<'a> {
        self.b.click("a[href$='/edit']").await;
        FormPage::wait(self.b).await
    }

    /// Waits until the page shows `text`.
    pub async fn expect(&self, text: &str) {
        self.b.wait_text(".detail", text).await;
    }

    /// Runs the action labelled `label` from the header, confirming when it asks.
    pub async fn act(&self, label: &str, confirm: bool) {
        self.b.click_button(label).await;
        if confirm {
            self.b.find("[data-testid=confirm-dialog]").await;
            self.b.click("[data-testid=confirm-dialog] button.danger").await;
        }
    }
}
