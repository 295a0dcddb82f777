// Academy: progressive enhancement for the static pages. Every page works without it.
//
// AcademyRules holds the rules behind the page parts below as pure functions, so that Node can load this
// file and test them (Tests/js/academy.test.js); the page part, after it, turns them into elements.
var AcademyRules = (function () {
  "use strict";
  // Words and rows of keys that make a password easy to guess, the way the server's common-password
  // check sees them (a hint only: the server's policy decides, and nothing of its list is here).
  var COMMON = ["password", "passwort", "parol", "\u043f\u0430\u0440\u043e\u043b\u044c", "qwerty", "admin", "letmein", "welcome", "iloveyou"];
  var ROWS = ["0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm",
    "\u0430\u0431\u0432\u0433\u0434\u0435\u0451\u0436\u0437\u0438\u0439\u043a\u043b\u043c\u043d\u043e\u043f\u0440\u0441\u0442\u0443\u0444\u0445\u0446\u0447\u0448\u0449\u044a\u044b\u044c\u044d\u044e\u044f",
    "\u0439\u0446\u0443\u043a\u0435\u043d\u0433\u0448\u0449\u0437\u0445\u044a", "\u0444\u044b\u0432\u0430\u043f\u0440\u043e\u043b\u0434\u0436\u044d",
    "\u044f\u0447\u0441\u043c\u0438\u0442\u044c\u0431\u044e"];
  ROWS = ROWS.concat(ROWS.map(function (row) { return row.split("").reverse().join(""); }));
  var SEPARATORS = /[\s!-\/:-@\[-`{-~\u00ab\u00bb\u2013\u2014]+/g;

  // The text without runs of four or more neighbouring keys or letters (1234, qwer, dcba).
  function withoutRows(text) {
    var out = "", i = 0;
    while (i < text.length) {
      var longest = 0;
      for (var r = 0; r < ROWS.length; r++) {
        var at = ROWS[r].indexOf(text[i]);
        if (at < 0) continue;
        var n = 1;
        while (i + n < text.length && ROWS[r][at + n] === text[i + n]) n++;
        if (n > longest) longest = n;
      }
      if (longest >= 4) { i += longest; } else { out += text[i]; i++; }
    }
    return out;
  }

  // True when little is left of the password once the obvious parts are taken out: the person's login
  // and name (`personal`, words of three letters or more), common words, rows of keys, repetitions.
  function isObvious(password, personal) {
    var text = password.toLowerCase();
    var parts = [];
    (personal || []).forEach(function (value) {
      var lower = String(value || "").toLowerCase();
      if (lower.length >= 3) parts.push(lower);
      lower.split(SEPARATORS).forEach(function (word) { if (word.length >= 3) parts.push(word); });
    });
    parts.concat(COMMON).sort(function (a, b) { return b.length - a.length; }).forEach(function (part) {
      text = text.split(part).join(" ");
    });
    text = withoutRows(text.replace(SEPARATORS, ""));
    text = text.replace(/(.)\1{2,}/g, "").replace(/^(.{1,4}?)\1+$/, "$1");
    return text.length < 6;
  }

  // "short" under 12 characters; "obvious" (see isObvious); "strong" from 16 characters or four words;
  // else "acceptable"; "" for an empty field.
  function passwordStrength(password, personal) {
    var length = Array.from ? Array.from(password).length : password.length;
    if (!length) return "";
    if (length < 12) return "short";
    if (isObvious(password, personal)) return "obvious";
    var words = password.split(SEPARATORS).filter(function (word) { return word.length >= 2; }).length;
    return length >= 16 || words >= 4 ? "strong" : "acceptable";
  }

  // A trainee's standing with a quiz (GET api/quizzes/MODULE) in the words of the dashboard's quiz list:
  // "Not passed · best 40% · 2 of 3 attempts left". `labels` holds each status's words, `best` and `attempts`.
  function quizStanding(standing, labels) {
    var parts = [labels[standing.status] || standing.status];
    if (typeof standing.best === "number") parts.push(labels.best.replace("{percent}", standing.best));
    var left = Math.max(0, standing.attempts_allowed - standing.attempts_used);
    parts.push(labels.attempts.replace("{left}", left).replace("{allowed}", standing.attempts_allowed));
    return parts.join(" \u00b7 ");
  }

  return { passwordStrength: passwordStrength, isObvious: isObvious, quizStanding: quizStanding };
})();

if (typeof module !== "undefined" && module.exports) module.exports = AcademyRules;

(function () {
  "use strict";
  if (typeof document === "undefined") return;
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

  // The new password's strength, as it is typed: said in the live region under the field, only when it
  // changes. Without the script the rules under the field say the same.
  var strength = document.querySelector(".password-strength[data-for]");
  var strengthField = strength && document.getElementById(strength.getAttribute("data-for"));
  if (strengthField) {
    var personal = [strength.getAttribute("data-login"), strength.getAttribute("data-name")];
    var said = "";
    strengthField.addEventListener("input", function () {
      var level = AcademyRules.passwordStrength(strengthField.value, personal);
      if (level === said) return;
      said = level;
      strength.className = "password-strength" + (level ? " strength-" + level : "");
      strength.textContent = level ? strength.getAttribute("data-label-" + level) : "";
    });
  }

  // Progress and the account link: with the Academy server behind the site, a visitor who is signed
  // out sees "Sign in" in the header (coming back to this page afterwards), a signed-in person a link
  // home; a trainee sees whether this lesson is studied, before and after its text, and can mark it,
  // and where they stand with the module's quiz (the block after the module's last lesson).
  // Without a server the slots stay empty and the link hidden; signed out, the quiz block stays as it is.
  var slots = Array.prototype.slice.call(document.querySelectorAll(".progress-slot"));
  var account = document.querySelector(".account-link");
  var quiz = document.querySelector("section.quiz[data-quiz]");
  if (online && (slots.length || account || quiz)) {
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
      if (!me || me.role !== "trainee" || me.must_change_password) return;
      if (quiz) {
        request("GET", "api/quizzes/" + encodeURIComponent(quiz.getAttribute("data-quiz"))).then(function (standing) {
          if (!standing) return;
          var labels = { best: quiz.getAttribute("data-label-best"), attempts: quiz.getAttribute("data-label-attempts") };
          ["not-started", "in-progress", "passed", "failed"].forEach(function (status) { labels[status] = quiz.getAttribute("data-label-" + status); });
          var line = quiz.querySelector(".quiz-standing") || document.createElement("p");
          line.className = "quiz-standing";
          line.textContent = AcademyRules.quizStanding(standing, labels);
          var heading = quiz.querySelector("h2");
          if (!line.parentNode) quiz.insertBefore(line, heading ? heading.nextSibling : quiz.firstChild);
        });
      }
      if (!slots.length) return;
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
