// wiretrail brief: filters, search, evidence highlighting and keys. Article text is only
// ever read as text (textContent), never written as markup; nothing is fetched.
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var all = function (sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); };
  var q = $("q"), outlet = $("outlet-filter"), story = $("story-filter"), status = $("status-filter");
  var count = $("filter-count");
  var claims = all("li.claim"), articles = all("article.article");
  var texts = new Map();
  function norm(s) { return (s || "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, ""); }
  function text(el) { if (!texts.has(el)) { texts.set(el, norm(el.textContent)); } return texts.get(el); }
  function val(el) { return el ? el.value : ""; }
  function inList(attr, want, sep) { return (attr || "").split(sep).indexOf(want) >= 0; }

  function apply() {
    var terms = norm(val(q)).split(/\s+/).filter(Boolean);
    var o = val(outlet), s = val(story), st = val(status);
    var match = function (el) { var t = text(el); return terms.every(function (w) { return t.indexOf(w) >= 0; }); };
    var nc = 0, na = 0;
    claims.forEach(function (el) {
      var ok = (!o || inList(el.getAttribute("data-outlets"), o, "|")) &&
        (!s || inList(el.getAttribute("data-stories"), s, " ")) &&
        (!st || el.getAttribute("data-status") === st) && match(el);
      el.classList.toggle("hidden", !ok);
      if (ok) { nc += 1; }
    });
    articles.forEach(function (el) {
      var ok = (!o || el.getAttribute("data-outlet") === o) &&
        (!s || inList(el.getAttribute("data-stories"), s, " ")) && match(el);
      el.classList.toggle("hidden", !ok);
      if (ok) { na += 1; }
    });
    all("tr[data-outlet], .outlet-group, ul.evidence li[data-outlet]").forEach(function (el) {
      el.classList.toggle("hidden", Boolean(o) && el.getAttribute("data-outlet") !== o);
    });
    all("li.relation, tr[data-outlets]").forEach(function (el) {
      el.classList.toggle("hidden", Boolean(o) && !inList(el.getAttribute("data-outlets"), o, "|"));
    });
    syncChips();
    var active = terms.length || o || s || st;
    count.textContent = active ? nc + " of " + claims.length + " claims, " + na + " of " + articles.length + " articles" : "";
  }
  // story chips set the story filter (and clear it when pressed again)
  all("button.story").forEach(function (b) {
    b.addEventListener("click", function () {
      var id = b.getAttribute("data-story");
      if (story) { story.value = story.value === id ? "" : id; }
      apply();
    });
  });
  function syncChips() {
    all("button.story").forEach(function (b) {
      b.setAttribute("aria-pressed", String(Boolean(story) && story.value === b.getAttribute("data-story")));
    });
  }
  [q, outlet, story, status].forEach(function (el) {
    if (el) { el.addEventListener(el === q ? "input" : "change", apply); }
  });
  $("filters").addEventListener("submit", function (e) {
    e.preventDefault();
    var first = document.querySelector("li.claim:not(.hidden), article.article:not(.hidden)");
    if (first) { first.scrollIntoView(); }
  });

  // Evidence: #ev-{article}-{start} highlights the whole span (it may cross several marks).
  var lit = [];
  function highlight() {
    lit.forEach(function (el) { el.classList.remove("ev-on"); });
    lit = [];
    var h = decodeURIComponent(location.hash || "");
    if (h.indexOf("#ev-") === 0) {
      var key = h.slice(4);
      lit = all("[data-ev]").filter(function (el) { return inList(el.getAttribute("data-ev"), key, " "); });
      lit.forEach(function (el) { el.classList.add("ev-on"); });
      var art = lit.length ? lit[0].closest("article.article") : null;
      if (art && art.classList.contains("hidden")) { art.classList.remove("hidden"); }
    } else if (h.indexOf("#claim-") === 0) {
      var c = document.getElementById(h.slice(1));
      var d = c ? c.querySelector("details") : null;
      if (d) { d.open = true; }
    }
  }
  window.addEventListener("hashchange", highlight);
  highlight();

  // Keys: "/" search, j/k next/previous claim (opened), Esc clears the filters.
  var current = -1;
  function visibleClaims() { return claims.filter(function (el) { return !el.classList.contains("hidden"); }); }
  document.addEventListener("keydown", function (e) {
    var tag = (e.target.tagName || "").toLowerCase();
    var typing = tag === "input" || tag === "select" || tag === "textarea";
    if (e.key === "Escape") {
      [q, outlet, story, status].forEach(function (el) { if (el) { el.value = ""; } });
      apply();
      if (typing) { e.target.blur(); }
      return;
    }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) { return; }
    if (e.key === "/") { e.preventDefault(); q.focus(); return; }
    if (e.key === "j" || e.key === "k") {
      var vis = visibleClaims();
      if (!vis.length) { return; }
      claims.forEach(function (el) { el.classList.remove("current"); });
      current = Math.max(0, Math.min(vis.length - 1, current + (e.key === "j" ? 1 : -1)));
      var el = vis[current];
      el.classList.add("current");
      el.querySelector("details").open = true;
      el.querySelector("summary").focus();
      el.scrollIntoView({ block: "start" });
    }
  });

  // Printing shows every claim's provenance and evidence.
  window.addEventListener("beforeprint", function () {
    all("details").forEach(function (d) { d.setAttribute("data-was-open", d.open ? "1" : ""); d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    all("details").forEach(function (d) { d.open = d.getAttribute("data-was-open") === "1"; });
  });
})();
