//! The per-node-pool quota editor as a form field of departments and projects: its rows
//! to and from the API's `resources[]`, their validation, and the guard that warns of a
//! project's quota beyond its department's room or a department's below its projects'.

use super::org::in_cluster;
use crate::api::departments::Department;
use crate::api::filter::{Filter, Op};
use crate::api::nodepools::NodePool;
use crate::api::org::{Amount, PoolRef, QuotaEntry};
use crate::api::projects::Project;
use crate::api::{use_api, Api};
use crate::components::cell::format_number;
use crate::components::form_model::{Field, FieldContext, Key, Value};
use crate::components::load::load;
use crate::components::quota_editor::{QuotaEditor, QuotaRow};
use crate::components::status::field_error;
use leptos::prelude::*;

pub const RESOURCES: Key<Vec<QuotaRow>> = Key::new("resources");

/// The per-node-pool quota editor as a form field, over the node pools of the cluster the
/// field depends on; a failure to load them is shown in place, with a retry. A project's
/// quota is warned of beyond what its department has left.
pub fn quota_field() -> Field {
    with_editor(|cx| quota_editor(cx, false))
}

/// The same for a department, warned of below what its projects are guaranteed.
pub fn department_quota_field() -> Field {
    with_editor(|cx| quota_editor(cx, true))
}

fn with_editor(render: fn(FieldContext) -> AnyView) -> Field {
    Field::custom(RESOURCES, "Quotas by node pool", render, |v| match v {
        Value::Quotas(rows) => quota_problem(rows),
        _ => None,
    })
}

fn quota_editor(field: FieldContext, of_department: bool) -> AnyView {
    let api = use_api();
    let FieldContext { values, key, parent, editing } = field;
    let pools = load(move || {
        let cluster = parent.get();
        Box::pin(async move {
            if cluster.is_empty() {
                return Ok(Vec::new());
            }
            api.choices::<NodePool>(in_cluster(cluster), String::new()).await
        })
    });
    let rows = RwSignal::new(values.with_untracked(|v| v.get(RESOURCES)));
    Effect::new(move |_| {
        let typed = rows.get();
        values.update(|v| v.set(key, Value::Quotas(typed)));
    });
    let loaded = Signal::derive(move || pools.get().map(|r| r.unwrap_or_default()));
    // A project's quota is checked against what its department has left per node pool; a
    // department's, on its edit page, against what its projects are guaranteed.
    let department = Memo::new(move |_| values.with(|v| v.get(DEPARTMENT_OF)));
    // (A new department has no projects yet.)
    let edited = editing.filter(|_| of_department);
    let room = load(move || {
        let (department, project, edited) = (department.get(), values.with_untracked(|v| v.get(NAME_OF)), edited.clone());
        Box::pin(async move {
            match edited {
                Some(id) => department_room(api, id, String::new()).await,
                None if !department.is_empty() => department_room(api, department, project).await,
                None => Ok(Vec::new()),
            }
        })
    });
    let warnings = move || {
        let (room, of_project) = (room.get()?.ok()?, !department.get().is_empty());
        let said: Vec<String> = rows.with(|rows| {
            let over = |row: &QuotaRow| {
                let asked = crate::util::number(row.gpu.trim())?;
                // A pool the department has no quota in holds none for its projects.
                let (total, taken) = room.iter().find(|(pool, ..)| *pool == row.pool_name).map_or((0.0, 0.0), |(_, t, n)| (*t, *n));
                let left = (total - taken).max(0.0);
                match of_project {
                    true if total >= 0.0 && asked > left => Some(format!("{}: {} GPUs is more than the {} its department has unassigned (of {}).", row.pool_name, format_number(asked), format_number(left), format_number(total))),
                    false if asked >= 0.0 && asked < taken => Some(format!("{}: {} GPUs is less than the {} its projects are guaranteed.", row.pool_name, format_number(asked), format_number(taken))),
                    _ => None,
                }
            };
            rows.iter().filter_map(over).collect()
        });
        (!said.is_empty()).then(|| view! { <p class="banner" role="status" data-testid="quota-warning">{said.join(" ")}" The scheduler will not guarantee more than the department holds."</p> })
    };
    view! {
        <QuotaEditor rows pools=loaded/>
        {move || pools.err().map(|error| field_error(error.explain("load the node pools"), Box::new(move || pools.reload())))}
        {move || room.err().map(|error| field_error(error.explain("load the department's quota"), Box::new(move || room.reload())))}
        {warnings}
    }
    .into_any()
}

/// The project form's department and name.
const DEPARTMENT_OF: Key<String> = Key::new("department");
const NAME_OF: Key<String> = Key::new("name");

/// Per node pool of `department`: its GPU quota (-1 unlimited) and what its projects other
/// than `project` (all, for none) are guaranteed of it.
async fn department_room(api: Api, department: String, project: String) -> Result<Vec<(String, f64, f64)>, crate::api::ApiError> {
    let unit = crate::api::resource::wire::<Department, Department>(<Department as crate::api::json::FromJson>::from_json).one(api, &department).await?;
    let projects = api.every::<Project>(vec![Filter { field: "parentId".into(), op: Op::Eq, value: department }]).await?;
    let pool = |e: &QuotaEntry| e.node_pool.as_ref().map(|p| p.name.clone()).unwrap_or_default();
    let gpus = |e: &QuotaEntry| e.gpu.as_ref().and_then(|a| a.deserved).unwrap_or(0.0);
    let others = projects.iter().filter(|p| p.name != project).flat_map(|p| &p.resources);
    Ok(unit.resources.iter().map(|e| (pool(e), gpus(e), others.clone().filter(|r| pool(r) == pool(e)).map(|r| gpus(r).max(0.0)).sum())).collect())
}

