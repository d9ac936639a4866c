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
    let Some(body) = document.body() else { return };
    let Ok(screen) = document.create_element("div") else { return };
    screen.set_class_name("crash");
    let _ = screen.set_attribute("role", "alert");
    let parts = [
        ("h1", "Something went wrong"),
        ("p", "The console hit an internal error and stopped. Reloading starts it again (you will need to sign in again)."),
    ];
    for (tag, text) in parts {
        if let Ok(el) = document.create_element(tag) {
            el.set_text_content(Some(text));
            let _ = screen.append_child(&el);
        }
    }
    if let Ok(link) = document.create_element("a") {
        link.set_class_name("button primary");
        let _ = link.set_attribute("href", "/");
        link.set_text_content(Some("Reload the console"));
        let _ = screen.append_child(&link);
    }
    body.set_inner_html("");
    let _ = body.append_child(&screen);
}
