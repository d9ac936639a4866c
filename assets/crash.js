// The last resort. A bug that traps the wasm (a panic; release builds abort at once, without
// Rust's panic hook) leaves the page frozen; this replaces it with a plain message and a
// reload link. It is plain JavaScript because nothing of the app can run after a trap. It
// names no detail of the error: its message could hold data the console must not print.
(function () {
  function crashed(error) {
    if (!(error instanceof WebAssembly.RuntimeError) || document.querySelector(".crash")) return;
    console.error("Run:ai console stopped on an internal error");
    var screen = document.createElement("div");
    screen.className = "crash";
    screen.setAttribute("role", "alert");
    var title = document.createElement("h1");
    title.textContent = "Something went wrong";
    var text = document.createElement("p");
    text.textContent = "The console hit an internal error and stopped. Reloading starts it again (you will need to sign in again).";
    // rel="external": the app's router, if it still listens, must not turn the click into
    // an in-app navigation that changes the address and nothing else.
    var reload = document.createElement("a");
    reload.className = "button primary";
    reload.href = location.href;
    reload.rel = "external";
    reload.textContent = "Reload the console";
    screen.append(title, text, reload);
    document.body.replaceChildren(screen);
  }
  addEventListener("error", function (e) { crashed(e.error); });
  addEventListener("unhandledrejection", function (e) { crashed(e.reason); });
})();
