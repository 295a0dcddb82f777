import AcademyCore
import CommonMark
import Pages

extension SitePages {
    /// `<lang>/manual/index.html`: the whole curriculum on one printable page, a module per printed section.
    func manualPage() -> String {
        let ctx = context(depth: 2, path: "manual/index.html")
        let moduleOfLesson = self.moduleOfLesson
        // Inside the manual, course links point to the sections of this page.
        let resolveInManual: (String) -> String = { destination in
            let (scheme, target) = LinkTarget.split(destination)
            switch scheme {
            case "lesson": return moduleOfLesson[target] == nil ? destination : "#lesson-" + target
            case "module": return "#module-" + target
            case "glossary": return "#glossary-" + target
            default: return destination
            }
        }
        var toc: [HTML] = []
        var sections: [HTML] = []
        for source in content.modules {
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
            toc.append("<li><a href=\"#module-\(module.id)\">\(module.number). \(module.title)</a><ol>\(lessonLinks)</ol></li>")
            let intro = HTML(raw: source.introduction.html(resolve: resolveInManual, anchorPrefix: module.id + "-", label: label, headingShift: 1))
            sections.append("""
            <section class="manual-module" id="module-\(module.id)" aria-labelledby="module-\(module.id)-title">
            <h2 id="module-\(module.id)-title">\(strings[.module]) \(module.number). \(module.title)</h2>
            <p class="lead">\(module.summary)</p>
            <h3>\(strings[.objectives])</h3>\(objectives(module))
            <div class="prose">\(intro)</div>
            \(lessons)
            </section>
            """)
        }
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

    /// `<lang>/search-index.js`: a script, not JSON, so that search works from disk where browsers refuse
    /// to fetch files. It holds only what the public pages show.
    func searchIndex() -> String {
        var entries: [String] = []
        for source in content.modules {
            entries.append(searchEntry(title: source.module.title, url: "\(source.module.id)/index.html", module: "",
                                       text: source.module.summary + " " + source.module.objectives.map(\.text).joined(separator: " ")))
            for lesson in source.lessons {
                let text = localized(lesson)
                entries.append(searchEntry(title: text.title, url: "\(source.module.id)/\(lesson.info.id)/index.html",
                                           module: source.module.title, text: text.body.plainText))
            }
        }
        for term in content.glossary.terms {
            entries.append(searchEntry(title: term.term, url: "glossary/index.html#\(term.anchor)", module: strings[.glossary], text: ""))
        }
        return "window.ACADEMY_SEARCH = [\n" + entries.joined(separator: ",\n") + "\n];\n"
    }

    private func searchEntry(title: String, url: String, module: String, text: String) -> String {
        let collapsed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return "{\"t\":\(jsString(title)),\"u\":\(jsString(url)),\"m\":\(jsString(module)),\"x\":\(jsString(collapsed))}"
    }
}

/// A JavaScript string literal that is also safe inside HTML (`<` escaped, so `</script>` cannot occur).
func jsString(_ text: String) -> String {
    var out = "\""
    out.reserveCapacity(text.utf8.count + 2)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "<": out += "\\u003c"
        case ">": out += "\\u003e"
        case "&": out += "\\u0026"
        case "\u{2028}": out += "\\u2028"
        case "\u{2029}": out += "\\u2029"
        default:
            if scalar.value < 0x20 {
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
