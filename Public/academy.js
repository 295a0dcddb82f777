// Academy: progressive enhancement for the static pages. Every page works without it.
(function () {
  "use strict";
  var body = document.body;
  var online = location.protocol === "http:" || location.protocol === "https:";
  if (!online) body.classList.add("no-server");

  // The printable manual's print button (no inline handlers: the CSP forbids them).
  document.querySelectorAll(".print-button").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  // Search: the index is a script (search-index.js) so that it also loads from disk.
  var results = document.getElementById("search-results");
  if (results) {
    var params = new URLSearchParams(location.search);
    var query = (params.get("q") || "").trim();
    var input = document.getElementById("search-q");
    if (input) input.value = query;
    var run = function () {
      var index = window.ACADEMY_SEARCH || [];
      results.textContent = "";
      if (!query) return;
      var words = query.toLowerCase().split(/\s+/).filter(Boolean);
      var hits = [];
      index.forEach(function (entry) {
        var title = entry.t.toLowerCase(), text = entry.x.toLowerCase();
        var score = 0;
        for (var i = 0; i < words.length; i++) {
          var inTitle = title.indexOf(words[i]) >= 0, at = text.indexOf(words[i]);
          if (!inTitle && at < 0) return;
          score += (inTitle ? 10 : 0) + (at >= 0 ? 1 : 0);
        }
        hits.push({ entry: entry, score: score });
      });
      hits.sort(function (a, b) { return b.score - a.score; });
      var status = document.createElement("p");
      status.textContent = hits.length ? results.dataset.count.replace("{count}", hits.length) : results.dataset.none;
      results.appendChild(status);
      var list = document.createElement("ol");
      hits.slice(0, 50).forEach(function (hit) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = "../" + hit.entry.u;
        link.textContent = hit.entry.t;
        item.appendChild(link);
        if (hit.entry.m) {
          var where = document.createElement("span");
          where.className = "meta";
          where.textContent = " · " + hit.entry.m;
          item.appendChild(where);
        }
        var text = hit.entry.x, at = text.toLowerCase().indexOf(words[0]);
        if (at >= 0) {
          var snippet = document.createElement("p");
          snippet.className = "meta";
          snippet.textContent = "… " + text.slice(Math.max(0, at - 60), at + 120) + " …";
          item.appendChild(snippet);
        }
        list.appendChild(item);
      });
      results.appendChild(list);
    };
    if (window.ACADEMY_SEARCH) run(); else window.addEventListener("load", run);
  }
})();
