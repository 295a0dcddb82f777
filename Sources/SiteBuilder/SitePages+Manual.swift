import AcademyCore
import CommonMark
import Pages

extension SitePages {
    /// One module's part of the printable manual: its entry in the table of contents and its section.
    /// Modules are rendered in parallel and joined by `manualPage`.
    struct ManualPart: Sendable {
        var toc: HTML
        var section: HTML
    }

    /// Inside the manual, course links point to the sections of the same page.
    func resolveInManual(_ destination: String) -> String {
        let (scheme, target) = LinkTarget.split(destination)
        switch scheme {
        case "lesson": return moduleOfLesson[target] == nil ? destination : "#lesson-" + target
        case "module": return "#module-" + target
        case "glossary": return "#glossary-" + target
        default: return destination
        }
    }

    func manualPart(_ source: ModuleSource) -> ManualPart {
        let module = source.module
        var lessonLinks: [HTML] = []
        var lessons: [HTML] = []
        for lesson in source.lessons {
            let text = localized(lesson)
            let prefix = lesson.info.id + "-"
            let resolve: (String) -> String = { destination in
                destination.hasPrefix("#") ? "#" + prefix + destination.dropFirst() : resolveInManual(destination)
            }
            let body = HTML(raw: text.body.html(resolve: resolve, anchorPrefix: prefix, label: label, headingShift: 1))
            let sources = HTML(raw: lesson.sources.html(resolve: resolveInManual))
            let note: HTML? = text.contentNote.map { "<aside class=\"aside aside-content-note\"><p class=\"aside-label\">\(strings[.contentNote])</p><p>\($0)</p></aside>" }
            let langAttribute: HTML = text.lang == language ? .empty : " lang=\"\(text.lang)\""
            lessonLinks.append("<li><a href=\"#lesson-\(lesson.info.id)\">\(text.title)</a></li>")
            lessons.append("""
            <article class="manual-lesson" id="lesson-\(lesson.info.id)"\(langAttribute)>
            <h3>\(text.title)</h3>
            <p class="meta">\(minutes(lesson.info.minutes))</p>
            \(text.notice)\(note)
            <div class="prose">\(body)</div>
            <div class="sources"><p class="aside-label">\(strings[.sources])</p>\(sources)</div>
            </article>
            """)
        }
        let intro = HTML(raw: source.introduction.html(resolve: resolveInManual, anchorPrefix: module.id + "-", label: label, headingShift: 1))
        return ManualPart(
            toc: "<li><a href=\"#module-\(module.id)\">\(module.number). \(module.title)</a><ol>\(lessonLinks)</ol></li>",
            section: """
            <section class="manual-module" id="module-\(module.id)" aria-labelledby="module-\(module.id)-title">
            <h2 id="module-\(module.id)-title">\(strings[.module]) \(module.number). \(module.title)</h2>
            <p class="lead">\(module.summary)</p>
            <h3>\(strings[.objectives])</h3>\(objectives(module))
            <div class="prose">\(intro)</div>
            \(lessons)
            </section>
            """
        )
    }

    /// `<lang>/manual/index.html`: the whole curriculum on one printable page, a module per printed section.
    func manualPage(parts: [ManualPart]) -> String {
        let ctx = context(depth: 2, path: "manual/index.html")
        let glossaryBody = HTML(raw: content.glossary.body.html(resolve: resolveInManual, anchorPrefix: "glossary-", label: label, headingShift: 1))
        let main: HTML = """
        <h1>\(course.title)</h1>
        <p class="lead">\(course.subtitle)</p>
        <p>\(strings[.manualIntro])</p>
        <p class="no-print"><button type="button" class="print-button">\(strings[.printManual])</button></p>
        <nav class="manual-toc" aria-labelledby="toc-heading"><h2 id="toc-heading">\(strings[.tableOfContents])</h2>
        <ol>\(parts.map(\.toc))<li><a href="#glossary-section">\(strings[.glossary])</a></li></ol></nav>
        \(parts.map(\.section))
        <section class="manual-module manual-glossary" id="glossary-section"><div class="prose">\(glossaryBody)</div></section>
        """
        return Layout.page(
            title: strings[.manual], context: ctx, crumbs: [Crumb(strings[.home], "../index.html"), Crumb(strings[.manual])],
            main: main, pageClass: "page-manual"
        )
    }