/// The first thing wrong with a set of quota rows.
pub fn quota_problem(rows: &[QuotaRow]) -> Option<String> {
    for row in rows {
        let pool = &row.pool_name;
        let number = |text: &str, what: &str| -> Result<Option<f64>, String> {
            match text.trim() {
                "" => Ok(None),
                t => crate::util::number(t).filter(|n| n.is_finite()).map(Some).ok_or(format!("{pool}: {what} must be a number.")),
            }
        };
        let pairs = [("GPU", &row.gpu, &row.gpu_limit), ("CPU", &row.cpu, &row.cpu_limit), ("Memory", &row.memory, &row.memory_limit)];
        for (what, deserved, limit) in pairs {
            let deserved = match number(deserved, what) {
                Ok(d) => d,
                Err(e) => return Some(e),
            };
            let limit = match number(limit, &format!("{what} limit")) {
                Ok(l) => l,
                Err(e) => return Some(e),
            };
            if deserved.is_some_and(|d| d < 0.0 && d != -1.0) {
                return Some(format!("{pool}: {what} quota must be 0 or more (or -1 for unlimited)."));
            }
            if let (Some(d), Some(l)) = (deserved, limit) {
                if l != -1.0 && l < d.max(0.0) {
                    return Some(format!("{pool}: {what} limit must be at least its quota."));
                }
            }
        }
        if number(&row.gpu_weight, "Over-quota weight").is_err() {
            return Some(format!("{pool}: over-quota weight must be a number."));
        }
    }
    None
}

/// What the API takes as `resources[]`, from the rows as typed.
pub fn quota_entries(rows: &[QuotaRow]) -> Vec<QuotaEntry> {
    let number = |t: &str| crate::util::number(t.trim());
    rows.iter()
        .map(|row| {
            let amount = |deserved: &str, limit: &str, weight: Option<f64>| Amount {
                deserved: number(deserved),
                limit: number(limit),
                over_quota_weight: weight,
                units: None,
            };
            let weight = number(&row.gpu_weight);
            let memory_set = !row.memory.trim().is_empty() || !row.memory_limit.trim().is_empty();
            let cpu_set = !row.cpu.trim().is_empty() || !row.cpu_limit.trim().is_empty();
            QuotaEntry {
                node_pool: Some(PoolRef { id: row.pool_id.clone(), name: row.pool_name.clone() }),
                gpu: Some(Amount { deserved: number(&row.gpu).or(Some(0.0)), ..amount("", &row.gpu_limit, weight) }),
                cpu: cpu_set.then(|| amount(&row.cpu, &row.cpu_limit, weight)),
                memory: memory_set.then(|| Amount {
                    units: Some(if row.memory_units.is_empty() { "MB".into() } else { row.memory_units.clone() }),
                    ..amount(&row.memory, &row.memory_limit, weight)
                }),
                priority: None,
            }
        })
        .collect()
}

/// The rows for editing, from `resources[]` as the API sent them.
pub fn quota_rows(entries: &[QuotaEntry]) -> Vec<QuotaRow> {
    let text = |n: Option<f64>| n.map(format_number).unwrap_or_default();
    entries
        .iter()
        .map(|e| {
            let pool = e.node_pool.clone().unwrap_or_default();
            let (gpu, cpu, memory) = (e.gpu.clone().unwrap_or_default(), e.cpu.clone().unwrap_or_default(), e.memory.clone().unwrap_or_default());
            QuotaRow {
                pool_id: pool.id,
                pool_name: pool.name,
                gpu: text(gpu.deserved),
                gpu_limit: text(gpu.limit),
                gpu_weight: text(gpu.over_quota_weight),
                cpu: text(cpu.deserved),
                cpu_limit: text(cpu.limit),
                memory: text(memory.deserved),
                memory_limit: text(memory.limit),
                memory_units: memory.units.unwrap_or_else(|| "MB".into()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_rows_round_trip_and_validate() {
        let row = QuotaRow { pool_id: "p".into(), pool_name: "a100".into(), gpu: "2".into(), gpu_limit: "4".into(), gpu_weight: "1".into(),
                             memory: "64".into(), memory_units: "GB".into(), ..QuotaRow::default() };
        let entries = quota_entries(std::slice::from_ref(&row));
        assert_eq!(entries[0].gpu.as_ref().unwrap().deserved, Some(2.0));
        assert_eq!(entries[0].memory.as_ref().unwrap().units.as_deref(), Some("GB"));
        assert!(entries[0].cpu.is_none(), "no CPU quota typed, none sent");
        assert_eq!(quota_rows(&entries)[0].gpu_limit, "4");
        assert_eq!(quota_problem(&[row.clone()]), None);
        let over = QuotaRow { gpu_limit: "1".into(), ..row.clone() };
        assert_eq!(quota_problem(&[over]).as_deref(), Some("a100: GPU limit must be at least its quota."));
        let negative = QuotaRow { gpu: "-2".into(), ..row.clone() };
        assert!(quota_problem(&[negative]).is_some());
        let unlimited = QuotaRow { gpu: "-1".into(), gpu_limit: "".into(), ..row.clone() };
        assert_eq!(quota_problem(&[unlimited]), None);
        let words = QuotaRow { cpu: "lots".into(), ..row };
        assert_eq!(quota_problem(&[words]).as_deref(), Some("a100: CPU must be a number."));
    }
}
