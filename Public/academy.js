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

  // Progress: with the Academy server behind the site, a signed-in trainee sees whether this lesson is
  // studied and can mark it. Without a server (or signed out) the slot stays empty.
  var slot = document.querySelector(".progress-slot");
  if (slot && online) {
    var root = body.getAttribute("data-root") || "";
    var request = function (method, path, csrf, payload) {
      var headers = { "Accept": "application/json" };
      if (payload) headers["Content-Type"] = "application/json";
      if (csrf) headers["X-CSRF-Token"] = csrf;
      return fetch(root + path, { method: method, credentials: "same-origin", headers: headers, body: payload ? JSON.stringify(payload) : undefined })
        .then(function (response) { return response.ok ? response.json() : null; })
        .catch(function () { return null; });
    };
    var show = function (studied, me) {
      slot.textContent = "";
      if (studied) {
        var done = document.createElement("p");
        done.className = "status status-done";
        done.textContent = "\u2713 " + slot.getAttribute("data-label-studied");
        slot.appendChild(done);
      } else {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = slot.getAttribute("data-label-mark");
        button.addEventListener("click", function () {
          button.disabled = true;
          request("POST", "api/progress", me.csrf_token, { lesson: slot.getAttribute("data-lesson") }).then(function (result) {
            if (result) show(true, me); else button.disabled = false;
          });
        });
        slot.appendChild(button);
      }
      var link = document.createElement("a");
      link.href = root + "app/dashboard";
      link.textContent = slot.getAttribute("data-label-dashboard");
      slot.appendChild(link);
    };
    request("GET", "api/me").then(function (me) {
      if (!me || me.role !== "trainee" || me.must_change_password) return;
      request("GET", "api/progress").then(function (progress) {
        if (!progress) return;
        var lesson = slot.getAttribute("data-lesson");
        show(progress.lessons.some(function (record) { return record.lesson === lesson; }), me);
      });
    });
  }

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
