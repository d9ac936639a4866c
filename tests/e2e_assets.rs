//! End to end on workload assets: environments, compute resources, data sources and
//! credentials are created in a project from the scope picker, read back on their pages,
//! edited and deleted; a credential's secret is shown once; a viewer reads its department's
//! assets and has no write controls.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use runai_emulator::{VIEWER_CLIENT_ID, VIEWER_CLIENT_SECRET};
use support::pages::{DetailPage, FormPage, ListPage};
use support::Browser;

const PROD: &str = "3f8a1c52-7d4e-4b2a-9c61-0e5d2b8f4a17";

/// Puts the asset in the form in project `vision` of the production cluster.
async fn in_vision(form: &FormPage<'_>, name: &str) {
    form.fill("name", name).await.pick("scope", "project").await.pick("clusterId", PROD).await.pick_label("projectId", "vision").await;
}

/// The scope, kind and spec the emulator keeps for the asset named `name`.
fn kept(b: &Browser, name: &str) -> (String, String, serde_json::Value) {
    let tenant = b.emulator.state.tenant.lock().unwrap();
    let asset = tenant.assets.iter().find(|a| a.name() == name).unwrap_or_else(|| panic!("no asset {name}"));
    (asset.scope().to_owned(), asset.kind.kind.to_owned(), asset.spec.clone())
}

