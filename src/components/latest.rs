//! Loads that only the latest query reaches, for lists whose query changes as the operator
//! types, sorts and pages.

use super::load::{erase, load_then, typed, Load};
use std::any::Any;
use std::rc::Rc;
use crate::api::list::ListQuery;
use crate::api::{ApiError, Pending};
use futures::future::{abortable, AbortHandle};
use leptos::prelude::*;

/// A load over `query` that only the latest query reaches: a new query aborts the load in
/// flight (its HTTP request too), so a slow answer to an old query neither holds up the new
/// one nor overwrites it; the view keeps what it had, marked busy, until the new query
/// answers. Leaving the page aborts it as well. `fetch` reads whatever else it depends on.
///
/// When a reload fails for a reason that passes (offline, a timeout, a 5xx), what was shown
/// stays, and `stale` holds the failure so the view can say the data is out of date.
///
/// `then` completes an answer (`load_then`), called off with it.
pub fn latest_only<T: 'static>(
    query: Memo<ListQuery>,
    stale: RwSignal<Option<ApiError>>,
    fetch: impl Fn(ListQuery) -> Pending<T> + 'static,
    then: Option<Rc<dyn Fn(&T) -> Option<Pending<T>>>>,
) -> Load<T> {
    let inflight = StoredValue::new(None::<AbortHandle>);
    let abort = move || {
        if let Some(handle) = inflight.try_update_value(Option::take).flatten() {
            handle.abort();
        }
    };
    on_cleanup(abort);
    let only_latest = move |work: Pending<T>| -> Pending<T> {
        abort();
        let (answer, handle) = abortable(work);
        inflight.set_value(Some(handle));
        // Aborted for a newer load, whose answer is the one that lands.
        Box::pin(async move { answer.await.unwrap_or(Err(ApiError::Superseded)) })
    };
    let then = then.map(|then| {
        Rc::new(move |answer: &Rc<dyn Any>| {
            Some(erase(only_latest(then(typed::<T>(answer))?)))
        }) as _
    });
    load_then(Some(stale), move || only_latest(fetch(query.get())), then)
}
