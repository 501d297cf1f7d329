/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";

  var body = document.body;
  var warsaw = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Warsaw", year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", weekday: "long", hour12: false
  });

  function nowInWarsaw() {
    var parts = {};
    warsaw.formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
    var hour = parts.hour === "24" ? "00" : parts.hour;
    return {
      day: parts.year + "-" + parts.month + "-" + parts.day,
      time: hour + ":" + parts.minute,
      weekday: parts.weekday.toLowerCase()
    };
  }

  function daysBetween(from, to) {
    return Math.round((Date.parse(to + "T00:00:00Z") - Date.parse(from + "T00:00:00Z")) / 86400000);
  }

  function text(name, n) {
    var template = body.getAttribute("data-i18n-" + name) || "";
    return template.replace("{n}", String(n));
  }

  function daysLeft(n) {
    if (n === 0) { return text("last-day"); }
    var form = new Intl.PluralRules(document.documentElement.lang || "pl").select(n);
    return text("days-" + (form === "one" ? "one" : form === "few" ? "few" : "many"), n);
  }

  /* Consultation status from the visitor's clock: a page built yesterday
     must not say "open" after the closing day. */
  function refreshStatuses(today) {
    document.querySelectorAll("[data-status-closes]").forEach(function (el) {
      var opens = el.getAttribute("data-status-opens");
      var closes = el.getAttribute("data-status-closes");
      var report = el.getAttribute("data-status-report");
      var status = report && report <= today ? "results" : today < opens ? "planned" : today <= closes ? "open" : "closed";
      el.className = el.className.replace(/\bstatus-\w+\b/, "status-" + status);
      var label = el.querySelector(".status-label");
      if (label) { label.textContent = text("status-" + status); }
      var detail = el.querySelector(".status-detail");
      if (detail && status !== "open" && status !== "planned") { detail.remove(); }
      var left = el.querySelector("[data-days-left]");
      if (left && status === "open") { left.textContent = daysLeft(daysBetween(today, closes)); }
    });
  }

  /* "Open now" from the office hours table. */
  function refreshOpenNow(now) {
    document.querySelectorAll("[data-open-now]").forEach(function (el) {
      var list = el.parentNode.querySelector("[data-hours]");
      if (!list) { return; }
      var open = null;
      list.querySelectorAll("li").forEach(function (li) {
        if (li.getAttribute("data-day") === now.weekday &&
            li.getAttribute("data-opens") <= now.time && now.time < li.getAttribute("data-closes")) {
          open = li.getAttribute("data-closes");
        }
      });
      el.textContent = open ? text("open-now", open) : text("closed-now");
      el.className = "open-now " + (open ? "is-open" : "is-closed");
      el.hidden = false;
    });
  }

  /* Filtering a list in place; the per-value pages serve readers without JavaScript. */
  function enableFilters() {
    document.querySelectorAll("form[data-filter-for]").forEach(function (form) {
      var list = document.getElementById(form.getAttribute("data-filter-for"));
      if (!list) { return; }
      var selects = form.querySelectorAll("select[data-facet]");
      var count = form.querySelector("[data-filter-count]");
      var items = list.querySelectorAll(":scope > li");
      function apply() {
        var shown = 0;
        items.forEach(function (li) {
          var visible = true;
          selects.forEach(function (select) {
            var want = select.value;
            var have = (li.getAttribute("data-" + select.getAttribute("data-facet")) || "").split(" ");
            if (want && have.indexOf(want) < 0) { visible = false; }
          });
          li.hidden = !visible;
          if (visible) { shown += 1; }
        });
        if (count) { count.textContent = text("shown", shown + " / " + items.length); }
      }
      selects.forEach(function (select) { select.addEventListener("change", apply); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.hidden = false;
      apply();
    });
  }

  function enableSearch() {
    var box = document.querySelector("[data-search]");
    if (!box) { return; }
    if (typeof window.PagefindUI !== "function") {
      window.addEventListener("load", function () { if (typeof window.PagefindUI === "function") { enableSearch(); } });
      return;
    }
    var bundle = box.getAttribute("data-bundle");
    // The index comes in shards listed in shards.json; the first is the main one, the others merge into it.
    fetch(bundle + "shards.json").then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    }).then(function (shards) {
      var note = box.querySelector(".no-js-note");
      if (note) { note.remove(); }
      new window.PagefindUI({ element: "#" + box.id, bundlePath: bundle + shards[0], showImages: false,
        showSubResults: true, mergeIndex: shards.slice(1).map(function (shard) { return { bundlePath: bundle + shard }; }) });
    }).catch(function () {});  // without the index, the note pointing to the lists stays
  }

  function start() {
    var now = nowInWarsaw();
    refreshStatuses(now.day);
    refreshOpenNow(now);
    enableFilters();
    enableSearch();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
