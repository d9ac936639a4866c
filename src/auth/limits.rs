//! Session limits (OWASP ASVS 7.3): a session ends after a time without input (60 minutes
//! unless `config.json` says `idleMinutes`), with a warning two minutes before, and after an
//! absolute lifetime (12 hours, or `sessionHours`). Either way the page stays under the
//! sign-in form, so nothing typed is lost.

use super::use_session;
use crate::api::config::RuntimeConfig;
use leptos::ev;
use leptos::prelude::*;
use std::time::Duration;

const DEFAULT_IDLE_MINUTES: f64 = 60.0;
const DEFAULT_SESSION_HOURS: f64 = 12.0;
/// How long before the idle limit the warning appears (at most half the limit).
const WARNING_SECS: f64 = 120.0;

/// What the watcher decides, from the time since the last input and since sign-in.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    Fine,
    /// Signed out for inactivity in this many seconds.
    Warn(u32),
    End(String),
}

/// The verdict for `idle_secs` without input, `age_secs` into a session, under these limits.
pub fn verdict(idle_secs: f64, age_secs: f64, idle_limit_secs: f64, absolute_limit_secs: f64) -> Verdict {
    if age_secs >= absolute_limit_secs {
        let hours = absolute_limit_secs / 3600.0;
        return Verdict::End(format!("Your session reached its limit of {} h. Sign in again to continue where you were.", crate::components::cell::format_number(hours)));
    }
    let left = idle_limit_secs - idle_secs;
    if left <= 0.0 {
        let minutes = idle_limit_secs / 60.0;
        return Verdict::End(format!(
            "You were signed out after {} min without activity. Sign in again to continue where you were.",
            crate::components::cell::format_number(minutes)
        ));
    }
    if left <= WARNING_SECS.min(idle_limit_secs / 2.0) {
        return Verdict::Warn(left.ceil() as u32);
    }
    Verdict::Fine
}

/// Watches input and the clock while the console is signed in; returns the warning to show
/// (seconds left), if any. Listeners and the timer go with the calling owner.
pub fn watch() -> ReadSignal<Option<u32>> {
    let session = use_session();
    let config = use_context::<RwSignal<Option<RuntimeConfig>>>();
    let limits = move || {
        let config = config.and_then(|c| c.get_untracked()).unwrap_or_default();
        let idle = config.idle_minutes.filter(|m| m.is_finite() && *m > 0.0).unwrap_or(DEFAULT_IDLE_MINUTES) * 60.0;
        let absolute = config.session_hours.filter(|h| h.is_finite() && *h > 0.0).unwrap_or(DEFAULT_SESSION_HOURS) * 3600.0;
        (idle, absolute)
    };
    let last_input = StoredValue::new(js_sys::Date::now());
    let (warning, set_warning) = signal(None::<u32>);
    let touch = move || last_input.set_value(js_sys::Date::now());
    let handles = [
        window_event_listener(ev::keydown, move |_| touch()),
        window_event_listener(ev::pointerdown, move |_| touch()),
        window_event_listener(ev::wheel, move |_| touch()),
    ];
    let timer = set_interval_with_handle(
        move || {
            if !session.is_signed_in() || session.is_expired() {
                return;
            }
            let now = js_sys::Date::now();
            let (idle, absolute) = limits();
            let idle_for = (now - last_input.get_value()) / 1000.0;
            // After signing in again, the clock starts over.
            let age = (now - session.started_ms()) / 1000.0;
            match verdict(idle_for.min(age), age, idle, absolute) {
                Verdict::Fine => set_warning.set(None),
                Verdict::Warn(secs) => set_warning.set(Some(secs)),
                Verdict::End(why) => {
                    set_warning.set(None);
                    session.end_keeping_page(why);
                }
            }
        },
        Duration::from_secs(1),
    )
    .ok();
    on_cleanup(move || {
        for handle in handles {
            handle.remove();
        }
        if let Some(timer) = timer {
            timer.clear();
        }
    });
    warning
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_and_absolute_limits() {
        let (idle, absolute) = (3600.0, 12.0 * 3600.0);
        assert_eq!(verdict(10.0, 100.0, idle, absolute), Verdict::Fine);
        assert_eq!(verdict(3500.0, 4000.0, idle, absolute), Verdict::Warn(100));
        assert!(matches!(verdict(3600.0, 4000.0, idle, absolute), Verdict::End(why) if why.contains("60 min without activity")));
        assert!(matches!(verdict(1.0, absolute, idle, absolute), Verdict::End(why) if why.contains("limit of 12 h")));
        assert_eq!(verdict(7.0, 7.0, 12.0, absolute), Verdict::Warn(5), "a short limit warns in its second half");
        assert_eq!(verdict(5.0, 5.0, 12.0, absolute), Verdict::Fine);
    }
}
