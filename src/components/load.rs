//! Loading data into a page: one small loader instead of Leptos' resources, whose async
//! machinery (`AsyncDerived`, `Suspense`, `Transition`) cost about 15 K of the bundle when
//! it was instantiated per type.
//!
//! A view reads `value` and shows the loading note, the error or the data itself; while a
//! reload is under way the last answer stays on screen (marked `busy`), as `Transition` did.

use crate::api::{ApiError, Pending};
use leptos::prelude::*;
use std::any::Any;
use std::marker::PhantomData;
use std::rc::Rc;

/// What a load has brought so far: `None` until the first answer. The answer is kept
/// type-erased, so that the signal and the loader are compiled once for every type loaded
/// (per type they cost about 1 K of the bundle each, eleven times); only the typed accessors
/// below are per type.
pub struct Load<T: 'static> {
    value: RwSignal<Answer, LocalStorage>,
    pub busy: RwSignal<bool>,
    again: RwSignal<u32>,
    kind: PhantomData<fn() -> T>,
}

type Answer = Option<Result<Rc<dyn Any>, ApiError>>;

impl<T> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Load<T> {}

impl<T: 'static> Load<T> {
    /// Reads the answer so far (tracked) without copying it.
    pub fn with<U>(self, f: impl FnOnce(Option<Result<&T, &ApiError>>) -> U) -> U {
        self.value.with(|v| f(v.as_ref().map(|r| r.as_ref().map(typed))))
    }
    /// The error of the last answer, if it failed (tracked).
    pub fn err(self) -> Option<ApiError> {
        self.value.with(|v| v.as_ref().and_then(|r| r.as_ref().err()).cloned())
    }
    /// Loads again (a retry button, a refresh after a change); the answer on screen stays
    /// if this fails for a passing reason. Once the page is gone, nothing happens.
    pub fn reload(self) {
        self.again.try_update(|n| *n += 1);
    }
    pub fn retry(self) -> Callback<()> {
        Callback::new(move |_| self.reload())
    }
}

impl<T: Clone + 'static> Load<T> {
    /// The answer so far (tracked).
    pub fn get(self) -> Option<Result<T, ApiError>> {
        self.with(|v| v.map(|r| r.cloned().map_err(Clone::clone)))
    }
    /// The answer so far, untracked.
    pub fn get_untracked(self) -> Option<Result<T, ApiError>> {
        untrack(|| self.get())
    }
    /// The data, if the last answer brought some.
    pub fn ok(self) -> Option<T> {
        self.with(|v| v.and_then(Result::ok).cloned())
    }
}

/// The answer as the type it was loaded as, which `load` (or `Task`) alone stores.
pub(super) fn typed<T: 'static>(answer: &Rc<dyn Any>) -> &T {
    answer.downcast_ref().expect("a load holds the type it loads")
}

/// Runs `fetch` now, again whenever a signal it reads changes, and on `reload`. Only the
/// latest answer lands: an older one that arrives late is dropped. Once the page that made it
/// is gone, answers still on their way land nowhere.
pub fn load<T: 'static>(fetch: impl Fn() -> Pending<T> + 'static) -> Load<T> {
    load_keeping(None, fetch)
}

/// `load`, except that a reload (`Load::reload`) failing for a reason that passes (offline, a
/// timeout, a 5xx) keeps the last answer, and `stale` holds the failure so the view can say
/// the data may be out of date (until an answer comes). A load started by a change in what
/// `fetch` reads shows its failure instead: the last answer was for something else.
pub fn load_keeping<T: 'static>(stale: Option<RwSignal<Option<ApiError>>>, fetch: impl Fn() -> Pending<T> + 'static) -> Load<T> {
    load_then(stale, fetch, None)
}

/// A load's answer type-erased, completed by what `then` brings (see `load_then`).
pub type Then = Rc<dyn Fn(&Rc<dyn Any>) -> Option<Pending<Rc<dyn Any>>>>;

/// `load_keeping`, with each answer followed by what `then` brings for it, if anything (a
/// list's rows, then their figures): the answer shows at once and is replaced when that
/// comes, unless a newer load has started meanwhile.
pub fn load_then<T: 'static>(stale: Option<RwSignal<Option<ApiError>>>, fetch: impl Fn() -> Pending<T> + 'static, then: Option<Then>) -> Load<T> {
    let erased = load_erased(Box::new(move || erase(fetch())), stale, then);
    Load { value: erased.0, busy: erased.1, again: erased.2, kind: PhantomData }
}

