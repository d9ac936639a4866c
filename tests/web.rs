//! Browser component tests: generic components mounted with fixture data in headless Chromium.

#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use runai_console::api::ApiError;
use runai_console::components::cell::{Cell, Tone};
use runai_console::components::status::ErrorPanel;
use runai_console::components::table::{ColumnHead, DataTable, Sort, TableRow};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap().unchecked_into::<HtmlElement>();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

fn query(root: &HtmlElement, css: &str) -> Vec<HtmlElement> {
    let list = root.query_selector_all(css).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().unchecked_into()).collect()
}

fn fixture() -> (Vec<ColumnHead>, Vec<TableRow>) {
    let heads = vec![ColumnHead { key: "name", title: "Name" }, ColumnHead { key: "state", title: "State" }];
    let rows = vec![
        TableRow {
            key: "a".into(),
            name: "alpha".into(),
            href: Some("/clusters/a".into()),
            cells: vec![Cell::Text("alpha".into()), Cell::Status { label: "Connected".into(), tone: Tone::Good }],
        },
        TableRow {
            key: "b".into(),
            name: "markup".into(),
            href: None,
            cells: vec![Cell::Text("<img src=x onerror=alert(1)>".into()), Cell::Missing],
        },
    ];
    (heads, rows)
}

#[wasm_bindgen_test]
fn table_renders_rows_links_badges_and_inert_text() {
    let root = container();
    let (heads, rows) = fixture();
    let _handle = mount_to(root.clone(), move || view! { <DataTable label="Fixture" heads rows/> });
    assert_eq!(query(&root, "tbody tr").len(), 2);
    assert_eq!(query(&root, "tbody tr:first-child td a")[0].get_attribute("href").as_deref(), Some("/clusters/a"));
    assert_eq!(query(&root, ".badge-good")[0].text_content().as_deref(), Some("Connected"));
    assert_eq!(query(&root, "tbody tr:last-child td")[1].text_content().as_deref(), Some("—"));
    assert!(query(&root, "img").is_empty(), "names are text, never markup");
    assert!(query(&root, "th button").is_empty(), "no sort buttons without on_sort");
}

#[wasm_bindgen_test]
async fn clicking_a_header_asks_to_sort_by_its_column() {
    let root = container();
    let (heads, rows) = fixture();
    let asked = RwSignal::new(None::<String>);
    let on_sort = Callback::new(move |key: String| asked.set(Some(key)));
    let sort = Some(Sort { key: "name".into(), descending: true });
    let _handle = mount_to(root.clone(), move || view! { <DataTable label="Fixture" heads rows sort on_sort=Some(on_sort)/> });
    assert_eq!(query(&root, "th[data-column=name]")[0].get_attribute("aria-sort").as_deref(), Some("descending"));
    assert_eq!(query(&root, "th[data-column=state]")[0].get_attribute("aria-sort").as_deref(), Some("none"));
    query(&root, "th[data-column=state] button")[0].click();
    assert_eq!(asked.get_untracked().as_deref(), Some("state"));
}

#[wasm_bindgen_test]
fn error_panel_explains_and_retries() {
    let root = container();
    let retried = RwSignal::new(0);
    let error = ApiError::Status { status: 403, message: "You do not have sufficient permissions.".into(), details: None, oauth_error: None };
    let retry = Callback::new(move |_| retried.update(|n| *n += 1));
    let _handle = mount_to(root.clone(), move || view! { <ErrorPanel error doing="load clusters" retry/> });
    let panel = &query(&root, "[role=alert]")[0];
    assert!(panel.text_content().unwrap().contains("You do not have permission to load clusters."));
    query(&root, "button")[0].click();
    assert_eq!(retried.get_untracked(), 1);
}

#[wasm_bindgen_test]
fn only_http_links_leave_the_console() {
    let root = container();
    let cells = [Cell::url(Some("https://runai.example.com")), Cell::url(Some("javascript:alert(1)"))];
    let _handle = mount_to(root.clone(), move || cells.iter().map(|c| c.render(0)).collect_view());
    let links = query(&root, "a");
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].get_attribute("rel").as_deref(), Some("noopener noreferrer"));
}

use runai_console::components::dialog::ConfirmDialog;
use runai_console::components::quota_editor::{QuotaEditor, QuotaRow};

fn pool(id: &str, name: &str) -> (String, String) {
    (id.into(), name.into())
}

fn type_into(input: &HtmlElement, text: &str) {
    let input: web_sys::HtmlInputElement = input.clone().unchecked_into();
    input.set_value(text);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn quota_editor_offers_every_pool_and_keeps_what_is_typed() {
    let root = container();
    let existing = QuotaRow { pool_id: "p2".into(), pool_name: "a100".into(), gpu: "4".into(), ..QuotaRow::default() };
    let rows = RwSignal::new(vec![existing]);
    let pools = RwSignal::new(Some(vec![pool("p1", "default"), pool("p2", "a100")]));
    let _handle = mount_to(root.clone(), move || view! { <QuotaEditor rows pools/> });
    leptos::task::tick().await;
    assert_eq!(query(&root, "tbody tr").len(), 2, "a row per node pool");
    assert_eq!(rows.with_untracked(|r| r.iter().map(|r| r.pool_name.clone()).collect::<Vec<_>>()), ["a100", "default"]);
    let gpu = query(&root, "input[aria-label='default GPU quota']");
    type_into(&gpu[0], "2.5");
    assert_eq!(rows.with_untracked(|r| r[1].gpu.clone()), "2.5");
    assert_eq!(query(&root, "input[aria-label='a100 GPU quota']")[0].unchecked_ref::<web_sys::HtmlInputElement>().value(), "4");

    pools.set(Some(vec![pool("p2", "a100")]));
    leptos::task::tick().await;
    assert_eq!(rows.with_untracked(Vec::len), 1, "pools of another cluster drop out");
}

#[wasm_bindgen_test]
async fn confirm_dialog_names_what_it_affects_and_waits_for_a_click() {
    let root = container();
    let open = RwSignal::new(true);
    let confirmed = RwSignal::new(0);
    let on_confirm = Callback::new(move |_| confirmed.update(|n| *n += 1));
    let on_cancel = Callback::new(move |_| open.set(false));
    let _handle = mount_to(root.clone(), move || {
        view! { <ConfirmDialog open title="Delete 2 projects?".to_string() items=vec!["vision".to_string(), "nlp".to_string()]
            confirm_label="Delete" pending=false on_confirm on_cancel/> }
    });
    let dialog = &query(&root, "[role=alertdialog]")[0];
    assert!(dialog.text_content().unwrap().contains("vision"));
    assert_eq!(confirmed.get_untracked(), 0, "nothing happens before the click");
    query(&root, "button.danger")[0].click();
    assert_eq!(confirmed.get_untracked(), 1);
    query(&root, "button")[0].click();
    leptos::task::tick().await;
    assert!(query(&root, "[role=alertdialog]").is_empty(), "cancel closes it");
}

