//! The last resort: a panic in the wasm (a bug) aborts the app, which would leave a frozen
//! page. The hook replaces it with a plain message and a reload link, built with the DOM API
//! directly because nothing of the app can run any more. It logs where, never what: the
//! panic's message could hold data the console must not print.

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        web_sys::console::error_1(&format!("Run:ai console stopped on an internal error{place}").into());
        // Development builds say what, too; release builds never print the message.
        #[cfg(debug_assertions)]
        web_sys::console::error_1(&info.to_string().into());
        show_crash_screen();
    }));
}

fn show_crash_screen() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let (Some(body), Some(screen)) = (document.body(), crash_screen(&document)) else { return };
    body.set_inner_html("");
    let _ = body.append_child(&screen);
}

/// The screen itself. Its link reloads the page for real: `rel="external"` keeps the app's
/// router (which may still be listening) from turning the click into an in-app navigation
/// that changes the address and nothing else.
pub fn crash_screen(document: &web_sys::Document) -> Option<web_sys::Element> {
    let screen = document.create_element("div").ok()?;
    screen.set_class_name("crash");
    let _ = screen.set_attribute("role", "alert");
    let parts = [
        ("h1", "Something went wrong"),
        ("p", "The console hit an internal error and stopped. Reloading starts it again (you will need to sign in again)."),
    ];
    for (tag, text) in parts {
        let element = document.create_element(tag).ok()?;
        element.set_text_content(Some(text));
        let _ = screen.append_child(&element);
    }
    let link = document.create_element("a").ok()?;
    link.set_class_name("button primary");
    let here = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_else(|| "/".into());
    let _ = link.set_attribute("href", &here);
    let _ = link.set_attribute("rel", "external");
    link.set_text_content(Some("Reload the console"));
    let _ = screen.append_child(&link);
    Some(screen)
}