#[tokio::test]
async fn an_environment_compute_resource_and_data_source_are_made_in_a_project() {
    let b = Browser::default().await;
    b.open("/environments").await;
    b.sign_in().await;
    let environments = ListPage::at(&b, "/environments");
    environments.wait_loaded().await;
    b.wait_text("table.data-table", "jupyter-lab").await;

    let form = environments.create().await;
    in_vision(&form, "vision-jax").await;
    form.fill("image", "nvcr.io/nvidia/jax:24.04-py3").await.pick("tool", "jupyter-notebook").await.fill("port", "8888").await;
    form.fill("environmentVariables", "XLA_PYTHON_CLIENT_PREALLOCATE=false").await;
    form.submit("Create").await;
    b.wait_text("[data-testid=toasts]", "Environment vision-jax created.").await;
    let detail = DetailPage::wait(&b, "vision-jax").await;
    detail.expect("nvcr.io/nvidia/jax:24.04-py3").await;
    detail.expect("Project vision").await;
    let (scope, _, spec) = kept(&b, "vision-jax");
    assert_eq!(scope, "project");
    assert_eq!(spec["connections"][0]["internalToolInfo"]["containerPort"], 8888);
    assert_eq!(spec["environmentVariables"][0]["name"], "XLA_PYTHON_CLIENT_PREALLOCATE");

    // Edited: the image changes, the scope stays.
    let form = detail.edit().await;
    b.wait_eval("return document.getElementById('field-image').value", "nvcr.io/nvidia/jax:24.04-py3").await;
    form.fill("image", "nvcr.io/nvidia/jax:24.10-py3").await;
    form.submit("Save").await;
    b.wait_text("[data-testid=toasts]", "Environment vision-jax saved.").await;
    DetailPage::wait(&b, "vision-jax").await.expect("24.10-py3").await;
    assert_eq!(kept(&b, "vision-jax").2["image"], "nvcr.io/nvidia/jax:24.10-py3");

    // A compute resource on CPUs only (so that the scheduler admits it whatever the GPUs are
    // doing); a GPU share above one is refused at its field first.
    let compute = ListPage::at(&b, "/compute-resources");
    compute.open().await;
    let form = compute.create().await;
    in_vision(&form, "vision-cpu").await;
    form.fill("gpuDevicesRequest", "1").await.fill("gpuPortionRequest", "1.5").await.fill("cpuCoreRequest", "2").await.fill("cpuMemoryRequest", "4G").await;
    form.submit("Create").await;
    form.expect_field_error("gpuPortionRequest", "at most 1").await;
    form.fill("gpuPortionRequest", "").await.fill("gpuDevicesRequest", "0").await;
    form.submit("Create").await;
    b.wait_text("[data-testid=toasts]", "Compute resource vision-cpu created.").await;
    DetailPage::wait(&b, "vision-cpu").await.expect("4G").await;
    let (_, _, spec) = kept(&b, "vision-cpu");
    assert_eq!((spec["gpuDevicesRequest"].as_f64(), spec["cpuCoreRequest"].as_f64()), (Some(0.0), Some(2.0)));

    // An NFS data source: only NFS's own fields are asked for.
    let sources = ListPage::at(&b, "/data-sources");
    sources.open().await;
    b.wait_text("table.data-table", "datasets-nfs").await;
    let form = sources.create().await;
    in_vision(&form, "vision-nfs").await;
    form.pick("kind", "nfs").await;
    assert_eq!(b.eval("return document.querySelector('[data-field=bucket]').hidden").await, true, "the bucket is S3's");
    form.fill("server", "nfs.example.com").await.fill("sourcePath", "/exports/vision").await.fill("mountPath", "/data").await;
    form.submit("Create").await;
    b.wait_text("[data-testid=toasts]", "Data source vision-nfs created.").await;
    DetailPage::wait(&b, "vision-nfs").await.expect("nfs.example.com:/exports/vision").await;
    let (_, kind, spec) = kept(&b, "vision-nfs");
    assert_eq!((kind.as_str(), spec["server"].as_str(), spec["path"].as_str()), ("nfs", Some("nfs.example.com"), Some("/exports/vision")));

    // A workspace made of the three: the fields they fill say so, and it runs with them.
    b.click("nav.sidenav a[href='/workloads']").await;
    let form = ListPage::at(&b, "/workloads").create().await;
    form.pick("type", "workspace").await.fill("name", "vision-jax-ws").await.pick("cluster", PROD).await.pick_label("project", "vision").await;
    form.pick_label("environmentAsset", "vision-jax").await;
    b.wait_eval("return document.getElementById('field-image').value", "nvcr.io/nvidia/jax:24.10-py3").await;
    b.wait_text(".field-image [data-testid=origin]", "From environment vision-jax").await;
    form.pick_label("computeAsset", "vision-cpu").await;
    b.wait_eval("return document.getElementById('field-cpuMemoryRequest').value", "4G").await;
    b.wait_text(".field-cpuCoreRequest [data-testid=origin]", "From compute resource vision-cpu").await;
    // A field typed over no longer says where it came from.
    form.fill("args", "--port 8888").await;
    form.fill("image", "nvcr.io/nvidia/jax:24.10-py3").await;
    b.wait_gone(".field-image [data-testid=origin]").await;
    let nfs = "[...document.querySelectorAll('#field-dataSources label')].find(l => l.textContent.startsWith('vision-nfs'))";
    b.wait_eval(&format!("return {nfs} !== undefined"), true).await;
    b.eval(&format!("{nfs}.querySelector('input').click()")).await;
    form.submit("Create").await;
    b.wait_text("h1#page-title", "vision-jax-ws").await;
    let spec = {
        let tenant = b.emulator.state.tenant.lock().unwrap();
        tenant.workloads.items.iter().find(|w| w.name == "vision-jax-ws").expect("submitted").spec.clone()
    };
    assert_eq!(spec["storage"]["nfs"][0]["server"], "nfs.example.com", "{spec}");
    assert_eq!(spec["storage"]["nfs"][0]["name"], "vision-nfs");
    assert_eq!(spec["compute"]["cpuMemoryRequest"], "4G");
    assert_eq!(spec["environmentVariables"][0]["value"], "false");
    b.emulator.state.fast_forward(300);
    b.click("nav.sidenav a[href='/workloads']").await;
    b.fill_search("vision-jax-ws").await;
    b.wait_text("tr:has(input[aria-label='Select vision-jax-ws']) .badge", "Running").await;
    // Each asset knows the workload uses it.
    environments.open().await;
    environments.find("Name", "vision-jax").await;
    b.wait_text("table.data-table", "1 workload").await;
    environments.open_first("vision-jax").await.expect("vision-jax-ws").await;
    b.close().await;
}

