//! The session: who is signed in, to which control plane, with which token.
//!
//! The client secret and the token live in this module's memory only: never in web storage,
//! cookies, the URL or a log, and `Debug` never prints them. The secret is kept (in memory)
//! so the token can be renewed silently before `expires_in` runs out and once after a 401;
//! reloading the page therefore means signing in again. This is the in-memory option of
//! the reliability rules, chosen so that a long-running operator session is not cut every hour.

pub mod limits;

use crate::api::authorization::{Action, Permission, ResourceType};
use crate::api::client::{fetch, Call};
use crate::api::query::host_of;
use crate::api::token::{self, Token};
use crate::api::{Api, ApiError};
use crate::api::Method;
use leptos::prelude::*;
use std::time::Duration;

/// The signed-in principal, as the UI may show it.
#[derive(Clone, Debug, PartialEq)]
pub struct Principal {
    pub base_url: String,
    pub host: String,
    pub client_id: String,
    /// `None` when the control plane would not say (the console then hides nothing).
    pub permissions: Option<Vec<Permission>>,
    /// Whether a rule of the principal's is at tenant (or system) scope; `None` if unknown.
    pub tenant_wide: Option<bool>,
}

/// Secret material: never reactive, never rendered.
struct Keys {
    base_url: String,
    client_id: String,
    secret: String,
    token: Token,
    /// The control plane lacks `/api/v2/token`; use `/api/v1/token`.
    v1: bool,
    renew_timer: Option<TimeoutHandle>,
}

#[derive(Clone, Copy)]
pub struct Session {
    principal: RwSignal<Option<Principal>>,
    keys: StoredValue<Option<Keys>, LocalStorage>,
    /// Why the last session ended, for the sign-in page.
    notice: RwSignal<Option<String>>,
    /// The control plane stopped accepting the session; the console waits for a new sign-in
    /// with the page (and any typed input) kept.
    expired: RwSignal<bool>,
    /// When the current session began (ms since the epoch), for its absolute limit.
    started_ms: RwSignal<f64>,
    /// Tells the console's other tabs that this one signed out.
    tabs: StoredValue<Option<web_sys::BroadcastChannel>, LocalStorage>,
}

/// The channel the console's tabs share (same origin only).
const TABS_CHANNEL: &str = "runai-console";

pub fn provide_session() -> Session {
    let session = Session {
        principal: RwSignal::new(None),
        keys: StoredValue::new_local(None),
        notice: RwSignal::new(None),
        expired: RwSignal::new(false),
        started_ms: RwSignal::new(0.0),
        tabs: StoredValue::new_local(web_sys::BroadcastChannel::new(TABS_CHANNEL).ok()),
    };
    // Signing out in another tab signs out here too. The listener lives as long as the app.
    session.tabs.with_value(|channel| {
        if let Some(channel) = channel {
            let listener = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |_: web_sys::MessageEvent| {
                if session.is_signed_in_untracked() {
                    session.end_here();
                }
            });
            channel.set_onmessage(Some(wasm_bindgen::JsCast::unchecked_ref(listener.as_ref())));
            listener.forget();
        }
    });
    provide_context(session);
    session
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

impl Session {
    pub fn principal(self) -> Option<Principal> {
        self.principal.get()
    }
    pub fn is_signed_in(self) -> bool {
        self.principal.with(Option::is_some)
    }
    pub fn is_expired(self) -> bool {
        self.expired.get()
    }
    fn is_signed_in_untracked(self) -> bool {
        self.principal.with_untracked(Option::is_some)
    }
    /// When the session began, in ms since the epoch.
    pub fn started_ms(self) -> f64 {
        self.started_ms.get_untracked()
    }
    /// Whether the principal may `action` on `resource_type` (yes when the control plane
    /// would not say; it still refuses with a 403 if not).
    pub fn can(self, resource_type: ResourceType, action: Action) -> bool {
        self.principal.with_untracked(|p| {
            let permissions = p.as_ref().and_then(|p| p.permissions.as_ref());
            permissions.is_none_or(|perms| crate::api::authorization::allows(perms, resource_type, action))
        })
    }

    pub fn notice(self) -> Option<String> {
        self.notice.get()
    }
    pub fn base_url(self) -> String {
        self.keys.with_value(|k| k.as_ref().map(|k| k.base_url.clone())).unwrap_or_default()
    }
    pub fn host(self) -> String {
        host_of(&self.base_url())
    }
    pub fn token(self) -> Option<String> {
        self.keys.with_value(|k| k.as_ref().map(|k| k.token.access_token.clone()))
    }

    /// Signs in with client credentials. On failure nothing of the attempt is kept.
    pub async fn sign_in(self, base_url: String, client_id: String, secret: String) -> Result<(), String> {
        let (token, v1) = request_token(&base_url, &client_id, &secret, None).await.map_err(|(error, v1)| {
            if token::credentials_refused(&error, v1) {
                "Invalid client ID or secret.".to_owned()
            } else {
                redact(error.explain("sign in"), &secret)
            }
        })?;
        self.keys.set_value(Some(Keys { base_url: base_url.clone(), client_id: client_id.clone(), secret, token, v1, renew_timer: None }));
        self.schedule_renewal();
        // What the principal may do, for navigation and controls; both asked at once.
        let api = Api::new(self);
        let (permissions, mine) = futures::join!(api.permissions(), api.my_access_rules());
        let (permissions, mine) = (permissions.ok(), mine.ok());
        let tenant_wide = mine.map(|m| m.access_rules.access_rules.iter().any(|r| r.scope_type == "tenant" || r.scope_type == "system"));
        self.notice.set(None);
        self.expired.set(false);
        self.started_ms.set(js_sys::Date::now());
        self.principal.set(Some(Principal { host: host_of(&base_url), base_url, client_id, permissions, tenant_wide }));
        Ok(())
    }

