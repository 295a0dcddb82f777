import AcademyCore
import CommonMark
import Pages

extension SitePages {
    /// Inside the manual, course links point to the sections of the same page.
    func resolveInManual(_ destination: String) -> String {
        let (scheme, target) = LinkTarget.split(destination)
        switch scheme {
        case "lesson": return moduleOfLesson[target] == nil ? destination : "#lesson-" + target
        case "module": return "#module-" + target
        case "glossary": return "#glossary-" + target
        // The manual is one folder below the language's root, like the trainer pages' /app/trainer/.
        case "trainer": return "../../app/trainer/" + target
        default: return destination
        }
    }

    /// A module's entry in the manual's table of contents.
    func manualContentsEntry(_ source: ModuleSource) -> HTMLBuffer {
        let module = source.module
        var toc: HTMLBuffer = "<li><a href=\"#module-\(module.id)\">\(module.number). \(module.title)</a><ol>"
        for lesson in source.lessons {
            toc.append("<li><a href=\"#lesson-\(lesson.info.id)\">\(localized(lesson).title)</a></li>")
        }
        toc.append("</ol></li>")
        return toc
    }

    /// A module's section of the manual. Modules are rendered in parallel and written in order.
    func manualSection(_ source: ModuleSource) -> HTMLBuffer {
        let module = source.module
        let label = self.label
        var section: HTMLBuffer = """
        <section class="manual-module" id="module-\(module.id)" aria-labelledby="module-\(module.id)-title">
        <h2 id="module-\(module.id)-title">\(strings[.module]) \(module.number). \(module.title)</h2>
        <p class="lead">\(module.summary)</p>
        <h3>\(strings[.objectives])</h3>\(objectives(module))
        <div class="prose">\(markdown: source.introduction, resolve: resolveInManual, anchorPrefix: module.id + "-", label: label, headingShift: 1)</div>

        """
        section.bytes.reserveCapacity(source.lessons.reduce(section.bytes.count) { $0 + $1.body.bytes.count + 1024 })
        for lesson in source.lessons {
            let text = localized(lesson)
            let prefix = lesson.info.id + "-"
            let resolve: (String) -> String = { destination in
                destination.hasPrefix("#") ? "#" + prefix + destination.dropFirst() : resolveInManual(destination)
            }
            let note: HTML? = text.contentNote.map { "<aside class=\"aside aside-content-note\"><p class=\"aside-label\">\(strings[.contentNote])</p><p>\($0)</p></aside>" }
            let langAttribute: HTML = text.lang == language ? .empty : " lang=\"\(text.lang)\""
            section.append("""
            <article class="manual-lesson" id="lesson-\(lesson.info.id)"\(langAttribute)>
            <h3>\(text.title)</h3>
            <p class="meta">\(minutes(lesson.info.minutes))</p>
            \(text.notice)\(note)
            <div class="prose">\(markdown: text.body, resolve: resolve, anchorPrefix: prefix, label: label, headingShift: 1)</div>
            <div class="sources"><p class="aside-label">\(strings[.sources])</p>\(markdown: lesson.sources, resolve: resolveInManual)</div>
            </article>

            """)
        }
        section.append("</section>")
        return section
    }

    /// `<lang>/manual/index.html` around its modules' sections: everything before the first section
    /// (the table of contents included) and everything after the last. The page is laid out once with a
    /// marker where the sections go. Nil only if the layout changed the marker, which it does not.
    func manualFrame() -> (head: [UInt8], tail: [UInt8])? {
        let toc = content.modules.map(manualContentsEntry)
        let page = manualPage(toc: HTML(raw: String(decoding: toc.flatMap(\.bytes), as: UTF8.self)), sections: HTML(raw: PageTemplate.marker(0)))
        return PageTemplate(rendering: page, markers: 1)?.aroundSingleSlot
    }

    /// The whole manual page in one piece, for when `manualFrame` fails.
    func manualPage() -> String {
        let toc = content.modules.map(manualContentsEntry).flatMap(\.bytes)
        let sections = content.modules.map(manualSection).flatMap(\.bytes)
        return manualPage(toc: HTML(raw: String(decoding: toc, as: UTF8.self)), sections: HTML(raw: String(decoding: sections, as: UTF8.self)))
    }

    private func manualPage(toc: HTML, sections: HTML) -> String {
        let ctx = context(depth: 2, path: "manual/index.html")
        let glossaryBody = HTML(raw: content.glossary.body.html(resolve: resolveInManual, anchorPrefix: "glossary-", label: label, headingShift: 1))
        let main: HTML = """
        <h1>\(course.title)</h1>
        <p class="lead">\(course.subtitle)</p>
        <p>\(strings[.manualIntro])</p>
        <p class="no-print"><button type="button" class="print-button">\(strings[.printManual])</button></p>
        <nav class="manual-toc" aria-labelledby="toc-heading"><h2 id="toc-heading">\(strings[.tableOfContents])</h2>
        <ol>\(toc)<li><a href="#glossary-section">\(strings[.glossary])</a></li></ol></nav>
        \(sections)
        <section class="manual-module manual-glossary" id="glossary-section"><div class="prose">\(glossaryBody)</div></section>
        """
        return Layout.page(
            title: strings[.manual], context: ctx, crumbs: [Crumb(strings[.home], "../index.html"), Crumb(strings[.manual])],
            main: main, pageClass: "page-manual"
        )
    }