#[tokio::test]
async fn a_credentials_secret_is_shown_once_and_never_again() {
    let b = Browser::default().await;
    b.open("/credentials").await;
    b.sign_in().await;
    let credentials = ListPage::at(&b, "/credentials");
    credentials.wait_loaded().await;
    let form = credentials.create().await;
    in_vision(&form, "vision-bucket").await;
    form.pick("kind", "access-key").await;
    form.fill("accessKeyId", "AKIAVISION").await.fill("secretAccessKey", "wJalrXUtnFEMI-shown-once").await;
    assert_eq!(b.eval("return document.getElementById('field-secretAccessKey').type").await, "password", "typed out of sight");
    form.submit("Create").await;
    b.wait_text("[data-testid=secret-dialog]", "will not be shown again").await;
    let shown = b.find("[data-testid=secret-value][data-label='Secret access key']").await.text().await.unwrap();
    assert_eq!(shown, "wJalrXUtnFEMI-shown-once");
    b.click_button("I have copied it").await;
    let detail = DetailPage::wait(&b, "vision-bucket").await;
    detail.expect("AKIAVISION").await;
    assert!(!b.persisted_and_visible().await.contains("wJalrXUtnFEMI"), "the secret is gone from the page, storage and URL");
    assert!(!b.console_log().await.contains("wJalrXUtnFEMI"));
    // The API took it and keeps none of it.
    let (_, kind, spec) = kept(&b, "vision-bucket");
    assert_eq!(kind, "accessKey");
    assert!(!spec.to_string().contains("wJalrXUtnFEMI"), "{spec}");
    // Credentials cannot be edited: the API never gives their secret back.
    assert!(!b.exists("a[href$='/edit']").await);

    // Deleted from the list.
    credentials.open().await;
    credentials.find("Name", "vision-bucket").await;
    credentials.select("vision-bucket").await;
    credentials.delete_selected("vision-bucket", "Deleted").await;
    credentials.expect_empty().await;
    assert!(b.emulator.state.tenant.lock().unwrap().assets.iter().all(|a| a.name() != "vision-bucket"));
    b.close().await;
}

#[tokio::test]
async fn a_viewer_sees_its_departments_assets_and_no_write_controls() {
    let b = Browser::default().await;
    b.open("/environments").await;
    b.sign_in_with(VIEWER_CLIENT_ID, VIEWER_CLIENT_SECRET).await;
    let environments = ListPage::at(&b, "/environments");
    environments.wait_loaded().await;
    // Its department's, its projects' and what the cluster and tenant share; not production's.
    b.wait_text("table.data-table", "matlab").await;
    let names = b.first_column().await;
    for seen in ["jupyter-lab", "rstudio", "matlab", "vision-notebook"] {
        assert!(names.iter().any(|n| n == seen), "{seen} is shared with ml-research: {names:?}");
    }
    assert!(!names.iter().any(|n| n == "chatbot-ui"), "production's own environment: {names:?}");
    assert!(!b.exists("a[href='/environments/new']").await, "no create control");
    b.select_row("matlab").await;
    let bar = b.find("[data-testid=action-bar]").await.text().await.unwrap();
    assert!(!bar.contains("Delete") && !bar.contains("Edit"), "no write controls: {bar}");
    b.click("table.data-table a[href^='/environments/']").await;
    b.find(".detail").await;
    assert!(!b.exists("a[href$='/edit']").await && !b.exists(".detail .button.danger").await);

    ListPage::at(&b, "/data-sources").open().await;
    b.wait_text("table.data-table", "shared-checkpoints").await;
    assert!(!b.body_text().await.contains("tls-certs"), "production's secret volume is not shown");
    b.close().await;
}

