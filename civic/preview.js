// The preview's script, added to each page by `civic serve --watch`, never to
// the built site. Every second it asks the server for the build's state: a
// newer build than the one this page came from reloads the page; a build
// that failed shows its report above the page until one succeeds; while a
// build runs, a status in the corner says so. The texts come from the server.
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = script ? Number(script.getAttribute("data-wersja")) : NaN;
  var base = script ? script.src.replace(/podglad\.js.*$/, "") : "/__podglad/";
  var banner = null;
  var report = "";
  // A live region present from the start, so that a screen reader announces what is put in it.
  var progress = document.createElement("div");
  progress.setAttribute("role", "status");
  document.body.appendChild(progress);

  function running(text) {
    if (progress.textContent === text) {
      return;
    }
    progress.textContent = text;
    progress.style.cssText = text
      ? "position:fixed;left:1rem;bottom:1rem;max-width:calc(100% - 2rem);box-sizing:border-box;z-index:1000;" +
        "margin:0;padding:.5rem .75rem;" +
        "background:#1a1a1a;color:#fff;border-radius:.25rem;font:1rem/1.5 system-ui,sans-serif"
      : "";
  }

  function show(state) {
    var text = state.bledy.join("\n\n");
    if (!state.bledy.length) {
      if (banner) {
        banner.parentNode.removeChild(banner);
        banner = null;
        report = "";
      }
      return;
    }
    if (banner && text === report) {
      return;
    }
    report = text;
    if (!banner) {
      banner = document.createElement("div");
      banner.setAttribute("role", "alert");
      banner.style.cssText =
        "margin:0;padding:1rem;background:#fff4c4;color:#1a1a1a;border-bottom:4px solid #8a1c1c;" +
        "font:1rem/1.5 system-ui,sans-serif";
      document.body.insertBefore(banner, document.body.firstChild);
    }
    banner.textContent = "";
    var heading = document.createElement("p");
    heading.style.cssText = "margin:0 0 .5rem;font-weight:bold";
    heading.textContent = state.komunikat;
    var body = document.createElement("pre");
    body.style.cssText = "margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font-size:.9rem";
    body.textContent = text;
    banner.appendChild(heading);
    banner.appendChild(body);
  }

  function ask() {
    fetch(base + "stan.json", { cache: "no-store" })
      .then(function (response) {
        return response.json();
      })
      .then(function (state) {
        if (state.wersja !== shown) {
          window.location.reload();
          return;
        }
        show(state);
        running(state.postep || "");
        window.setTimeout(ask, 1000);
      })
      .catch(function () {
        window.setTimeout(ask, 2000); // the server stopped or restarts: keep asking
      });
  }

  ask();
})();
