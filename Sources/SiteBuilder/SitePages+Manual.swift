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
    func manualContentsEntry(_ source: ModuleSource) -> HTML {
        let module = localizedModule(source)
        let lessons: [HTML] = source.lessons.map { "<li><a href=\"#lesson-\($0.info.id)\">\(localized($0).title)</a></li>" }
        return "<li><a href=\"#module-\(module.id)\">\(module.number). \(module.title)</a><ol>\(lessons)</ol></li>"
    }

    /// A module's section of the manual.
    func manualSection(_ source: ModuleSource) -> HTML {
        let module = localizedModule(source)
        let lessons: [HTML] = source.lessons.map { lesson in
            let text = localized(lesson)
            let prefix = lesson.info.id + "-"
            let resolve: (String) -> String = { destination in
                destination.hasPrefix("#") ? "#" + prefix + destination.dropFirst() : resolveInManual(destination)
            }
            let note: HTML? = text.contentNote.map { "<aside class=\"aside aside-content-note\"><p class=\"aside-label\">\(strings[.contentNote])</p><p>\($0)</p></aside>" }
            let langAttribute: HTML = text.lang == language ? .empty : " lang=\"\(text.lang)\""
            return """
            <article class="manual-lesson" id="lesson-\(lesson.info.id)"\(langAttribute)>
            <h3>\(text.title)</h3>
            <p class="meta">\(minutes(lesson.info.minutes))</p>
            \(text.notice)\(note)
            <div class="prose">\(HTML(raw: text.body.html(resolve: resolve, anchorPrefix: prefix, label: label, headingShift: 1)))</div>
            <div class="sources"><p class="aside-label">\(strings[.sources])</p>\(HTML(raw: lesson.sources.html(resolve: resolveInManual)))</div>
            </article>

            """
        }
        let introduction = HTML(raw: localizedIntroduction(source).html(resolve: resolveInManual, anchorPrefix: module.id + "-", label: label, headingShift: 1))
        return """
        <section class="manual-module" id="module-\(module.id)" aria-labelledby="module-\(module.id)-title">
        <h2 id="module-\(module.id)-title">\(strings[.module]) \(module.number). \(module.title)</h2>
        <p class="lead">\(module.summary)</p>
        <h3>\(strings[.objectives])</h3>\(objectives(module))
        <div class="prose">\(introduction)</div>
        \(lessons)</section>
        """
    }

    /// `<lang>/manual/index.html`: every module and the glossary on one page, for reading offline and printing.
    func manualPage() -> String {
        let ctx = context(depth: 2, path: "manual/index.html")
        let toc = content.modules.map(manualContentsEntry)
        let sections = content.modules.map(manualSection)
        let glossaryBody = HTML(raw: (glossaryTranslation?.body ?? content.glossary.body).html(resolve: resolveInManual, anchorPrefix: "glossary-", label: label, headingShift: 1))
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

    /// `<lang>/search-index.js`: a script, not JSON, so that search works from disk where browsers
    /// refuse to fetch files. It holds only what the public pages show: each module, each lesson, and
    /// the glossary's terms.
    func searchIndex() -> String {
        var entries: [String] = []
        for source in content.modules {
            let module = localizedModule(source)
            entries.append(searchEntry(
                title: module.title, url: "\(module.id)/index.html", module: "",
                text: module.summary + " " + module.objectives.map(\.text).joined(separator: " ")
            ))
            for lesson in source.lessons {
                let text = localized(lesson)
                entries.append(searchEntry(title: text.title, url: "\(module.id)/\(lesson.info.id)/index.html", module: module.title, text: text.body.plainText))
            }
        }
        for term in content.glossary.terms {
            entries.append(searchEntry(title: glossaryTranslation?.terms[term.anchor] ?? term.term, url: "glossary/index.html#\(term.anchor)", module: strings[.glossary], text: ""))
        }
        return "window.ACADEMY_SEARCH = [\n" + entries.joined() + "];\n"
    }

    private func searchEntry(title: String, url: String, module: String, text: String) -> String {
        "{\"t\":\(jsString(title)),\"u\":\(jsString(url)),\"m\":\(jsString(module)),\"x\":\(jsString(text))},\n"
    }
}

private let hexDigits = Array("0123456789abcdef".utf8)

/// A JavaScript string literal that is also safe inside HTML: `<`, `>` and `&` are escaped, so
/// `</script>` cannot occur, and so are U+2028 and U+2029, which end a line in older parsers.
func jsString(_ text: String) -> String {
    var out: [UInt8] = [0x22]
    out.reserveCapacity(text.utf8.count + 2)
    func unicodeEscape(_ value: UInt32) {
        out += [0x5C, 0x75] + [12, 8, 4, 0].map { hexDigits[Int(value >> UInt32($0) & 0xF)] }
    }
    let bytes = Array(text.utf8)
    var index = 0
    while index < bytes.count {
        let byte = bytes[index]
        switch byte {
        case 0x22, 0x5C:
            out += [0x5C, byte]
        case 0x3C, 0x3E, 0x26, 0x00..<0x20:
            unicodeEscape(UInt32(byte))
        case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
            unicodeEscape(0x2000 | UInt32(bytes[index + 2] - 0x80))
            index += 2
        default:
            out.append(byte)
        }
        index += 1
    }
    out.append(0x22)
    return String(decoding: out, as: UTF8.self)
}