    /// Gets a fresh token with the credentials held in memory. If the control plane refuses
    /// them now, the session ends (the page stays, so signing in again returns to it).
    pub async fn renew(self) -> Result<(), ApiError> {
        let Some((base_url, client_id, secret, v1)) =
            self.keys.with_value(|k| k.as_ref().map(|k| (k.base_url.clone(), k.client_id.clone(), k.secret.clone(), k.v1)))
        else {
            return Err(ApiError::Status { status: 401, message: String::new(), details: None, oauth_error: None });
        };
        match request_token(&base_url, &client_id, &secret, Some(v1)).await {
            Ok((token, _)) => {
                self.keys.update_value(|k| {
                    if let Some(k) = k {
                        k.token = token;
                    }
                });
                self.schedule_renewal();
                Ok(())
            }
            Err((error, v1)) => {
                if token::credentials_refused(&error, v1) {
                    self.expire();
                }
                Err(error)
            }
        }
    }

    /// Ends the session because the control plane no longer accepts it. The secret and token
    /// are dropped; the page stays, under a sign-in form, so nothing typed is lost.
    pub fn expire(self) {
        self.end_keeping_page("Your session expired. Sign in again to continue where you were.".into());
    }

    /// Ends the session with `why` shown on the sign-in form over the page, which stays with
    /// whatever was typed in it (a limit reached, an expired token).
    pub fn end_keeping_page(self, why: String) {
        self.drop_keys();
        self.notice.set(Some(why));
        self.expired.set(true);
    }

    /// Drops the secret, the token and everything the session knew, here and in the
    /// console's other tabs.
    pub fn sign_out(self) {
        self.end_here();
        self.tabs.with_value(|channel| {
            if let Some(channel) = channel {
                let _ = channel.post_message(&"signed-out".into());
            }
        });
    }

    fn end_here(self) {
        self.drop_keys();
        self.notice.set(None);
        self.expired.set(false);
        self.principal.set(None);
    }

    fn drop_keys(self) {
        let keys = self.keys.try_update_value(Option::take).flatten();
        if let Some(mut keys) = keys {
            if let Some(timer) = keys.renew_timer.take() {
                timer.clear();
            }
            // Overwrite the secret and the token before their memory is given back, as far as
            // the language allows (copies made on the way to fetch are out of reach).
            wipe(std::mem::take(&mut keys.secret));
            wipe(std::mem::take(&mut keys.token.access_token));
        }
    }

    fn schedule_renewal(self) {
        let Some(lifetime) = self.keys.with_value(|k| k.as_ref().map(|k| k.token.lifetime_secs)) else { return };
        let delay = Duration::from_millis(u64::from(token::renew_after_ms(lifetime)));
        let timer = set_timeout_with_handle(
            move || {
                leptos::task::spawn_local(async move {
                    let _ = self.renew().await;
                })
            },
            delay,
        )
        .ok();
        self.keys.update_value(|k| match k {
            Some(k) => {
                if let Some(old) = std::mem::replace(&mut k.renew_timer, timer) {
                    old.clear();
                }
            }
            None => timer.into_iter().for_each(|t| t.clear()),
        });
    }
}

/// A token from the control plane at `base_url`. `v1` is `Some` once it is known which
/// endpoint the control plane has; otherwise v2 is tried first, then v1 if v2 is missing.
/// A failure says whether it came from v1 (whose errors read differently).
async fn request_token(base_url: &str, client_id: &str, secret: &str, v1: Option<bool>) -> Result<(Token, bool), (ApiError, bool)> {
    let host = host_of(base_url);
    if v1 != Some(true) {
        let body = Some(("application/x-www-form-urlencoded", token::v2_body(client_id, secret)));
        let call = Call { method: Method::POST, url: format!("{base_url}{}", token::V2_PATH), body, bearer: None };
        let answer = fetch(&call, &host).await.map_err(|e| (e, false))?;
        if v1.is_some() || !token::v2_missing(&answer) {
            return token::read_answer(&host, &answer).map(|t| (t, false)).map_err(|e| (e, false));
        }
    }
    let body = Some(("application/json", token::v1_body(client_id, secret)));
    let call = Call { method: Method::POST, url: format!("{base_url}{}", token::V1_PATH), body, bearer: None };
    let answer = fetch(&call, &host).await.map_err(|e| (e, true))?;
    token::read_answer(&host, &answer).map(|t| (t, true)).map_err(|e| (e, true))
}

/// `message` with `secret` blanked out, should a server have echoed it back.
pub fn redact(message: String, secret: &str) -> String {
    if secret.len() < 4 { message } else { message.replace(secret, "[redacted]") }
}

/// Zeroes a string's bytes before it is dropped.
fn wipe(text: String) {
    let mut bytes = text.into_bytes();
    bytes.fill(0);
    std::hint::black_box(&bytes);
}
