//! The quota editor: one row per node pool of the chosen cluster, with GPU, CPU (millicores)
//! and memory (with units) quotas, limits and the over-quota weight.

use super::form_model::Options;
use leptos::prelude::*;

/// One node pool's quota as typed: text, so that what the operator typed survives a failure.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QuotaRow {
    pub pool_id: String,
    pub pool_name: String,
    pub gpu: String,
    pub gpu_limit: String,
    pub gpu_weight: String,
    pub cpu: String,
    pub cpu_limit: String,
    pub memory: String,
    pub memory_limit: String,
    pub memory_units: String,
}

#[component]
pub fn QuotaEditor(
    /// The rows being edited.
    rows: RwSignal<Vec<QuotaRow>>,
    /// The chosen cluster's node pools as (id, name); `None` while they load.
    #[prop(into)]
    pools: Signal<Option<Options>>,
) -> impl IntoView {
    // A pool without a row gets an empty one, so every pool of the cluster can be given quota.
    Effect::new(move |_| {
        let Some(pools) = pools.get() else { return };
        rows.update(|rows| {
            rows.retain(|r| pools.iter().any(|(id, _)| *id == r.pool_id));
            for (id, name) in &pools {
                if !rows.iter().any(|r| r.pool_id == *id) {
                    rows.push(QuotaRow { pool_id: id.clone(), pool_name: name.clone(), memory_units: "GB".into(), ..QuotaRow::default() });
                }
            }
        });
    });
    let cell = move |i: usize, label: String, get: fn(&QuotaRow) -> &String, set: fn(&mut QuotaRow, String)| {
        view! {
            <td>
                <input type="text" inputmode="decimal" aria-label=label
                    prop:value=move || rows.with(|r| r.get(i).map(|row| get(row).clone()).unwrap_or_default())
                    on:input=move |ev| rows.update(|r| if let Some(row) = r.get_mut(i) { set(row, event_target_value(&ev)) })/>
            </td>
        }
    };
    // Rows are rebuilt only when their number changes, so typing keeps the focus.
    let count = Memo::new(move |_| rows.with(Vec::len));
    let body = move || {
        let count = count.get();
        (0..count)
            .map(|i| {
                let pool = rows.with_untracked(|r| r[i].pool_name.clone());
                view! {
                    <tr data-pool=pool.clone()>
                        <th scope="row">{pool.clone()}</th>
                        {cell(i, format!("{pool} GPU quota"), |r| &r.gpu, |r, v| r.gpu = v)}
                        {cell(i, format!("{pool} GPU limit"), |r| &r.gpu_limit, |r, v| r.gpu_limit = v)}
                        {cell(i, format!("{pool} over-quota weight"), |r| &r.gpu_weight, |r, v| r.gpu_weight = v)}
                        {cell(i, format!("{pool} CPU quota (millicores)"), |r| &r.cpu, |r, v| r.cpu = v)}
                        {cell(i, format!("{pool} CPU limit (millicores)"), |r| &r.cpu_limit, |r, v| r.cpu_limit = v)}
                        {cell(i, format!("{pool} memory quota"), |r| &r.memory, |r, v| r.memory = v)}
                        {cell(i, format!("{pool} memory limit"), |r| &r.memory_limit, |r, v| r.memory_limit = v)}
                        <td>
                            <select aria-label=format!("{pool} memory units")
                                on:change=move |ev| rows.update(|r| if let Some(row) = r.get_mut(i) { row.memory_units = event_target_value(&ev) })>
                                {["MB", "GB", "Mib"].map(|u| {
                                    let selected = rows.with_untracked(|r| r.get(i).is_some_and(|row| row.memory_units == u));
                                    view! { <option value=u selected=selected>{u}</option> }
                                })}
                            </select>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="table-wrap quota-editor" tabindex="0">
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">"Node pool"</th><th scope="col">"GPUs"</th><th scope="col">"GPU limit"</th>
                        <th scope="col">"Over-quota weight"</th><th scope="col">"CPU (mcores)"</th><th scope="col">"CPU limit"</th>
                        <th scope="col">"Memory"</th><th scope="col">"Memory limit"</th><th scope="col">"Units"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || match pools.get() {
                        None => view! { <tr><td colspan="9">"Loading node pools…"</td></tr> }.into_any(),
                        Some(p) if p.is_empty() => view! { <tr><td colspan="9">"Choose a cluster to set quotas on its node pools."</td></tr> }.into_any(),
                        Some(_) => body().into_any(),
                    }}
                </tbody>
            </table>
            <p class="hint">"Quota is guaranteed; -1 means unlimited. A limit caps use beyond quota (empty: no limit). Over-quota weight shares what is left."</p>
        </div>
    }
}
