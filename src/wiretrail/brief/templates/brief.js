// wiretrail brief: in-page search and filters. Reads article text only as data; never as markup.
(function () {
  "use strict";
  var index = JSON.parse(document.getElementById("search-index").textContent);
  var q = document.getElementById("q");
  var outlet = document.getElementById("outlet-filter");
  var count = document.getElementById("search-count");
  function norm(s) { return (s || "").toLowerCase(); }
  function apply() {
    var terms = norm(q.value).split(/\s+/).filter(Boolean);
    var want = outlet.value;
    var shown = 0;
    index.forEach(function (a) {
      var el = document.getElementById("art-" + a.id);
      if (!el) { return; }
      var hay = norm(a.title + " " + a.text);
      var ok = terms.every(function (t) { return hay.indexOf(t) >= 0; }) && (!want || a.outlet === want || (!a.outlet && want === "(unknown outlet)"));
      el.classList.toggle("hidden", !ok);
      if (ok) { shown += 1; }
    });
    document.querySelectorAll("[data-outlet]").forEach(function (el) {
      if (el.classList.contains("article")) { return; }
      el.classList.toggle("hidden", Boolean(want) && el.getAttribute("data-outlet") !== want);
    });
    count.textContent = (terms.length || want) ? shown + " of " + index.length + " articles" : "";
  }
  q.addEventListener("input", apply);
  outlet.addEventListener("change", apply);
  document.getElementById("search-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var first = document.querySelector("article.article:not(.hidden)");
    if (first) { first.scrollIntoView(); }
  });
})();