    /// One module's entries in the search index (the module and each lesson), each followed by ",\n".
    func searchEntries(_ source: ModuleSource) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(source.lessons.reduce(1024) { $0 + $1.body.plainText.utf8.count + 256 })
        appendSearchEntry(
            title: source.module.title, url: "\(source.module.id)/index.html", module: "",
            text: source.module.summary + " " + source.module.objectives.map(\.text).joined(separator: " "), to: &out
        )
        for lesson in source.lessons {
            let text = localized(lesson)
            appendSearchEntry(title: text.title, url: "\(source.module.id)/\(lesson.info.id)/index.html",
                              module: source.module.title, text: text.body.plainText, to: &out)
        }
        return out
    }

    /// `<lang>/search-index.js` around the modules' entries: a script, not JSON, so that search works
    /// from disk where browsers refuse to fetch files. It holds only what the public pages show. The
    /// tail holds the glossary's terms. Every entry ends with ",\n" (valid in an array literal).
    func searchIndexFrame() -> (head: [UInt8], tail: [UInt8]) {
        var tail: [UInt8] = []
        for term in content.glossary.terms {
            appendSearchEntry(title: term.term, url: "glossary/index.html#\(term.anchor)", module: strings[.glossary], text: "", to: &tail)
        }
        tail.append(contentsOf: "];\n".utf8)
        return (Array("window.ACADEMY_SEARCH = [\n".utf8), tail)
    }

    private func appendSearchEntry(title: String, url: String, module: String, text: String, to out: inout [UInt8]) {
        out.append(contentsOf: "{\"t\":".utf8)
        appendJSString(title, to: &out)
        out.append(contentsOf: ",\"u\":".utf8)
        appendJSString(url, to: &out)
        out.append(contentsOf: ",\"m\":".utf8)
        appendJSString(module, to: &out)
        out.append(contentsOf: ",\"x\":".utf8)
        appendJSString(text, to: &out)
        out.append(contentsOf: "},\n".utf8)
    }
}

/// A JavaScript string literal that is also safe inside HTML (`<`, `>` and `&` escaped, so `</script>`
/// cannot occur).
func jsString(_ text: String) -> String {
    var out: [UInt8] = []
    appendJSString(text, to: &out)
    return String(decoding: out, as: UTF8.self)
}

/// Appends `text` as a JavaScript string literal (see `jsString`). Works on bytes, eight at a time to the
/// next one to escape, copying the runs between them whole: it runs over the text of every lesson.
func appendJSString(_ text: String, to out: inout [UInt8]) {
    var text = text
    text.withUTF8 { input in
        let hex: StaticString = "0123456789abcdef"
        func unicodeEscape(_ value: UInt32, _ out: inout [UInt8]) {
            hex.withUTF8Buffer { digits in
                out.append(contentsOf: [0x5C, 0x75, digits[Int(value >> 12 & 0xF)], digits[Int(value >> 8 & 0xF)],
                                        digits[Int(value >> 4 & 0xF)], digits[Int(value & 0xF)]])
            }
        }
        out.append(0x22)
        var runStart = 0
        var i = 0
        while true {
            // Eight bytes at a time to the next that may need escaping (0xE2 may start U+2028 or U+2029).
            while i + 8 <= input.count {
                let word = ByteScan.word(input, at: i)
                if ByteScan.hasLess(word, than: 0x20) || ByteScan.has(word, 0x22) || ByteScan.has(word, 0x5C) || ByteScan.has(word, 0x3C)
                    || ByteScan.has(word, 0x3E) || ByteScan.has(word, 0x26) || ByteScan.has(word, 0xE2) { break }
                i += 8
            }
            while i < input.count {
                let byte = input[i]
                if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0xE2 { break }
                i += 1
            }
            guard i < input.count else { break }
            let byte = input[i]
            let isLineSeparator = byte == 0xE2 && i + 2 < input.count && input[i + 1] == 0x80 && (input[i + 2] == 0xA8 || input[i + 2] == 0xA9)
            if byte == 0xE2 && !isLineSeparator {
                i += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<i]))
            switch byte {
            case 0x22, 0x5C:
                out.append(0x5C)
                out.append(byte)
            case 0xE2:
                // U+2028 and U+2029 end a line in older JavaScript parsers.
                unicodeEscape(0x2000 | UInt32(input[i + 2] - 0x80), &out)
                i += 2
            default:
                unicodeEscape(UInt32(byte), &out)
            }
            i += 1
            runStart = i
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart...]))
        out.append(0x22)
    }
}
