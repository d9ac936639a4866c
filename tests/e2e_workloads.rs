//! End to end: the operator's daily page. The emulator's scheduler runs the seeded
//! workloads; the test moves its clock instead of waiting.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::pages::{FormPage, ListPage};
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

#[tokio::test]
async fn a_running_workload_charts_its_gpus_with_the_average_over_a_chosen_range() {
    let b = Browser::default().await;
    b.open("/workloads").await;
    b.sign_in().await;
    ListPage::at(&b, "/workloads").wait_loaded().await;
    // A training on two GPUs or more, so that the chart has a line per GPU.
    let (id, name, gpus) = {
        let mut tenant = b.emulator.state.tenant.lock().unwrap();
        tenant.settle();
        let w = tenant.workloads.items.iter().find(|w| w.phase.name() == "Running" && w.pods == 1 && w.gpus >= 2.0).expect("a running single-pod workload on 2+ GPUs");
        (w.id.clone(), w.name.clone(), w.gpus as usize)
    };
    b.fill_search(&name).await;
    b.click(&format!("table.data-table a[href='/workloads/{id}']")).await;
    // uPlot draws into a canvas, and its legend names each GPU and the average.
    let chart = "figure.chart[aria-label='GPU utilization']";
    b.find(&format!("{chart} .uplot canvas")).await;
    for gpu in 0..gpus {
        b.wait_text(&format!("{chart} .u-legend"), &format!("GPU {gpu}")).await;
    }
    b.wait_text(&format!("{chart} .u-legend"), "Average").await;
    // The same data as a table, for screen readers: a row per sample, a column per line.
    b.click(&format!("{chart} details summary")).await;
    let columns = format!("return document.querySelectorAll(\"{chart} table thead th\").length");
    b.wait_eval(&columns, gpus as u64 + 2).await;
    let rows = format!("return document.querySelectorAll(\"{chart} table tbody tr\").length > 10");
    b.wait_eval(&rows, true).await;
    let busy = format!("return [...document.querySelectorAll(\"{chart} table tbody tr td:last-child\")].some(td => parseFloat(td.textContent) > 0)");
    b.wait_eval(&busy, true).await;
    // Another range asks again, and the charts follow it.
    let mark = b.emulator.state.requests.lock().unwrap().mark();
    b.select("main label select", "86400").await;
    b.wait_eval(&rows, true).await;
    let asked = b.emulator.state.requests.lock().unwrap().since(mark);
    assert!(asked.iter().any(|r| r.contains(&format!("{id}/metrics"))), "the new range was asked for: {asked:?}");
    for title in ["GPU memory", "CPU", "CPU memory"] {
        b.find(&format!("figure.chart[aria-label='{title}'] .uplot canvas")).await;
    }
    b.close().await;
}

#[tokio::test]
async fn the_list_follows_the_scheduler_by_itself_keeping_selection_and_focus() {
    let b = Browser::default().await;
    b.open("/workloads").await;
    b.sign_in().await;
    let workloads = ListPage::at(&b, "/workloads");
    workloads.wait_loaded().await;
    let name = seeded(&b, "workspace", "Running");
    b.fill_search(&name).await;
    workloads.expect_rows(&[name.as_str()]).await;
    // The operator has the row selected, its checkbox focused.
    workloads.select(&name).await;
    let checkbox = format!("input[aria-label='Select {name}']");
    b.eval(&format!("document.querySelector(\"{checkbox}\").focus()")).await;
    // Someone else stops it; nobody clicks Refresh here.
    {
        let mut tenant = b.emulator.state.tenant.lock().unwrap();
        let now = tenant.settle();
        let i = tenant.workloads.items.iter().position(|w| w.name == name).unwrap();
        assert!(tenant.workloads.request(i, runai_emulator::workloads::Desired::Stopped, now));
    }
    b.emulator.state.fast_forward(5);
    b.wait_text(&format!("tr:has({checkbox}) .badge"), "Stopped").await;
    assert_eq!(b.eval(&format!("return document.querySelector(\"{checkbox}\").checked")).await, true, "still selected");
    assert_eq!(b.eval("return document.activeElement.getAttribute('aria-label')").await, format!("Select {name}").as_str(), "focus is where it was");
    assert!(b.exists("[data-testid=action-bar]").await, "the actions on the selection stay");

    // Paused, it stays as it is until asked.
    b.click("label.toggle input").await;
    let mark = b.emulator.state.requests.lock().unwrap().mark();
    tokio::time::sleep(std::time::Duration::from_secs(6)).await;
    let asked = b.emulator.state.requests.lock().unwrap().since(mark);
    assert!(!asked.iter().any(|r| r.starts_with("GET /api/v1/workloads?")), "no refresh while paused: {asked:?}");
    b.close().await;
}

