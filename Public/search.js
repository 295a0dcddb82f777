// Academy: the search page's script, loaded by academy.js on that page only (the other pages stay light).
//
// AcademySearch holds the matching and the snippets as pure functions over the index, with no page in
// sight, so that Node can load this file and test them (Tests/js/search.test.js). The page part, at the
// end, turns them into elements.
var AcademySearch = (function () {
  "use strict";
  // A word is a run of letters, marks and digits. Browsers without Unicode property escapes fall back
  // to the Latin and Cyrillic blocks (rather than failing to parse the whole file).
  var WORD = (function () {
    try { return new RegExp("[\\p{L}\\p{M}\\p{N}]+", "gu"); }
    catch (error) { return /[0-9A-Za-z\u00AA\u00B5\u00BA\u00C0-\u024F\u0300-\u036F\u0400-\u052F]+/g; }
  })();
  var WORD_LETTER = new RegExp("^" + WORD.source + "$", WORD.flags.replace("g", ""));  // one character
  // ё and the Kyrgyz letters fold to the Russian keyboard's nearest letter, so that a query typed there
  // finds Kyrgyz words; both sides are folded. Every fold keeps the length, so offsets into the folded
  // text are offsets into the original, which the snippets rely on.
  // (Escaped, so that the file means the same whatever encoding it is read in: ё ң ө ү ’.)
  var FOLDS = { "\u0451": "\u0435", "\u04a3": "\u043d", "\u04e9": "\u043e", "\u04af": "\u0443", "\u2019": "'" };
  var FOLDED = /[\u0451\u04a3\u04e9\u04af\u2019]/g;
  // Kinds of match of a query word with a word of a title or text, best last; a score per kind and place.
  var FUZZY = 1, SUBSTRING = 2, PREFIX = 3, EXACT = 4;
  // Any exact, prefix or substring match outranks fuzzy ones; each kind in a title outranks the same in text.
  var TITLE_SCORE = [0, 4, 200, 300, 400], TEXT_SCORE = [0, 1, 20, 30, 40];
  var FUZZY_MIN_LENGTH = 5;

  function fold(text) {
    var lower = text.toLowerCase();
    if (lower.length !== text.length) {
      // A letter whose lower case is longer (İ): keep it as it is, so that offsets still match.
      lower = "";
      for (var i = 0; i < text.length; i++) {
        var letter = text[i].toLowerCase();
        lower += letter.length === 1 ? letter : text[i];
      }
    }
    return lower.replace(FOLDED, function (letter) { return FOLDS[letter]; });
  }

  // Calls visit(word, offset) for each word of text from offset `from` on, until visit returns true.
  function eachWord(text, visit, from) {
    WORD.lastIndex = from || 0;
    for (var match = WORD.exec(text); match; match = WORD.exec(text)) if (visit(match[0], match.index)) return;
  }

  // True when a and b are at most one edit apart: one letter inserted, deleted or replaced, or two
  // neighbouring letters swapped. Linear, without allocating: it compares the common head and tail.
  function withinOneEdit(a, b) {
    if (a === b) return true;
    var shorter = Math.min(a.length, b.length);
    if (Math.max(a.length, b.length) - shorter > 1) return false;
    var head = 0;
    while (head < shorter && a[head] === b[head]) head++;
    var tail = 0;
    while (tail < shorter - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
    if (a.length !== b.length) return head + tail >= shorter;
    return head + tail === a.length - 1 ||
      (head + tail === a.length - 2 && a[head] === b[head + 1] && a[head + 1] === b[head]);
  }

  // Whether text[at] is part of a word (false outside the text), as WORD has it.
  function isWordAt(text, at) {
    var code = text.charCodeAt(at);
    if (code !== code) return false;  // NaN: outside the text
    if (code < 128) return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
    return WORD_LETTER.test(text[at]);
  }

  // The word of text around [at, end), as [start, end).
  function wordAround(text, at, end) {
    while (isWordAt(text, at - 1)) at--;
    while (isWordAt(text, end)) end++;
    return [at, end];
  }

  // The first word of text one edit from query (which text does not contain), as [start, end), or
  // null. Such a word keeps query's first half (the edit is in the second) or its second half (the
  // edit is in the first); a swap across the middle keeps neither, so that word is looked for as it
  // is. The text is scanned with indexOf, never split into words, and only up to the first found
  // (with `any`, the first found is enough, wherever it is).
  function firstNeighbour(text, query, any) {
    var half = query.length >> 1;
    var head = query.slice(0, half), tail = query.slice(half);
    var swapped = query.slice(0, half - 1) + query[half] + query[half - 1] + query.slice(half + 1);
    var first = null;
    // The first word found by each piece is its earliest; only the text before the word found so far
    // can hold an earlier one (slicing it is cheap).
    var scan = function (piece, check) {
      if (first && any) return;
      var within = first ? text.slice(0, first[0] + piece.length) : text;
      for (var at = within.indexOf(piece); at >= 0; at = within.indexOf(piece, at + 1)) {
        if (!check(at)) continue;
        var word = wordAround(text, at, at + piece.length);
        if (!withinOneEdit(query, text.slice(word[0], word[1]))) continue;
        if (!first || word[0] < first[0]) first = word;
        return;
      }
    };
    scan(head, function (at) { return !isWordAt(text, at - 1); });
    scan(tail, function (at) { return !isWordAt(text, at + tail.length); });
    scan(swapped, function (at) { return !isWordAt(text, at - 1) && !isWordAt(text, at + swapped.length); });
    return first;
  }

  // The best kind of match for one query word in a folded text: EXACT (a whole word), PREFIX (the
  // start of a word), SUBSTRING, FUZZY (a word one edit away, for words of five letters or more) or 0.
  function bestMatch(text, word) {
    if (!word.single) return text.indexOf(word.text) >= 0 ? SUBSTRING : 0;
    var query = word.text, best = 0;
    for (var at = text.indexOf(query); at >= 0; at = text.indexOf(query, at + 1)) {
      var kind = isWordAt(text, at - 1) ? SUBSTRING : isWordAt(text, at + query.length) ? PREFIX : EXACT;
      if (kind > best) best = kind;
      if (best === EXACT) break;
    }
    if (best || query.length < FUZZY_MIN_LENGTH) return best;
    return firstNeighbour(text, query, true) ? FUZZY : 0;
  }

  // Whether a word of the text is to be marked for a query word whose best match there was `kind`:
  // an exact word with the words it begins ("interview" marks "interviews"; "a" alone marks only "a"),
  // else words of that kind.
  function marker(word, kind) {
    var query = word.text;
    if (kind === EXACT && query.length < 3) return function (textWord) { return textWord === query; };
    if (kind >= PREFIX) return function (textWord) { return textWord.indexOf(query) === 0; };
    if (kind === SUBSTRING) return function (textWord) { return textWord.indexOf(query) >= 0; };
    return function (textWord) { return withinOneEdit(query, textWord); };
  }

  // The first place in text marked for one of a place's matches, as [start, end): found with indexOf,
  // as the match was, rather than by reading every word before it.
  function firstMarked(text, match) {
    var query = match.word.text;
    if (!match.isMarked) {
      var at = text.indexOf(query);
      return [at, at + query.length];
    }
    if (match.kind === FUZZY) return firstNeighbour(text, query);
    for (var at = text.indexOf(query); at >= 0; at = text.indexOf(query, at + 1)) {
      var word = wordAround(text, at, at + query.length);
      if (match.isMarked(text.slice(word[0], word[1]))) return word;
    }
    return null;
  }

  // The query's words, folded, with punctuation trimmed from their ends. A word that is still more
  // than one index word ("art.329", "child's") is matched as a substring of the folded text.
  function queryWords(query) {
    var words = [];
    fold(query).split(/\s+/).forEach(function (part) {
      var first = -1, last = -1, count = 0;
      eachWord(part, function (word, at) {
        if (first < 0) first = at;
        last = at + word.length;
        count++;
      });
      if (count) words.push({ text: part.slice(first, last), single: count === 1 });
    });
    return words;
  }

  // Folds the index once; the search then scans the folded titles and texts.
  function prepare(index) {
    return index.map(function (entry) {
      return { entry: entry, title: fold(entry.t || ""), text: fold(entry.x || "") };
    });
  }

  // Entries holding every word of the query (in the title or the text), best first. Each hit knows,
  // for its title and its text, which words to mark.
  function search(prepared, query) {
    var words = queryWords(query);
    if (!words.length) return [];
    var hits = [];
    // What a place (title or text) matched: per query word, its kind and, for a single word, which
    // words of the place to mark (a word with punctuation inside is marked where it occurs).
    var note = function (matches, word, kind) {
      if (kind) matches.push({ word: word, kind: kind, isMarked: word.single ? marker(word, kind) : null });
    };
    prepared.forEach(function (entry) {
      var score = 0, title = [], text = [];
      for (var i = 0; i < words.length; i++) {
        var inTitle = bestMatch(entry.title, words[i]), inText = bestMatch(entry.text, words[i]);
        if (!inTitle && !inText) return;
        score += TITLE_SCORE[inTitle] + TEXT_SCORE[inText];
        note(title, words[i], inTitle);
        note(text, words[i], inText);
      }
      hits.push({ entry: entry.entry, score: score, folded: entry, title: title, text: text });
    });
    // Array.prototype.sort is stable: equal scores keep the index's order (the course's order).
    return hits.sort(function (a, b) { return b.score - a.score; });
  }

  // The [start, end) ranges of `folded` to mark for `matches` that lie in [from, to), in order,
  // overlaps merged.
  function ranges(folded, matches, from, to) {
    var found = [], markers = [];
    matches.forEach(function (match) {
      if (match.isMarked) { markers.push(match.isMarked); return; }
      var phrase = match.word.text;
      for (var at = folded.indexOf(phrase, from); at >= 0 && at + phrase.length <= to; at = folded.indexOf(phrase, at + phrase.length)) {
        found.push([at, at + phrase.length]);
      }
    });
    if (markers.length) {
      eachWord(folded, function (word, at) {
        if (at >= to) return true;
        if (markers.some(function (isMarked) { return isMarked(word); })) found.push([at, at + word.length]);
      }, from);
    }
    found.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    found.forEach(function (range) {
      var last = merged[merged.length - 1];
      if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
      else merged.push(range.slice());
    });
    return merged;
  }

  // text[start, end) as parts {text, mark}, the marked ones being the ranges.
  function parts(text, marked, start, end) {
    var out = [], at = start;
    marked.forEach(function (range) {
      if (range[1] <= start || range[0] >= end) return;
      var from = Math.max(range[0], start), to = Math.min(range[1], end);
      if (from > at) out.push({ text: text.slice(at, from), mark: false });
      out.push({ text: text.slice(from, to), mark: true });
      at = to;
    });
    if (at < end) out.push({ text: text.slice(at, end), mark: false });
    return out;
  }

  var SPACE = /\s/;
  function isSpace(character) { return character !== undefined && SPACE.test(character); }

  // [start, end) of a snippet: about `radius` characters either side of `centre` (the first
  // highlighted word; the text's beginning without one), cut only between words, at white space, so
  // that "co-operation" stays whole too.
  function snippetWindow(text, centre, radius) {
    centre = centre || [0, 0];
    var from = centre[0] - radius, to = centre[1] + radius;
    if (from < 0) { to -= from; from = 0; }
    if (to > text.length) { from = Math.max(0, from - (to - text.length)); to = text.length; }
    var start = from, end = to;
    if (start > 0) {
      // The first whole word after `from`; failing that, the start of the highlighted word's own chunk.
      while (start < centre[0] && !isSpace(text[start - 1])) start++;
      if (!isSpace(text[start - 1])) while (start > 0 && !isSpace(text[start - 1])) start--;
    }
    if (end < text.length) {
      while (end > centre[1] && !isSpace(text[end])) end--;
      if (!isSpace(text[end])) while (end < text.length && !isSpace(text[end])) end++;
    }
    while (start < end && isSpace(text[start])) start++;
    while (end > start && isSpace(text[end - 1])) end--;
    return [start, end];
  }

  // The snippet as parts {text, mark}, with "…" where text was left out; [] for an empty text.
  function snippetParts(text, span, marked) {
    if (!text) return [];
    var out = parts(text, marked, span[0], span[1]);
    if (span[0] > 0) out.unshift({ text: "\u2026 ", mark: false });
    if (span[1] < text.length) out.push({ text: " \u2026", mark: false });
    return out;
  }

  return {
    fold: fold,
    withinOneEdit: withinOneEdit,
    prepare: prepare,
    search: search,
    // A hit's title, whole, with its matched words marked.
    titleParts: function (hit) {
      var title = hit.entry.t || "";
      return parts(title, ranges(hit.folded.title, hit.title, 0, title.length), 0, title.length);
    },
    // A hit's snippet of text, as parts {text, mark}: about `radius` characters either side of the first
    // matched word, cut between words.
    textParts: function (hit, radius) {
      var text = hit.entry.x || "";
      var first = null;
      hit.text.forEach(function (match) {
        var range = firstMarked(hit.folded.text, match);
        if (range && (!first || range[0] < first[0])) first = range;
      });
      var span = snippetWindow(text, first, radius || 80);
      return snippetParts(text, span, ranges(hit.folded.text, hit.text, span[0], span[1]));
    }
  };
})();
if (typeof module !== "undefined" && module.exports) module.exports = AcademySearch;

// The search page: the index is a script (search-index.js) so that it also loads from disk. Results are
// built as elements, never as HTML.
(function () {
  "use strict";
  if (typeof document === "undefined") return;
  var results = document.getElementById("search-results");
  if (results) {
    var params = new URLSearchParams(location.search);
    var query = (params.get("q") || "").trim();
    var input = document.getElementById("search-q");
    if (input) input.value = query;
    var append = function (element, parts) {
      parts.forEach(function (part) {
        if (!part.mark) { element.appendChild(document.createTextNode(part.text)); return; }
        var mark = document.createElement("mark");
        mark.textContent = part.text;
        element.appendChild(mark);
      });
    };
    var run = function () {
      results.textContent = "";
      if (!query) return;
      var hits = AcademySearch.search(AcademySearch.prepare(window.ACADEMY_SEARCH || []), query);
      var status = document.createElement("p");
      status.textContent = hits.length ? results.dataset.count.replace("{count}", hits.length) : results.dataset.none;
      results.appendChild(status);
      var list = document.createElement("ol");
      hits.slice(0, 50).forEach(function (hit) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = "../" + hit.entry.u;
        append(link, AcademySearch.titleParts(hit));
        item.appendChild(link);
        if (hit.entry.m) {
          var where = document.createElement("span");
          where.className = "meta";
          where.textContent = " · " + hit.entry.m;
          item.appendChild(where);
        }
        var parts = AcademySearch.textParts(hit);
        if (parts.length) {
          var snippet = document.createElement("p");
          snippet.className = "meta";
          append(snippet, parts);
          item.appendChild(snippet);
        }
        list.appendChild(item);
      });
      results.appendChild(list);
    };
    if (window.ACADEMY_SEARCH) run(); else window.addEventListener("load", run);
  }
})();
