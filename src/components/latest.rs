//! Loads that only the latest query reaches, for lists whose query changes as the operator
//! types, sorts and pages.

use crate::api::list::ListQuery;
use crate::api::{ApiError, Pending};
use leptos::prelude::*;

/// A resource over `query` that only the latest query reaches. Leptos runs a resource's loads
/// one after another, so a slow answer to an old query would hold up the new one: a new query
/// therefore aborts the load in flight (its HTTP request too), which then resolves to the last
/// value shown, so the view keeps what it had, marked busy, until the new query answers.
/// Leaving the page aborts it as well. `load` reads whatever else it depends on.
///
/// When a reload fails for a reason that passes (offline, a timeout, a 5xx), what was shown
/// stays, and `stale` holds the failure so the view can say the data is out of date.
pub fn latest_only<T: Clone + 'static>(
    query: Memo<ListQuery>,
    stale: RwSignal<Option<ApiError>>,
    load: impl Fn(ListQuery) -> Pending<T> + 'static,
) -> LocalResource<Result<T, ApiError>> {
    let inflight = StoredValue::new(None::<(ListQuery, futures::future::AbortHandle)>);
    let shown = StoredValue::new_local(None::<T>);
    // Aborts what is in flight for a query other than `current` (all of it when `None`).
    let abort_other = move |current: Option<&ListQuery>| {
        inflight.try_update_value(|slot| {
            if slot.as_ref().is_some_and(|(q, _)| Some(q) != current) {
                if let Some((_, handle)) = slot.take() {
                    handle.abort();
                }
            }
        });
    };
    Effect::new(move |_| {
        let current = query.get();
        abort_other(Some(&current));
    });
    on_cleanup(move || abort_other(None));
    let again = RwSignal::new(0u32);
    LocalResource::new(move || {
        let q = query.get();
        again.track();
        let (load, handle) = futures::future::abortable(load(q.clone()));
        inflight.set_value(Some((q, handle)));
        async move {
            match load.await {
                Ok(Ok(value)) => {
                    shown.try_set_value(Some(value.clone()));
                    stale.try_set(None);
                    Ok(value)
                }
                Ok(Err(error)) => match shown.try_get_value().flatten() {
                    Some(last) if error.is_transient() => {
                        stale.try_set(Some(error));
                        Ok(last)
                    }
                    _ => Err(error),
                },
                Err(_aborted) => {
                    // The change that aborted this load reached the resource while it waited,
                    // and Leptos does not always run it afterwards: ask again, once this
                    // answer is in, for whatever the query is by then.
                    set_timeout(move || { again.try_update(|n| *n += 1); }, std::time::Duration::ZERO);
                    shown.try_get_value().flatten().ok_or(ApiError::Superseded)
                }
            }
        }
    })
}