#[tokio::test]
async fn a_submitted_workspace_waits_then_runs_and_a_taken_name_is_refused_at_its_field() {
    let b = Browser::default().await;
    b.open("/workloads").await;
    b.sign_in().await;
    let workloads = ListPage::at(&b, "/workloads");
    workloads.wait_loaded().await;
    // A project of the first cluster, and a workspace on CPUs only: the scheduler admits it
    // whatever the GPUs are doing.
    let (cluster, project) = {
        let tenant = b.emulator.state.tenant.lock().unwrap();
        let w = tenant.workloads.items.first().unwrap();
        (w.cluster_id.clone(), w.project_id.clone())
    };
    let submit = |name: &'static str| {
        let (b, cluster, project) = (&b, cluster.clone(), project.clone());
        async move {
            b.click("nav.sidenav a[href='/workloads']").await;
            let form = ListPage::at(b, "/workloads").create().await;
            form.pick("type", "workspace").await.fill("name", name).await.pick("cluster", &cluster).await.pick("project", &project).await;
            form.fill("image", "jupyter/base-notebook").await.fill("gpuDevicesRequest", "0").await;
            form.fill("cpuCoreRequest", "0.5").await.fill("cpuMemoryRequest", "2Gi").await;
            form.fill("environmentVariables", "HF_HOME=/data/hf\nMODE=dev").await;
            form.submit("Create").await;
            form
        }
    };
    submit("e2e-notebook").await;
    b.wait_text("h1#page-title", "e2e-notebook").await;
    b.wait_text(".detail", "jupyter/base-notebook").await;
    let (phase, env) = {
        let mut tenant = b.emulator.state.tenant.lock().unwrap();
        tenant.settle();
        let w = tenant.workloads.items.iter().find(|w| w.name == "e2e-notebook").expect("submitted");
        (w.phase.name(), w.environment.clone())
    };
    assert!(["Creating", "Pending", "Initializing"].contains(&phase), "it starts by waiting: {phase}");
    assert_eq!(env, [("HF_HOME".to_owned(), "/data/hf".to_owned()), ("MODE".to_owned(), "dev".to_owned())]);
    b.emulator.state.fast_forward(300);
    b.click("nav.sidenav a[href='/workloads']").await;
    b.fill_search("e2e-notebook").await;
    b.wait_text("tr:has(input[aria-label='Select e2e-notebook']) .badge", "Running").await;

    // A copy: the form filled in from it, under a new name.
    b.click("table.data-table a[href^='/workloads/']").await;
    b.wait_text("h1#page-title", "e2e-notebook").await;
    b.click_button("Copy").await;
    let form = FormPage::wait(&b).await;
    b.wait_eval("return document.getElementById('field-name').value", "e2e-notebook-copy").await;
    assert_eq!(b.value_of("field-image").await, "jupyter/base-notebook");
    assert_eq!(b.value_of("field-environmentVariables").await, "HF_HOME=/data/hf\nMODE=dev");
    assert_eq!(b.value_of("field-cpuMemoryRequest").await, "2Gi");
    form.submit("Create").await;
    b.wait_text("h1#page-title", "e2e-notebook-copy").await;
    let copied = b.emulator.state.tenant.lock().unwrap().workloads.items.iter().find(|w| w.name == "e2e-notebook-copy").map(|w| w.environment.len());
    assert_eq!(copied, Some(2), "the copy carries the variables");

    // The same name again in the same project: refused at the name, the input kept.
    let form = submit("e2e-notebook").await;
    form.expect_field_error("name", "already exists").await;
    assert_eq!(b.value_of("field-image").await, "jupyter/base-notebook");
    // A malformed amount never leaves the browser.
    form.fill("cpuMemoryRequest", "2 GB").await;
    form.submit("Create").await;
    form.expect_field_error("cpuMemoryRequest", "512Mi").await;
    b.close().await;
}

#[tokio::test]
async fn a_submission_that_does_not_fit_its_quota_waits_and_says_why() {
    let b = Browser::default().await;
    b.open("/workloads").await;
    b.sign_in().await;
    ListPage::at(&b, "/workloads").wait_loaded().await;
    let (cluster, project) = {
        let tenant = b.emulator.state.tenant.lock().unwrap();
        let w = tenant.workloads.items.first().unwrap();
        (w.cluster_id.clone(), w.project_id.clone())
    };
    let form = ListPage::at(&b, "/workloads").create().await;
    form.pick("type", "training").await.fill("name", "e2e-too-big").await.pick("cluster", &cluster).await.pick("project", &project).await;
    form.fill("image", "nvcr.io/nvidia/pytorch:24.05-py3").await.fill("gpuDevicesRequest", "8").await;
    form.pick("preemptibility", "non-preemptible").await;
    form.submit("Create").await;
    b.wait_text("h1#page-title", "e2e-too-big").await;
    b.emulator.state.fast_forward(600);
    let (phase, why) = {
        let mut tenant = b.emulator.state.tenant.lock().unwrap();
        tenant.settle();
        let w = tenant.workloads.items.iter().find(|w| w.name == "e2e-too-big").unwrap();
        (w.phase.name(), w.phase_message.clone())
    };
    assert_eq!(phase, "Pending", "eight GPUs beyond the project's quota wait: {why}");
    b.click("nav.sidenav a[href='/workloads']").await;
    b.fill_search("e2e-too-big").await;
    b.wait_text("tr:has(input[aria-label='Select e2e-too-big']) .badge", "Pending").await;
    b.click("table.data-table a[href^='/workloads/']").await;
    b.wait_text(".detail", &why).await;
    b.close().await;
}

