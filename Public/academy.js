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

  // An attempt's answers, kept in this tab while it is open: switching the page's language (the same
  // questions, choices by position) or reloading gives them back. Cleared when the answers are sent.
  var attempt = document.querySelector("form.attempt-form");
  if (attempt && window.sessionStorage) {
    var key = "academy-answers:" + attempt.getAttribute("action");
    var save = function () {
      var values = [];
      attempt.querySelectorAll("input[type=radio], input[type=checkbox], select").forEach(function (field) {
        if (field.tagName === "SELECT") { values.push([field.name, field.value, "select"]); }
        else if (field.checked) { values.push([field.name, field.value, "check"]); }
      });
      try { sessionStorage.setItem(key, JSON.stringify(values)); } catch (e) { /* storage full or off */ }
    };
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(key) || "null"); } catch (e) { saved = null; }
    var untouched = !attempt.querySelector("input:checked") && !Array.prototype.some.call(attempt.querySelectorAll("select"), function (s) { return s.value; });
    if (saved && untouched) {
      saved.forEach(function (entry) {
        attempt.querySelectorAll("[name='" + entry[0].replace(/'/g, "") + "']").forEach(function (field) {
          if (entry[2] === "select") { field.value = entry[1]; }
          else if (field.value === entry[1]) { field.checked = true; }
        });
      });
    }
    attempt.addEventListener("change", save);
    attempt.addEventListener("submit", function () { try { sessionStorage.removeItem(key); } catch (e) { /* ignore */ } });
  }

  // A quiz's countdown: minutes left, from the deadline the server wrote; urgent in the last five.
  var countdown = document.querySelector(".countdown[data-deadline]");
  if (countdown) {
    var deadline = Date.parse(countdown.getAttribute("data-deadline"));
    var tick = function () {
      var minutes = Math.max(0, Math.floor((deadline - Date.now()) / 60000));
      countdown.textContent = countdown.getAttribute("data-label").replace("{minutes}", minutes);
      countdown.classList.toggle("countdown-urgent", minutes < 5);
    };
    tick();
    setInterval(tick, 15000);
  }

  // Progress and the account link: with the Academy server behind the site, a visitor who is signed
  // out sees "Sign in" in the header (coming back to this page afterwards), a signed-in person a link
  // home; a trainee sees whether this lesson is studied, before and after its text, and can mark it.
  // Without a server the slots stay empty and the link hidden.
  var slots = Array.prototype.slice.call(document.querySelectorAll(".progress-slot"));
  var account = document.querySelector(".account-link");
  if (online && (slots.length || account)) {
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
      slots.forEach(function (slot) {
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
      });
    };
    request("GET", "api/me").then(function (me) {
      if (account) {
        account.href = !me ? root + "app/sign-in?lang=" + document.documentElement.lang + "&next=" + encodeURIComponent(location.pathname + location.search)
          : root + (me.role === "admin" ? "app/admin" : "app/dashboard");
        account.textContent = account.getAttribute(me ? "data-label-home" : "data-label-sign-in");
        account.hidden = false;
      }
      if (!me || me.role !== "trainee" || me.must_change_password || !slots.length) return;
      request("GET", "api/progress").then(function (progress) {
        if (!progress) return;
        var lesson = slots[0].getAttribute("data-lesson");
        show(progress.lessons.some(function (record) { return record.lesson === lesson; }), me);
      });
    });
  }

  // Search: its code is in search.js, loaded on the search page only, so that the other pages stay light.
  if (document.getElementById("search-results")) {
    var search = document.createElement("script");
    search.src = (body.getAttribute("data-root") || "") + "assets/search.js";
    document.head.appendChild(search);
  }
})();
