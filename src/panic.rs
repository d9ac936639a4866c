//! A panic in the wasm (a bug) aborts the app. The crash screen that replaces the frozen page
//! is `assets/crash.js`, plain JavaScript that runs when the wasm traps: release builds abort
//! at once, without this hook. Development and test builds also say where (and what), here.

pub fn install() {
    #[cfg(debug_assertions)]
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Run:ai console stopped on an internal error: {info}").into());
    }));
}
