import AcademyCore
@testable import CommonMark
import Testing

@Suite("CommonMark façade")
struct CommonMarkTests {
    func html(_ markdown: String) -> String {
        CommonMark.render(markdown).html()
    }

    @Test("renders the common blocks and inlines as golden HTML")
    func golden() {
        let markdown = """
        Some *emphasis*, **strong** and `code <b>`.

        - one
        - two

        1. first
        2. second

        > quoted

        ```swift
        let x = 1 < 2
        ```

        ---
        """
        #expect(html(markdown) == """
        <p>Some <em>emphasis</em>, <strong>strong</strong> and <code>code &lt;b&gt;</code>.</p>
        <ul>
        <li>one</li>
        <li>two</li>
        </ul>
        <ol>
        <li>first</li>
        <li>second</li>
        </ol>
        <blockquote>
        <p>quoted</p>
        </blockquote>
        <pre><code>let x = 1 &lt; 2
        </code></pre>
        <hr>

        """)
    }

    @Test("loose lists keep their paragraphs; ordered lists keep their start")
    func looseLists() {
        #expect(html("3. a\n\n4. b\n") == "<ol start=\"3\">\n<li><p>a</p>\n</li>\n<li><p>b</p>\n</li>\n</ol>\n")
    }

    @Test("raw HTML in content never reaches the page", arguments: [
        "<script>alert(1)</script>\n",
        "Hello <b onclick=\"x()\">there</b>\n",
        "<div>\n<iframe src=\"https://example.org\"></iframe>\n</div>\n",
        "<!-- a comment -->\n",
    ])
    func rawHTMLDropped(markdown: String) {
        let output = html(markdown)
        #expect(!output.contains("<script"))
        #expect(!output.contains("<b "))
        #expect(!output.contains("<iframe"))
        #expect(!output.contains("<div"))
        #expect(!output.contains("<!--"))
    }

    @Test("dangerous link schemes are emptied", arguments: [
        "[x](javascript:alert(1))", "[x](JavaScript:alert(1))", "[x](vbscript:msgbox)", "[x](file:///etc/passwd)",
        "[x](data:text/html;base64,PHNjcmlwdD4=)", "![x](javascript:alert(1))",
        // A browser drops ASCII tabs and line breaks anywhere in a URL, so they cannot hide a scheme,
        // however many there are, written as such or as character references.
        "[x](<java\t\t\t\t\t\t\t\t\t\t\t\t\t\t\tscript:alert(1)>)",
        "[x](java&#9;&#9;&#9;&#9;&#9;&#9;&#9;&#9;&#9;&#9;&#9;&#9;&#9;&#9;script:alert(1))",
        "[x](&#10;&#13;&#9;&#10;&#13;&#9;&#10;&#13;&#9;&#10;&#13;&#9;&#10;&#13;&#9;javascript:alert(1))",
        "[x](<   \t   \t   \t   \t   \t   vbscript:msgbox>)",
    ])
    func dangerousLinks(markdown: String) {
        let output = html(markdown)
        #expect(output.contains("href=\"\"") || output.contains("src=\"\""), "\(output)")
        #expect(!output.lowercased().contains("javascript:"))
        #expect(!output.lowercased().contains("script:"), "\(output)")
    }

    @Test("text and attributes are escaped")
    func escaping() {
        #expect(html("[a \"b\"](https://x.org/?a=1&b=2 \"t<i>\")") ==
            "<p><a href=\"https://x.org/?a=1&amp;b=2\" title=\"t&lt;i&gt;\">a &quot;b&quot;</a></p>\n")
    }

    @Test("headings get stable, unique anchors, Cyrillic included")
    func anchors() {
        let rendered = CommonMark.render("## Ground rules\n\n## Ground rules\n\n## Права ребёнка: обзор\n")
        #expect(rendered.headings.map(\.anchor) == ["ground-rules", "ground-rules-2", "права-ребёнка-обзор"])
        #expect(rendered.html().contains("<h2 id=\"ground-rules-2\">Ground rules</h2>"))
        #expect(rendered.html(anchorPrefix: "l1-").contains("<h2 id=\"l1-ground-rules\">"))
    }

    @Test("ASCII headings are slugged by the same rule as any other text")
    func asciiSlugs() {
        #expect(slugify("Mixed CASE, 1-2 (three)!") == "mixed-case-1-2-three")
        #expect(slugify("  --  ") == "section")
        // Every ASCII character between two letters: kept lowercased if a letter or digit, else a hyphen.
        for byte in UInt8(0)..<0x80 {
            let character = Character(Unicode.Scalar(byte))
            let kept = character.isLetter || character.isNumber
            #expect(slugify("a\(character)b") == (kept ? "a\(character.lowercased())b" : "a-b"), "byte \(byte)")
        }
        // Beyond ASCII, letters of every script stay.
        #expect(slugify("Ёлка Ü") == "ёлка-ü")
    }

    @Test("links are collected with the file's line numbers and resolved per page")
    func links() {
        let rendered = CommonMark.render("Intro.\n\nSee [the lesson](lesson:open).\n", firstLine: 10)
        #expect(rendered.links == [.init(destination: "lesson:open", line: 12)])
        let page = rendered.html(resolve: { $0 == "lesson:open" ? "../open/index.html" : $0 })
        #expect(page == "<p>Intro.</p>\n<p>See <a href=\"../open/index.html\">the lesson</a>.</p>\n")
    }

    @Test("course fences render as labelled asides with Markdown inside", arguments: ["callout", "vignette", "facilitator", "keypoints"])
    func asides(kind: String) {
        let markdown = "Before.\n\n```\(kind) A title\n- **one** [link](module:m)\n```\n"
        let rendered = CommonMark.render(markdown, firstLine: 5)
        let page = rendered.html(label: { "Label of \($0)" })
        #expect(page.contains("<aside class=\"aside aside-\(kind)\"><p class=\"aside-label\">Label of \(kind)<span class=\"aside-title\">A title</span></p>"))
        #expect(page.contains("<li><strong>one</strong> <a href=\"module:m\">link</a></li>"))
        #expect(rendered.asides == [.init(kind: kind, title: "A title", line: 7)])
        // The link inside the fence is on line 4 of the text, line 8 of the file.
        #expect(rendered.links.first?.line == 8)
    }

    @Test("other fences stay code")
    func otherFences() {
        #expect(html("```text\n<b>x</b>\n```\n") == "<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>\n")
    }

    @Test("heading levels shift for nested documents")
    func headingShift() {
        let page = CommonMark.render("## A\n\n### B\n").html(headingShift: 1)
        #expect(page == "<h3 id=\"a\">A</h3>\n<h4 id=\"b\">B</h4>\n")
    }

    @Test("plain text and word counts leave markup out")
    func plainText() {
        let rendered = CommonMark.render("# Title\n\nOne *two* `three`.\n")
        #expect(rendered.wordCount == 4)
        #expect(!rendered.plainText.contains("*"))
    }

    @Test("plain text has single spaces between words and none at the ends; words are counted on the way", arguments: [
        ("  one\n\ntwo\tthree \r\n", "one two three", 3),
        ("Қыргыз  тили", "Қыргыз тили", 2),
        ("# Title\n- one\n- two\n\n```keypoints Key\nthree\n```\n", "Title one two Key three", 5),
        ("*in*side and **out** side", "inside and out side", 4),
        ("   ", "", 0),
        ("", "", 0),
    ])
    func collapsedPlainText(markdown: String, text: String, words: Int) {
        let rendered = CommonMark.render(markdown)
        #expect(rendered.plainText == text)
        #expect(rendered.wordCount == words)
    }

    @Test("plain text written in pieces is the pieces' words, each once, separated by single spaces")
    func plainTextPieces() {
        // Seeded random pieces of words, spaces, tabs, line breaks and multi-byte letters, some with a
        // separation between them; the result must be the words joined by single spaces.
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        // Pieces of every kind, and pieces of words and single spaces (the common case, read sixteen
        // bytes at a time), long enough to span blocks, with an odd double space or line break.
        let mixed: [String] = ["a", "b", "é", "ж", " ", " ", "\n", "\t", "\r", "\u{1}"]
        let plain: [String] = ["a", "b", "!", "é", "ж", "a", "\u{1F}", " ", "b", " "]
        for round in 0..<1000 {
            var writer = PlainTextWriter()
            var reference = ""
            for _ in 0..<next(5) + 1 {
                var piece = ""
                if round % 2 == 0 {
                    for _ in 0..<next(12) { piece += mixed[next(mixed.count)] }
                } else {
                    var previous = " "
                    for _ in 0..<next(70) {
                        var character = plain[next(plain.count)]
                        if character == " " && previous == " " { character = "a" }
                        if next(200) == 0 { character = ["  ", "\n", " \t"][next(3)] }
                        piece += character
                        previous = character
                    }
                }
                var bytes = Array(piece.utf8)
                bytes.withUnsafeMutableBufferPointer { writer.append(UnsafeBufferPointer($0)) }
                reference += piece
                if next(3) == 0 {
                    writer.separate()
                    reference += " "
                }
            }
            // Split by scalar: "\r\n" is one Character.
            let words = reference.unicodeScalars.split(whereSeparator: { " \n\t\r".unicodeScalars.contains($0) }).map { String(String.UnicodeScalarView($0)) }
            #expect(String(decoding: writer.bytes, as: UTF8.self) == words.joined(separator: " "), "\(reference.debugDescription)")
            #expect(writer.words == words.count, "\(reference.debugDescription)")
        }
    }

    @Test("large documents render whole, and the same again after a small one")
    func largeDocuments() {
        // 30,000 numbered words in one paragraph (one text node of about 200 KB, grown by realloc), then
        // 3,000 paragraphs and an aside: well over a megabyte of parser allocations.
        let words = (0..<30_000).map { "w\($0)" }
        let paragraphs = (0..<3_000).map { "Paragraph \($0) with *emphasis*." }
        let markdown = words.joined(separator: " ") + "\n\n" + paragraphs.joined(separator: "\n\n") + "\n\n```keypoints\n- last\n```\n"
        let first = CommonMark.render(markdown)
        #expect(first.wordCount == 30_000 + 3_000 * 4 + 1)
        #expect(first.plainText.hasPrefix("w0 w1 w2 "))
        #expect(first.plainText.contains("w29999 Paragraph 0 with emphasis. Paragraph 1"))
        #expect(first.plainText.hasSuffix("Paragraph 2999 with emphasis. last"))
        // A small document in between, then the large one again: nothing left over from before.
        #expect(CommonMark.render("*small*").html() == "<p><em>small</em></p>\n")
        #expect(CommonMark.render(markdown) == first)
    }

    @Test("escaping long text changes exactly the five characters wherever they fall")
    func longEscaping() {
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet: [Character] = Array("abcdefghij ж&<>\"'")
        for _ in 0..<300 {
            let text = String((0..<next(100)).map { _ in next(8) == 0 ? alphabet[next(alphabet.count)] : "x" })
            var expected = ""
            for character in text {
                switch character {
                case "&": expected += "&amp;"
                case "<": expected += "&lt;"
                case ">": expected += "&gt;"
                case "\"": expected += "&quot;"
                case "'": expected += "&#39;"
                default: expected.append(character)
                }
            }
            #expect(HTMLEscaping.escape(text) == expected)
        }
    }
}