/// A pending answer type-erased: compiled once per type answered, not once per fetch.
pub(super) fn erase<T: 'static>(pending: Pending<T>) -> Pending<Rc<dyn Any>> {
    Box::pin(async move { pending.await.map(|t| Rc::new(t) as Rc<dyn Any>) })
}

/// `load_then` for any type: the answer, whether a load is under way, and the reload counter.
fn load_erased(fetch: Box<dyn Fn() -> Pending<Rc<dyn Any>>>, stale: Option<RwSignal<Option<ApiError>>>, then: Option<Then>) -> (RwSignal<Answer, LocalStorage>, RwSignal<bool>, RwSignal<u32>) {
    let (value, busy, again) = (RwSignal::new_local(None), RwSignal::new(false), RwSignal::new(0u32));
    let latest = StoredValue::new(0u32);
    // Each run says how many reloads it has seen: a run that saw none new was started by
    // a change in what `fetch` reads (another cluster, another query), so what is on screen
    // answers something else and is not kept in place of a failure. A load that keeps its
    // answer also reloads when the connection comes back, as the offline banner promises.
    Effect::new(move |reloads: Option<u32>| {
        let asked = again.get().wrapping_add(if stale.is_some() { super::network::reconnections() } else { 0 });
        let reloaded = reloads.is_some_and(|n| n != asked);
        let pending = fetch();
        let ticket = latest.get_value().wrapping_add(1);
        latest.set_value(ticket);
        busy.set(true);
        let then = then.clone();
        leptos::task::spawn_local(async move {
            let mut pending = Some(pending);
            while let Some(work) = pending.take() {
                let answer = work.await;
                if latest.try_get_value() != Some(ticket) {
                    return;
                }
                pending = match (&answer, &then) {
                    (Ok(answer), Some(then)) => then(answer),
                    _ => None,
                };
                let had = value.try_with_untracked(|v| matches!(v, Some(Ok(_)))).unwrap_or(false);
                match (answer, stale) {
                    (Err(error), Some(stale)) if reloaded && had && error.is_transient() => drop(stale.try_set(Some(error))),
                    (answer, stale) => {
                        // What was out of date is off the screen now, whatever replaced it.
                        if let Some(stale) = stale {
                            stale.try_set(None);
                        }
                        value.try_set(Some(answer));
                    }
                }
                busy.try_set(false);
            }
        });
        asked
    });
    (value, busy, again)
}

/// Work the operator starts (a save, a delete, a sign-in), one at a time: a `dispatch` while
/// one is under way does nothing (a second click sends nothing), and `outcome` is the last
/// one. Leptos' `Action` did this through the same async machinery as its resources. The
/// outcome is kept type-erased, as a load's answer is.
pub struct Task<I: 'static, O: 'static> {
    work: StoredValue<Box<dyn Fn(&I) -> Work<Rc<dyn Any>>>, LocalStorage>,
    pending: RwSignal<bool>,
    value: RwSignal<Option<Rc<dyn Any>>, LocalStorage>,
    kind: PhantomData<fn() -> O>,
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
        let work = move |input: &I| {
            let running = work(input);
            Box::pin(async move { Rc::new(running.await) as Rc<dyn Any> }) as Work<Rc<dyn Any>>
        };
        Task { work: StoredValue::new_local(Box::new(work)), pending: RwSignal::new(false), value: RwSignal::new_local(None), kind: PhantomData }
    }
    pub fn dispatch(self, input: I) {
        if self.pending.get_untracked() {
            return;
        }
        if let Some(work) = self.work.try_with_value(|work| work(&input)) {
            run(work, self.pending, self.value);
        }
    }
    pub fn pending(self) -> ReadSignal<bool> {
        self.pending.read_only()
    }
}

impl<I: 'static, O: Clone + 'static> Task<I, O> {
    /// The last outcome (tracked).
    pub fn outcome(self) -> Option<O> {
        self.value.with(|v| v.as_ref().map(|o| typed::<O>(o).clone()))
    }
}

fn run(work: Work<Rc<dyn Any>>, pending: RwSignal<bool>, value: RwSignal<Option<Rc<dyn Any>>, LocalStorage>) {
    pending.set(true);
    leptos::task::spawn_local(async move {
        let outcome = work.await;
        value.try_set(Some(outcome));
        pending.try_set(false);
    });
}
