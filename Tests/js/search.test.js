// The static site's search (Public/search.js, AcademySearch): matching, typo tolerance, folding and
// snippets. Run with `node Tests/js/search.test.js`; exits non-zero when a test fails.
"use strict";
const assert = require("assert");
const fs = require("fs");
const path = require("path");

const searchPath = path.join(__dirname, "..", "..", "Public", "search.js");
const Search = require(searchPath);

const tests = [];
const test = (name, body) => tests.push({ name, body });

// A small index in the shape SitePages.searchIndex() writes: title, url, module, text.
const index = [
  { t: "Planning the interview", u: "m/planning/index.html", m: "Recorded interview",
    x: "Before the interview, the investigator agrees the plan with the interpreter and the psychologist." },
  { t: "Evidence", u: "m/evidence/index.html", m: "",
    x: "Physical evidence is collected before any interview so that nothing is lost." },
  { t: "Working with an interpreter", u: "m/interpreter/index.html", m: "Recorded interview",
    x: "The interpreter translates every question word for word and never summarises." },
  { t: "Trial preparation", u: "m/trial/index.html", m: "", x: "The trail of messages is kept." },
  { t: "Балдардын укуктары", u: "ky/rights/index.html", m: "",
    x: "Өнүгүү жана коргоо: баланын ңукугу. Ёлка менен байланышы жок." },
  { t: "Glossary: grooming", u: "glossary/index.html#grooming", m: "Glossary", x: "" }
];
const prepared = Search.prepare(index);
const urls = (query) => Search.search(prepared, query).map((hit) => hit.entry.u);
const text = (parts) => parts.map((part) => part.text).join("");
const marked = (parts) => parts.filter((part) => part.mark).map((part) => part.text);

test("a one-letter typo in a long word still finds the page", () => {
  assert.ok(urls("interviw").includes("m/planning/index.html"));
  assert.ok(urls("intervieww").includes("m/evidence/index.html"));
  assert.ok(urls("interveiw").length > 0, "substitution");
});

test("two neighbouring letters swapped count as one edit", () => {
  assert.ok(urls("intreview").includes("m/planning/index.html"));
  assert.ok(urls("inetrpreter").includes("m/interpreter/index.html"));
  assert.ok(urls("inteprreter").includes("m/interpreter/index.html"), "a swap across the middle of the word");
  assert.ok(urls("interpretre").includes("m/interpreter/index.html"), "a swap at the end");
});

test("a word two edits away finds nothing", () => {
  assert.deepStrictEqual(urls("intrviw"), []);
  assert.deepStrictEqual(urls("inetrprter"), []);
  assert.deepStrictEqual(urls("intarviuw"), [], "two letters replaced");
  assert.deepStrictEqual(urls("intrviex"), [], "one letter dropped and one replaced");
});

test("query words shorter than five letters are not fuzzy but still match inside words", () => {
  assert.deepStrictEqual(urls("plam"), [], "plam is one letter from plan, but too short for typos");
  assert.deepStrictEqual(urls("vidence"), ["m/evidence/index.html"], "a substring, as before");
  assert.ok(urls("rpret").includes("m/interpreter/index.html"), "a short substring");
});

test("every query word must match", () => {
  assert.deepStrictEqual(urls("interviw psychologist"), ["m/planning/index.html"]);
  assert.deepStrictEqual(urls("evidence psychologist"), []);
});

test("exact and prefix matches rank above fuzzy ones, titles above text", () => {
  assert.deepStrictEqual(urls("trial"), ["m/trial/index.html"]);
  // "trail" is a transposition of the first page's title and an exact word of the second's text.
  const trail = Search.search(Search.prepare([
    { t: "Trial", u: "fuzzy title", m: "", x: "Court." },
    { t: "Messages", u: "exact text", m: "", x: "The trail of messages." }
  ]), "trail").map((hit) => hit.entry.u);
  assert.deepStrictEqual(trail, ["exact text", "fuzzy title"]);
  const places = Search.prepare([
    { t: "Roles", u: "text", m: "", x: "The interpreter sits beside the child." },
    { t: "Interpreters", u: "title prefix", m: "", x: "Who may translate." },
    { t: "The interpreter", u: "title", m: "", x: "Who may translate." }
  ]);
  assert.deepStrictEqual(Search.search(places, "interpreter").map((hit) => hit.entry.u), ["title", "title prefix", "text"]);
  const prefix = urls("interp");
  assert.strictEqual(prefix[0], "m/interpreter/index.html");
  const fuzzyOnly = Search.search(Search.prepare([
    { t: "A", u: "fuzzy", m: "", x: "a single intreview" },
    { t: "B", u: "exact", m: "", x: "a single interview" },
    { t: "C", u: "prefix", m: "", x: "several interviews" }
  ]), "interview").map((hit) => hit.entry.u);
  assert.deepStrictEqual(fuzzyOnly, ["exact", "prefix", "fuzzy"]);
});

test("Russian and Kyrgyz are compared in lower case with ё, ң, ө and ү folded", () => {
  assert.strictEqual(Search.fold("Ёлка ӨНҮГҮҮ Ң"), "елка онугуу н");
  assert.deepStrictEqual(urls("онугуу"), ["ky/rights/index.html"], "typed on a Russian keyboard");
  assert.deepStrictEqual(urls("ӨНҮГҮҮ"), ["ky/rights/index.html"], "upper case");
  assert.deepStrictEqual(urls("елка"), ["ky/rights/index.html"], "е finds ё");
  assert.deepStrictEqual(urls("БАЛДАРДЫН"), ["ky/rights/index.html"], "titles are folded too");
  const hit = Search.search(prepared, "онугуу")[0];
  assert.deepStrictEqual(marked(Search.textParts(hit)), ["Өнүгүү"], "the original word is highlighted");
});