#[tokio::test]
async fn a_policy_is_written_at_a_scope_and_a_project_shows_what_applies_to_it() {
    let b = Browser::default().await;
    b.open("/policies").await;
    b.sign_in().await;
    let policies = ListPage::at(&b, "/policies");
    policies.wait_loaded().await;
    b.wait_text("table.data-table", "research-workspaces").await;

    // A training policy for project vision: its defaults and a cap.
    let form = policies.create().await;
    form.pick("type", "trainings").await.fill("name", "vision-trainings").await;
    form.pick("scope", "project").await.pick("clusterId", PROD).await.pick_label("projectId", "vision").await;
    form.fill("policy", "{\"rules\": {\"compute\": {\"cpuCoreRequest\": {\"max\": 16}}}, ").await;
    form.submit("Create").await;
    form.expect_field_error("policy", "not JSON").await;
    form.fill("policy", r#"{"defaults": {"compute": {"cpuMemoryRequest": "32G"}}, "rules": {"compute": {"cpuCoreRequest": {"max": 16}, "gpuDevicesRequest": {"max": 12}}}}"#).await;
    form.submit("Create").await;
    b.wait_text("[data-testid=toasts]", "Policy vision-trainings created.").await;
    let detail = DetailPage::wait(&b, "vision-trainings").await;
    detail.expect("max 16").await;
    detail.expect("32G").await;
    // The cluster caps GPU devices at 8: a rule set higher up wins over the project's 12,
    // which the page still shows as set here.
    let rule = |field: &str| format!("return [...document.querySelectorAll('table tr')].filter(r => r.textContent.includes('{field}')).map(r => r.textContent)");
    b.wait_eval(&rule("compute.gpuDevicesRequest"), serde_json::json!(["compute.gpuDevicesRequestmax 8cluster 3f8a1c52-7d4e-4b2a-9c61-0e5d2b8f4a17", "rules.compute.gpuDevicesRequest.max12"])).await;

    // The project's page leads to the effective policy of each type.
    let vision = b.emulator.state.tenant.lock().unwrap().org.projects.iter().find(|p| p["name"] == "vision").unwrap()["id"].as_str().unwrap().to_owned();
    b.open(&format!("/projects/{vision}")).await;
    b.sign_in().await;
    b.click(&format!("a[href='/policies/workspaces.project.{vision}']")).await;
    b.wait_text("h1", "Workspace policy of project").await;
    b.wait_text(".detail", "max 2").await;
    b.wait_text(".detail", "department").await;
    b.close().await;
}

#[tokio::test]
async fn a_template_made_in_a_project_fills_a_submission_that_runs() {
    let b = Browser::default().await;
    b.open("/templates").await;
    b.sign_in().await;
    let templates = ListPage::at(&b, "/templates");
    templates.wait_loaded().await;
    b.wait_text("table.data-table", "jupyter-half-gpu").await;
    b.wait_text("table.data-table", "datasets-nfs").await;
    let form = templates.create().await;
    in_vision(&form, "vision-code").await;
    form.pick_label("templateEnvironment", "vscode").await.pick_label("templateCompute", "cpu-only").await.fill("args", "--auth none").await;
    // Its data sources are those the project may use.
    let pvc = "[...document.querySelectorAll('#field-templateSources label')].find(l => l.textContent.startsWith('shared-checkpoints'))";
    b.wait_eval(&format!("return {pvc} !== undefined"), true).await;
    b.eval(&format!("{pvc}.querySelector('input').click()")).await;
    form.submit("Create").await;
    b.wait_text("[data-testid=toasts]", "Template vision-code created.").await;
    DetailPage::wait(&b, "vision-code").await.expect("shared-checkpoints").await;
    let kept_sources = kept(&b, "vision-code").2["assets"]["datasources"].clone();
    assert_eq!((kept_sources[0]["id"].as_str(), kept_sources[0]["kind"].as_str()), (Some(kept_id(&b, "shared-checkpoints").as_str()), Some("pvc")), "{kept_sources}");

    b.click("nav.sidenav a[href='/workloads']").await;
    let form = ListPage::at(&b, "/workloads").create().await;
    form.pick("type", "workspace").await.fill("name", "code-from-template").await.pick("cluster", PROD).await.pick_label("project", "vision").await;
    // Its environment cannot be read at first: said at the picker, and tried again.
    b.emulator.state.inject("GET".parse().unwrap(), "/api/v1/asset/environment/", 500, 1);
    form.pick_label("templateAsset", "vision-code").await;
    b.wait_text(".field-templateAsset", "read the template's environment and compute resource").await;
    assert_eq!(b.value_of("field-image").await, "", "nothing filled from the template alone");
    b.click(".field-templateAsset .error-text button").await;
    b.wait_eval("return document.getElementById('field-image').value", "codercom/code-server:4.89.1").await;
    b.wait_gone(".field-templateAsset .error-text button").await;
    b.wait_text(".field-image [data-testid=origin]", "From environment vscode").await;
    b.wait_text(".field-args [data-testid=origin]", "From template vision-code").await;
    b.wait_text(".field-cpuMemoryRequest [data-testid=origin]", "From compute resource cpu-only").await;
    form.submit("Create").await;
    b.wait_text("h1#page-title", "code-from-template").await;
    let spec = {
        let tenant = b.emulator.state.tenant.lock().unwrap();
        tenant.workloads.items.iter().find(|w| w.name == "code-from-template").expect("submitted").spec.clone()
    };
    assert_eq!(spec["args"], "--auth none", "{spec}");
    assert_eq!(spec["storage"]["pvc"][0]["claimName"], "shared-checkpoints", "the template's data source is mounted: {spec}");
    assert!(spec["annotations"][0]["value"].as_str().unwrap().contains(&kept_id(&b, "vscode")), "{spec}");
    b.emulator.state.fast_forward(300);
    b.click("nav.sidenav a[href='/workloads']").await;
    b.fill_search("code-from-template").await;
    b.wait_text("tr:has(input[aria-label='Select code-from-template']) .badge", "Running").await;
    b.close().await;
}

fn kept_id(b: &Browser, name: &str) -> String {
    b.emulator.state.tenant.lock().unwrap().assets.iter().find(|a| a.name() == name).unwrap().id().to_owned()
}

#[tokio::test]
async fn a_data_volume_is_copied_from_a_project_shared_with_a_department_and_described() {
    let b = Browser::default().await;
    b.open("/data-volumes").await;
    b.sign_in().await;
    let volumes = ListPage::at(&b, "/data-volumes");
    volumes.wait_loaded().await;
    b.wait_text("table.data-table", "imagenet-2012").await;
    b.wait_text("table.data-table", "eval-sets").await;

    let form = volumes.create().await;
    form.fill("name", "coco-2017").await.fill("description", "COCO train and val").await;
    form.pick("clusterId", PROD).await.pick_label("projectId", "vision").await.fill("originPvcName", "coco-raw").await;
    form.pick("share", "department").await.pick_label("departmentId", "ml-research").await;
    form.submit("Create").await;
    b.wait_text("[data-testid=toasts]", "Data volume coco-2017 created.").await;
    let detail = DetailPage::wait(&b, "coco-2017").await;
    detail.expect("coco-raw").await;
    detail.expect("ml-research").await;
    {
        let tenant = b.emulator.state.tenant.lock().unwrap();
        let kept = &tenant.datavolumes.iter().find(|v| v.record["name"] == "coco-2017").expect("created").record;
        assert_eq!((kept["projectName"].as_str(), kept["originPvcName"].as_str()), (Some("vision"), Some("coco-raw")));
        assert_eq!(kept["sharedScopes"][0]["scopeType"], "department");
    }

    // Only the description changes afterwards.
    let form = detail.edit().await;
    b.wait_eval("const f = document.getElementById('field-originPvcName'); return [f.value, f.readOnly]", serde_json::json!(["coco-raw", true])).await;
    form.fill("description", "COCO 2017").await;
    form.submit("Save").await;
    b.wait_text("[data-testid=toasts]", "Data volume coco-2017 saved.").await;
    DetailPage::wait(&b, "coco-2017").await.expect("COCO 2017").await;

    b.close().await;

    // A viewer of ml-research reads the volumes that originate there, and writes none.
    let b = Browser::default().await;
    b.open("/data-volumes").await;
    b.sign_in_with(VIEWER_CLIENT_ID, VIEWER_CLIENT_SECRET).await;
    b.wait_text("table.data-table", "imagenet-2012").await;
    assert!(!b.body_text().await.contains("eval-sets"), "production's volume is not shown");
    assert!(!b.exists("a[href='/data-volumes/new']").await, "no create control");
    b.close().await;
}