#[tokio::test]
async fn a_node_lists_the_workloads_running_on_it() {
    let b = Browser::default().await;
    b.open("/nodes").await;
    b.sign_in().await;
    let nodes = ListPage::at(&b, "/nodes");
    nodes.wait_loaded().await;
    let (name, node) = {
        let mut tenant = b.emulator.state.tenant.lock().unwrap();
        tenant.settle();
        let w = tenant.workloads.items.iter().find(|w| w.phase.name() == "Running" && !w.nodes.is_empty()).unwrap();
        (w.name.clone(), w.nodes[0].clone())
    };
    // Nodes open in the details pane, which lists what runs there.
    b.fill_search(&node).await;
    nodes.expect_rows(&[node.as_str()]).await;
    b.select_row(&node).await;
    b.click_button("Details").await;
    b.wait_text("[data-testid=details-pane] table[aria-label=Workloads]", &name).await;
    // Its name leads to the workload's page.
    b.eval(&format!("[...document.querySelectorAll(\"table[aria-label=Workloads] a\")].find(a => a.textContent === {name:?}).click()")).await;
    b.wait_text("h1#page-title", &name).await;
    assert!(b.path().await.starts_with("/workloads/"), "{}", b.path().await);
    b.close().await;
}

#[tokio::test]
async fn a_policy_cap_refuses_a_larger_submission_at_its_field_and_keeps_the_input() {
    let b = Browser::default().await;
    b.open("/workloads").await;
    b.sign_in().await;
    ListPage::at(&b, "/workloads").wait_loaded().await;
    // ml-research's workspace policy caps GPU devices at 2 (vision is one of its projects);
    // here it also sets and locks the image pull policy.
    let (cluster, vision) = {
        let mut tenant = b.emulator.state.tenant.lock().unwrap();
        let research = tenant.policies.iter_mut().find(|p| p.meta["name"] == "research-workspaces").unwrap();
        research.policy["defaults"] = serde_json::json!({ "imagePullPolicy": "Always" });
        research.policy["rules"]["imagePullPolicy"] = serde_json::json!({ "canEdit": false });
        let p = tenant.org.projects.iter().find(|p| p["name"] == "vision").unwrap();
        (p["clusterId"].as_str().unwrap().to_owned(), p["id"].as_str().unwrap().to_owned())
    };
    let form = ListPage::at(&b, "/workloads").create().await;
    form.pick("type", "workspace").await.fill("name", "e2e-four-gpus").await.pick("cluster", &cluster).await.pick("project", &vision).await;
    // The project's policy is shown before submitting: its rules at their fields, its
    // defaults filled in, the locked field read-only with the reason.
    b.wait_text("[data-testid=policy-rules]", "compute.gpuDevicesRequest: max 2 (set at department").await;
    b.wait_text(".field-gpuDevicesRequest [data-testid=rule]", "Policy (department").await;
    b.wait_eval("const f = document.getElementById('field-imagePullPolicy'); return [f.value, f.disabled]", serde_json::json!(["Always", true])).await;
    b.wait_text(".field-imagePullPolicy [data-testid=rule]", "Locked by the policy set at department").await;

    // Beyond the cap: refused in the browser with the bound and its scope, nothing sent.
    let sent = b.emulator.state.requests.lock().unwrap().mark();
    form.fill("image", "nvcr.io/nvidia/pytorch:24.05-py3").await.fill("gpuDevicesRequest", "4").await;
    form.submit("Create").await;
    form.expect_field_error("gpuDevicesRequest", "Policy: at most 2 (set at department").await;
    assert!(!b.emulator.state.requests.lock().unwrap().since(sent).iter().any(|r| r.starts_with("POST")), "nothing submitted");

    // A rule tightened since the form loaded it: the API refuses, naming it at its field.
    b.emulator.state.tenant.lock().unwrap().policies.iter_mut().find(|p| p.meta["name"] == "research-workspaces").unwrap().policy["rules"]["compute"]["gpuDevicesRequest"]["max"] = 1.into();
    form.fill("gpuDevicesRequest", "2").await;
    form.submit("Create").await;
    form.expect_field_error("gpuDevicesRequest", "Policy: value must be no greater than 1.").await;
    form.expect_error("does not comply with the policy").await;
    assert_eq!(b.value_of("field-image").await, "nvcr.io/nvidia/pytorch:24.05-py3", "the input is kept");
    assert!(b.emulator.state.tenant.lock().unwrap().workloads.items.iter().all(|w| w.name != "e2e-four-gpus"));
    // Within the cap it goes through, with the locked value.
    form.fill("gpuDevicesRequest", "1").await;
    form.submit("Create").await;
    b.wait_text("h1#page-title", "e2e-four-gpus").await;
    let tenant = b.emulator.state.tenant.lock().unwrap();
    assert_eq!(tenant.workloads.items.iter().find(|w| w.name == "e2e-four-gpus").unwrap().spec["imagePullPolicy"], "Always");
    drop(tenant);
    b.close().await;
}