test("the matched words are marked in titles and snippets", () => {
  const hit = Search.search(prepared, "interviw")[0];
  assert.deepStrictEqual(marked(Search.titleParts(hit)), ["interview"]);
  assert.deepStrictEqual(marked(Search.textParts(hit)), ["interview"]);
  assert.strictEqual(text(Search.titleParts(hit)), hit.entry.t);
  // The exact and prefix forms are marked together; a fuzzy neighbour is not, when better ones exist.
  const mixed = Search.search(Search.prepare([{ t: "x", u: "x", m: "", x: "interview, interviews and intreview" }]), "interview")[0];
  assert.deepStrictEqual(marked(Search.textParts(mixed)), ["interview", "interviews"]);
});

const words = "one two three four five six seven eight nine ten alligators eleven twelve".split(" ");
const long = Array.from({ length: 400 }, (_, n) => words[n % words.length] + (n % 7 === 0 ? "," : "")).join(" ");

test("snippets start and end between words, with … only where text was cut", () => {
  for (let shift = 0; shift < 12; shift++) {
    // Words of every length around the match, so that the cut would fall anywhere inside a word.
    snippetBetweenWords(long + " " + "x".repeat(shift + 1) + " the investigator interviews the child " + "y".repeat(shift + 1) + " " + long);
  }
});

function snippetBetweenWords(source) {
  const hit = Search.search(Search.prepare([{ t: "x", u: "x", m: "", x: source }]), "investigater interveiws")[0];
  const parts = Search.textParts(hit);
  const shown = text(parts);
  assert.ok(shown.startsWith("… ") && shown.endsWith(" …"), shown);
  const inner = shown.slice(2, -2);
  const at = source.indexOf(inner);
  assert.ok(at > 0, "the snippet is a piece of the text");
  assert.strictEqual(source[at - 1], " ", "it starts after a space: " + inner.slice(0, 20));
  assert.strictEqual(source[at + inner.length], " ", "it ends before a space: " + inner.slice(-20));
  assert.ok(inner.length >= 140 && inner.length <= 200, "about 80 characters either side: " + inner.length);
  // Centred on the first matched word.
  const centre = inner.indexOf("investigator");
  assert.ok(Math.abs(centre - (inner.length - centre - "investigator".length)) < 25, inner);
  assert.deepStrictEqual(marked(parts), ["investigator", "interviews"]);
}

test("a match near either end is not padded with …", () => {
  const start = Search.search(Search.prepare([{ t: "x", u: "x", m: "", x: "Interview first. " + long }]), "interview")[0];
  const shown = text(Search.textParts(start));
  assert.ok(shown.startsWith("Interview first.") && shown.endsWith(" …"), shown);
  const end = Search.search(Search.prepare([{ t: "x", u: "x", m: "", x: long + " last interview" }]), "interview")[0];
  const tail = text(Search.textParts(end));
  assert.ok(tail.startsWith("… ") && tail.endsWith("last interview"), tail);
  const short = Search.search(prepared, "nothing")[0];
  assert.strictEqual(text(Search.textParts(short)), short.entry.x, "a short text is shown whole");
});

test("a word joined by a hyphen is not cut, and a title-only hit shows the text's beginning", () => {
  const joined = long + " " + "co-operation-".repeat(20) + "interview " + long;
  const hit = Search.search(Search.prepare([{ t: "x", u: "x", m: "", x: joined }]), "interview")[0];
  const inner = text(Search.textParts(hit)).replace(/^… /, "").replace(/ …$/, "");
  const at = joined.indexOf(inner);
  assert.ok(at >= 0 && joined[at - 1] === " " && joined[at + inner.length] === " ", inner);
  const title = Search.search(prepared, "evidence")[0];
  assert.strictEqual(title.entry.u, "m/evidence/index.html");
  assert.ok(text(Search.textParts(title)).startsWith("Physical evidence"));
  assert.deepStrictEqual(Search.textParts(Search.search(prepared, "grooming")[0]), [], "no text, no snippet");
});

test("a query word with punctuation inside is matched as written", () => {
  const articles = Search.prepare([{ t: "Law", u: "law", m: "", x: "See Art. 329-1 of the Code and art. 33." }]);
  assert.strictEqual(Search.search(articles, "329-1").length, 1);
  assert.strictEqual(Search.search(articles, "329-2").length, 0);
  assert.deepStrictEqual(marked(Search.textParts(Search.search(articles, "329-1")[0])), ["329-1"]);
  assert.deepStrictEqual(Search.search(articles, "?!"), [], "punctuation alone matches nothing");
});

test("the page builds results with DOM methods, never innerHTML", () => {
  assert.ok(!/innerHTML|outerHTML|insertAdjacentHTML|document\.write/.test(fs.readFileSync(searchPath, "utf8")));
});

test("a one-edit check agrees with the definition", () => {
  const cases = [["interview", "interviw", true], ["interview", "intreview", true], ["interview", "interviews", true],
    ["interview", "xinterview", true], ["interview", "interviex", true], ["interview", "intrviw", false],
    ["interview", "inetrveiw", false], ["interview", "intarviuw", false], ["interview", "intrviex", false],
    ["abcd", "badc", false], ["abcd", "abdc", true], ["ab", "ba", true]];
  for (const [a, b, expected] of cases) {
    assert.strictEqual(Search.withinOneEdit(a, b), expected, `${a} / ${b}`);
    assert.strictEqual(Search.withinOneEdit(b, a), expected, `${b} / ${a}`);
  }
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
console.log(`search: ${tests.length - failed} passed, ${failed} failed`);
if (failed) process.exit(1);
