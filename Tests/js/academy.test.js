// The pure rules of academy.js (AcademyRules): the password strength hint and the quiz block's line.
// Run with `node Tests/js/academy.test.js`; exits non-zero when a test fails.
"use strict";
const assert = require("assert");
const fs = require("fs");
const path = require("path");

const scriptPath = path.join(__dirname, "..", "..", "Public", "academy.js");
const Rules = require(scriptPath);

const tests = [];
const test = (name, body) => tests.push({ name, body });
const personal = ["temir.usenov", "Темир Усенов"];
const strength = (password) => Rules.passwordStrength(password, personal);

test("nothing typed says nothing; under 12 characters is too short, whatever it is", () => {
  assert.strictEqual(strength(""), "");
  assert.strictEqual(strength("a"), "short");
  assert.strictEqual(strength("xT7#pL2!qW9"), "short", "11 characters");
  assert.strictEqual(strength("один два три"), "acceptable", "12 characters, counted as letters, not bytes");
});

test("12 to 15 characters are acceptable; 16 or more, or four words, strong", () => {
  assert.strictEqual(strength("Kyrgyzstan24"), "acceptable");
  assert.strictEqual(strength("Kyrgyzstan24-Ala"), "strong", "16 characters");
  assert.strictEqual(strength("tea ink sun fox"), "strong", "four words in 15 characters");
  assert.strictEqual(strength("steppe lantern river"), "strong");
  assert.strictEqual(strength("бирөө эки үч төрт"), "strong");
});

test("the obvious choices are easy to guess, however long: login, name, common words, rows of keys, repetitions", () => {
  for (const password of ["temir.usenov", "temirusenov123", "Темир Усенов 1990", "password1234", "parol1234567", "пароль123456",
    "qwerty123456", "zxcvbnm12345", "йцукенгшщзхъ", "aaaaaaaaaaaaaaaa", "abcabcabcabcabc", "1234567890123456", "password password password"]) {
    assert.strictEqual(strength(password), "obvious", password);
  }
  // A word that merely contains a short piece of the name is not blamed.
  assert.strictEqual(strength("steppe lantern temple"), "strong");
  assert.strictEqual(Rules.isObvious("admin-chosen-pass", []), false);
});

test("the quiz line reads as the dashboard's: status, best score when there is one, attempts left", () => {
  const labels = { "not-started": "not started", "in-progress": "In progress", passed: "Passed", failed: "Not passed",
    best: "best {percent}%", attempts: "{left} of {allowed} attempts left" };
  assert.strictEqual(Rules.quizStanding({ status: "failed", best: 40, attempts_used: 1, attempts_allowed: 3 }, labels),
    "Not passed \u00b7 best 40% \u00b7 2 of 3 attempts left");
  assert.strictEqual(Rules.quizStanding({ status: "not-started", attempts_used: 0, attempts_allowed: 3 }, labels),
    "not started \u00b7 3 of 3 attempts left");
  assert.strictEqual(Rules.quizStanding({ status: "passed", best: 0, attempts_used: 4, attempts_allowed: 3 }, labels),
    "Passed \u00b7 best 0% \u00b7 0 of 3 attempts left", "a best of 0 is shown; never fewer than 0 left");
});

test("the page part builds its text with DOM methods, never innerHTML", () => {
  assert.ok(!/innerHTML|outerHTML|insertAdjacentHTML|document\.write/.test(fs.readFileSync(scriptPath, "utf8")));
});

let failed = 0;
for (const { name, body } of tests) {
  try {
    body();
    console.log("ok   " + name);
  } catch (error) {
    failed++;
    console.log("FAIL " + name + "\n     " + String(error.stack || error).split("\n").slice(0, 3).join("\n     "));
  }
}
console.log(`academy: ${tests.length - failed} passed, ${failed} failed`);
if (failed) process.exit(1);
