//! Loading data into a page: one small loader instead of Leptos' resources, whose async
//! machinery (`AsyncDerived`, `Suspense`, `Transition`) cost about 15 K of the bundle when
//! it was instantiated per type.
//!
//! A view reads `value` and shows the loading note, the error or the data itself; while a
//! reload is under way the last answer stays on screen (marked `busy`), as `Transition` did.

use crate::api::{ApiError, Pending};
use leptos::prelude::*;

/// What a load has brought so far: `None` until the first answer.
pub struct Load<T: 'static> {
    pub value: RwSignal<Option<Result<T, ApiError>>, LocalStorage>,
    pub busy: RwSignal<bool>,
    again: RwSignal<u32>,
}

impl<T> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Load<T> {}

impl<T: Clone + 'static> Load<T> {
    /// The answer so far (tracked).
    pub fn get(self) -> Option<Result<T, ApiError>> {
        self.value.get()
    }
    /// The answer so far, untracked.
    pub fn get_untracked(self) -> Option<Result<T, ApiError>> {
        self.value.get_untracked()
    }
    /// The data, if the last answer brought some.
    pub fn ok(self) -> Option<T> {
        self.value.with(|v| v.as_ref().and_then(|r| r.as_ref().ok()).cloned())
    }
}

impl<T: 'static> Load<T> {
    /// Loads again (a retry button, a refresh after a change).
    pub fn reload(self) {
        self.again.update(|n| *n += 1);
    }
    pub fn retry(self) -> Callback<()> {
        Callback::new(move |_| self.reload())
    }
}

/// Runs `fetch` now, again whenever a signal it reads changes, and on `reload`. Only the
/// latest answer lands: an older one that arrives late is dropped. Once the page that made it
/// is gone, answers still on their way land nowhere.
pub fn load<T: 'static>(fetch: impl Fn() -> Pending<T> + 'static) -> Load<T> {
    let loaded = Load { value: RwSignal::new_local(None), busy: RwSignal::new(false), again: RwSignal::new(0) };
    let latest = StoredValue::new(0u32);
    Effect::new(move |_| {
        loaded.again.track();
        let pending = fetch();
        let ticket = latest.get_value().wrapping_add(1);
        latest.set_value(ticket);
        loaded.busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = pending.await;
            if latest.try_get_value() == Some(ticket) {
                loaded.value.try_set(Some(answer));
                loaded.busy.try_set(false);
            }
        });
    });
    loaded
}

/// Work the operator starts (a save, a delete, a sign-in), one at a time: a `dispatch` while
/// one is under way does nothing (a second click sends nothing), and `value` holds the last
/// outcome. Leptos' `Action` did this through the same async machinery as its resources.
pub struct Task<I: 'static, O: 'static> {
    work: StoredValue<Box<dyn Fn(&I) -> Work<O>>, LocalStorage>,
    pending: RwSignal<bool>,
    value: RwSignal<Option<O>, LocalStorage>,
}

/// What a task runs.
pub type Work<O> = std::pin::Pin<Box<dyn std::future::Future<Output = O>>>;

impl<I, O> Clone for Task<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<I, O> Copy for Task<I, O> {}

impl<I: 'static, O: 'static> Task<I, O> {
    pub fn new(work: impl Fn(&I) -> Work<O> + 'static) -> Self {
        Task { work: StoredValue::new_local(Box::new(work)), pending: RwSignal::new(false), value: RwSignal::new_local(None) }
    }
    pub fn dispatch(self, input: I) {
        if self.pending.get_untracked() {
            return;
        }
        let Some(work) = self.work.try_with_value(|work| work(&input)) else { return };
        self.pending.set(true);
        leptos::task::spawn_local(async move {
            let outcome = work.await;
            self.value.try_set(Some(outcome));
            self.pending.try_set(false);
        });
    }
    pub fn pending(self) -> ReadSignal<bool> {
        self.pending.read_only()
    }
    pub fn value(self) -> RwSignal<Option<O>, LocalStorage> {
        self.value
    }
}