    /// One module's entries in the search index: the module and each lesson.
    func searchEntries(_ source: ModuleSource) -> [String] {
        var entries = [searchEntry(
            title: source.module.title, url: "\(source.module.id)/index.html", module: "",
            text: source.module.summary + " " + source.module.objectives.map(\.text).joined(separator: " ")
        )]
        for lesson in source.lessons {
            let text = localized(lesson)
            entries.append(searchEntry(title: text.title, url: "\(source.module.id)/\(lesson.info.id)/index.html",
                                       module: source.module.title, text: text.body.collapsedText))
        }
        return entries
    }

    /// `<lang>/search-index.js`: a script, not JSON, so that search works from disk where browsers refuse
    /// to fetch files. It holds only what the public pages show.
    func searchIndex(moduleEntries: [[String]]) -> String {
        var entries = moduleEntries.flatMap { $0 }
        for term in content.glossary.terms {
            entries.append(searchEntry(title: term.term, url: "glossary/index.html#\(term.anchor)", module: strings[.glossary], text: ""))
        }
        return "window.ACADEMY_SEARCH = [\n" + entries.joined(separator: ",\n") + "\n];\n"
    }

    private func searchEntry(title: String, url: String, module: String, text: String) -> String {
        "{\"t\":\(jsString(title)),\"u\":\(jsString(url)),\"m\":\(jsString(module)),\"x\":\(jsString(text))}"
    }
}

/// A JavaScript string literal that is also safe inside HTML (`<`, `>` and `&` escaped, so `</script>`
/// cannot occur). Works on bytes: it runs over the text of every lesson.
func jsString(_ text: String) -> String {
    var text = text
    return text.withUTF8 { input in
        // Sized exactly first, since the string keeps its capacity, then written straight into its storage.
        func isLineSeparator(_ i: Int) -> Bool {
            input[i] == 0xE2 && i + 2 < input.count && input[i + 1] == 0x80 && (input[i + 2] == 0xA8 || input[i + 2] == 0xA9)
        }
        var length = input.count + 2
        for i in input.indices {
            switch input[i] {
            case 0x22, 0x5C: length += 1
            case 0x3C, 0x3E, 0x26, 0..<0x20: length += 5
            case 0xE2 where isLineSeparator(i): length += 3
            default: break
            }
        }
        return String(unsafeUninitializedCapacity: length) { out in
            let hex: StaticString = "0123456789abcdef"
            var n = 0
            func put(_ byte: UInt8) {
                out[n] = byte
                n += 1
            }
            func unicodeEscape(_ value: UInt32) {
                hex.withUTF8Buffer { digits in
                    put(0x5C); put(0x75)
                    put(digits[Int(value >> 12 & 0xF)]); put(digits[Int(value >> 8 & 0xF)])
                    put(digits[Int(value >> 4 & 0xF)]); put(digits[Int(value & 0xF)])
                }
            }
            put(0x22)
            var i = 0
            while i < input.count {
                let byte = input[i]
                switch byte {
                case 0x22, 0x5C: put(0x5C); put(byte)
                case 0x3C, 0x3E, 0x26, 0..<0x20: unicodeEscape(UInt32(byte))
                case 0xE2 where isLineSeparator(i):
                    // U+2028 and U+2029 end a line in older JavaScript parsers.
                    unicodeEscape(0x2000 | UInt32(input[i + 2] - 0x80))
                    i += 2
                default: put(byte)
                }
                i += 1
            }
            put(0x22)
            return n
        }
    }
}
