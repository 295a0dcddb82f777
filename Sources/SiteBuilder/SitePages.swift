import AcademyCore
import CommonMark
import Pages

/// The render step: turns loaded content into the static site's pages, for one language.
struct SitePages {
    let content: Content
    let language: String
    let strings: UIStrings
    let moduleOfLesson: [String: String]
    let languageNames: [(code: String, name: String)]
    /// Each module's link in the sidebar, for pages at the language root, one and two folders down:
    /// every page carries the sidebar, so its links are made once per language, not once per page.
    private let moduleLinks: [String: [HTML]]

    /// The course in this page's language (titles, objectives, summaries).
    let course: Course

    init(content: Content, language: String) {
        self.content = content
        self.language = language
        self.course = content.course.localized(to: language)
        self.strings = content.strings[language] ?? UIStrings(language: language, values: [:])
        self.moduleOfLesson = content.moduleOfLesson
        self.languageNames = content.course.languages.map { ($0, content.strings[$0]?[.languageName] ?? $0) }
        var links: [String: [HTML]] = [:]
        for toLanguage in ["", "../", "../../"] {
            links[toLanguage] = course.modules.map { "<li>\(Self.moduleAnchor($0, toLanguage: toLanguage, current: false))</li>" }
        }
        moduleLinks = links
    }

    func context(depth: Int, path: String?) -> PageContext {
        PageContext(language: language, strings: strings, depth: depth, courseTitle: course.title, languages: languageNames, pathInLanguage: path)
    }

    /// Resolves course links for a page whose way back to the language root is `toLanguage`.
    func resolver(toLanguage: String, anchorPrefix: String = "") -> (String) -> String {
        Self.resolver(moduleOfLesson: moduleOfLesson, toLanguage: toLanguage, anchorPrefix: anchorPrefix)
    }

    /// Course links for a page whose way back to a language's root is `toLanguage`. Trainer materials
    /// are served by the server at `/app/trainer/<id>`, one folder above the language's.
    static func resolver(moduleOfLesson: [String: String], toLanguage: String, anchorPrefix: String = "") -> (String) -> String {
        { destination in
            let (scheme, target) = LinkTarget.split(destination)
            switch scheme {
            case "lesson": return toLanguage + (moduleOfLesson[target] ?? "") + "/" + target + "/index.html"
            case "module": return toLanguage + target + "/index.html"
            case "glossary": return toLanguage + "glossary/index.html#" + target
            case "trainer": return toLanguage + "../app/trainer/" + target
            case "#": return "#" + anchorPrefix + target
            default: return destination
            }
        }
    }

    func label(_ kind: String) -> String {
        Self.label(kind, strings: strings)
    }

    /// The visible label of an aside kind in `strings`' language.
    static func label(_ kind: String, strings: UIStrings) -> String {
        switch kind {
        case "callout": strings[.asideCallout]
        case "vignette": strings[.asideVignette]
        case "facilitator": strings[.asideFacilitator]
        case "keypoints": strings[.asideKeypoints]
        default: kind
        }
    }

    /// The lesson's title, body and notes in this language, or the English ones with a notice.
    func localized(_ lesson: LessonSource) -> (title: String, body: RenderedMarkdown, contentNote: String?, notice: HTML?, lang: String) {
        if language == course.defaultLanguage {
            return (lesson.info.title, lesson.body, lesson.contentNote, nil, language)
        }
        if let translation = lesson.translations[language] {
            let english = "../../../\(course.defaultLanguage)/\(lesson.module)/\(lesson.info.id)/index.html"
            return (translation.title, translation.body, translation.contentNote ?? lesson.contentNote, translationNotice(translation.state, english: english), language)
        }
        return (lesson.info.title, lesson.body, lesson.contentNote,
                "<p class=\"notice notice-fallback\" role=\"note\" lang=\"\(language)\">\(strings[.fallbackNotice])</p>", course.defaultLanguage)
    }

    /// A module's title, summary and objectives in this language.
    func localizedModule(_ source: ModuleSource) -> Module {
        course.module(source.module.id) ?? source.module
    }

    /// A module's introduction and facilitator note in this language, or the English.
    func localizedIntroduction(_ source: ModuleSource) -> RenderedMarkdown {
        language == course.defaultLanguage ? source.introduction : source.translations[language]?.introduction ?? source.introduction
    }

    /// The glossary in this language, if it has one.
    var glossaryTranslation: GlossaryTranslation? {
        language == course.defaultLanguage ? nil : content.glossary.translations[language]
    }

    func minutes(_ count: Int) -> String { strings.format(.minutes, ["count": String(count)]) }

    /// What a reader of a translation must know: that no one has reviewed it yet, and that the English
    /// changed after it was made (with the day, and a link to the English).
    func translationNotice(_ state: TranslationState, english: String) -> HTML? {
        var parts: [HTML] = []
        if state.machineAssisted {
            // Where the course names a reference translation for this language (Kyrgyz: the Russian), a
            // link to the same page in it.
            let reference: HTML = content.referenceLanguages[language].map { other in
                let href = english.replacingOccurrences(of: "../\(course.defaultLanguage)/", with: "../\(other)/")
                return " <a href=\"\(href)\" hreflang=\"\(other)\" lang=\"\(language)\">\(strings[.readReference])</a>"
            } ?? .empty
            parts.append("<p class=\"notice notice-machine\">\(strings[.machineAssisted])\(reference)</p>")
        }
        if let day = state.sourceUpdated {
            let text = strings.format(.translationStale, ["date": strings.day(iso: day)])
            parts.append("<p class=\"notice notice-stale\" role=\"note\">\(text) <a href=\"\(english)\" hreflang=\"\(course.defaultLanguage)\">\(strings[.readEnglish])</a></p>")
        }
        return parts.isEmpty ? nil : parts.joined()
    }

    // MARK: Shared parts

    /// The course navigation: every module, with the current module's lessons listed under it.
    func sidebar(module current: String?, lesson currentLesson: String?, toLanguage: String) -> HTML {
        var items = moduleLinks[toLanguage] ?? content.modules.map { "<li>\(Self.moduleAnchor($0.module, toLanguage: toLanguage, current: false))</li>" }
        if let index = content.modules.firstIndex(where: { $0.module.id == current }) {
            let source = content.modules[index]
            let module = course.modules[index]
            let lessons: [HTML] = source.lessons.map { lesson in
                let aria: HTML = lesson.info.id == currentLesson ? " aria-current=\"page\"" : ""
                return "<li><a href=\"\(toLanguage)\(source.module.id)/\(lesson.info.id)/index.html\"\(aria)>\(localized(lesson).title)</a></li>"
            }
            let anchor = Self.moduleAnchor(module, toLanguage: toLanguage, current: currentLesson == nil)
            items[index] = "<li>\(anchor)<ol class=\"lesson-nav\">\(lessons)</ol></li>"
        }
        return "<ol class=\"module-nav\">\(items)</ol>"
    }

    /// A module's link in the sidebar.
    private static func moduleAnchor(_ module: Module, toLanguage: String, current: Bool) -> HTML {
        let aria: HTML = current ? " aria-current=\"page\"" : ""
        return "<a href=\"\(toLanguage)\(module.id)/index.html\"\(aria)>\(module.number). \(module.title)</a>"
    }

    func objectives(_ module: Module) -> HTML {
        let items: [HTML] = module.objectives.map { "<li>\($0.text)</li>" }
        return "<ol class=\"objectives\">\(items)</ol>"
    }

    // MARK: Pages

    /// `<lang>/index.html`: the tracks and their modules.
    func home() -> String {
        let ctx = context(depth: 1, path: "index.html")
        let tracks: [HTML] = course.tracks.map { track in
            let modules: [HTML] = track.modules.compactMap { id in
                guard let module = course.module(id) else { return nil }
                return "<li><a href=\"\(module.id)/index.html\">\(module.title)</a> <span class=\"meta\">\(minutes(module.duration))</span></li>"
            }
            var exam: HTML = .empty
            if let id = track.exam, let title = course.exams.first(where: { $0.id == id })?.title {
                exam = "<p><a class=\"button needs-server\" href=\"../app/exam/\(id)?lang=\(language)\">\(strings[.exam]): \(title)</a></p>"
            }
            return """
            <section class="track" aria-labelledby="track-\(track.id)"><h2 id="track-\(track.id)">\(track.title)</h2>
            <p>\(track.summary)</p><ol class="track-modules">\(modules)</ol>\(exam)</section>
            """
        }
        let main: HTML = """
        <h1>\(course.title)</h1>
        <p class="lead">\(course.subtitle)</p>
        <p class="publisher">\(course.publisher)</p>
        \(tracks)
        <p class="home-links"><a href="manual/index.html">\(strings[.manual])</a> · <a href="glossary/index.html">\(strings[.glossary])</a>
        <span class="needs-server"> · <a href="../app/drill?lang=\(language)">\(strings[.drill])</a></span></p>
        <p class="meta offline-note">\(strings[.quizNeedsServer])</p>
        """
        return Layout.page(title: strings[.home], context: ctx, sidebar: sidebar(module: nil, lesson: nil, toLanguage: ""), main: main, pageClass: "page-home")
    }

    /// A module's quiz: what it asks, and the button to start it (or, without a server, a note). For a
    /// signed-in trainee, academy.js adds where they stand with it (`GET /api/quizzes/{module}`), in the
    /// words the dashboard's quiz list uses, given here as `data-label-*`.
    func quizSection(_ module: Module, toRoot: String) -> HTML {
        guard let bank = course.bank(for: module.id) else { return .empty }
        let description = strings.format(.quizDescription, [
            "count": String(bank.draw), "pass": String(bank.rules.passMark), "minutes": String(bank.rules.timeLimitMinutes),
        ])
        return """
            <section class="quiz" aria-labelledby="quiz-heading" data-quiz="\(module.id)" data-label-not-started="\(strings[.quizNotStarted])" \
            data-label-in-progress="\(strings[.statusInProgress])" data-label-passed="\(strings[.passed])" data-label-failed="\(strings[.failed])" \
            data-label-best="\(strings[.bestScore])" data-label-attempts="\(strings[.quizAttemptsLeft])"><h2 id="quiz-heading">\(strings[.quiz])</h2>
            <p>\(description)</p>
            <p><a class="button needs-server" href="\(toRoot)app/quiz/\(module.id)?lang=\(language)">\(strings[.quizStart])</a></p>
            <p class="meta offline-note">\(strings[.quizNeedsServer])</p></section>
            """
    }

    /// Splits a module introduction's HTML into the text for everyone and the facilitator's note (the
    /// `facilitator` aside, which never nests), so the page can place the note apart.
    static func splitFacilitatorNote(_ html: String) -> (text: String, note: String) {
        let opening = "<aside class=\"aside aside-facilitator\">"
        guard let start = html.range(of: opening), let end = html.range(of: "</aside>", range: start.upperBound..<html.endIndex) else {
            return (html, "")
        }
        return (String(html[..<start.lowerBound]) + String(html[end.upperBound...]), String(html[start.lowerBound..<end.upperBound]))
    }

    /// `<lang>/<module>/index.html`.
    func modulePage(_ source: ModuleSource) -> String {
        let module = course.module(source.module.id) ?? source.module
        let ctx = context(depth: 2, path: "\(module.id)/index.html")
        let lessons: [HTML] = source.lessons.map { lesson in
            "<li><a href=\"\(lesson.info.id)/index.html\">\(localized(lesson).title)</a> <span class=\"meta\">\(minutes(lesson.info.minutes))</span></li>"
        }
        let quiz = quizSection(module, toRoot: ctx.toRoot)
        // The facilitator's note is for instructors: it leaves the introduction and follows the quiz, folded.
        let translation = language == course.defaultLanguage ? nil : source.translations[language]
        let introduction = translation?.introduction ?? source.introduction
        let (intro, facilitator) = Self.splitFacilitatorNote(introduction.html(resolve: resolver(toLanguage: "../"), label: label))
        let note: HTML = facilitator.isEmpty ? .empty : """
            <details class="facilitator-note"><summary>\(strings[.facilitatorSummary])</summary>\(HTML(raw: facilitator))</details>
            """
        // A module page without a translation is shown in English: say so, and mark its language for
        // screen readers.
        let translated = language == course.defaultLanguage || translation != nil
        let notice: HTML? = translation.flatMap { translationNotice($0.state, english: "../../\(course.defaultLanguage)/\(module.id)/index.html") }
            ?? (translated ? nil : "<p class=\"notice notice-fallback\" role=\"note\" lang=\"\(language)\">\(strings[.fallbackNotice])</p>")
        let langAttribute: HTML = translated ? .empty : " lang=\"\(course.defaultLanguage)\""
        let main: HTML = """
        <div class="module-text"\(langAttribute)>
        <h1><span class="module-number">\(strings[.module]) \(module.number).</span> \(module.title)</h1>
        \(notice)
        <p class="lead">\(module.summary)</p>
        <p class="meta">\(strings[.duration]): \(minutes(module.duration))</p>
        <section aria-labelledby="objectives-heading"><h2 id="objectives-heading">\(strings[.objectives])</h2>\(objectives(module))</section>
        <div class="prose">\(HTML(raw: intro))</div>
        </div>
        <section aria-labelledby="lessons-heading"><h2 id="lessons-heading">\(strings[.lessons])</h2><ol class="lesson-list">\(lessons)</ol></section>
        \(quiz)
        <div class="prose"\(langAttribute)>\(note)</div>
        """
        return Layout.page(
            title: module.title, context: ctx,
            crumbs: [Crumb(strings[.home], "../index.html"), Crumb(module.title)],
            sidebar: sidebar(module: module.id, lesson: nil, toLanguage: "../"), main: main, pageClass: "page-module",
            data: ["module": module.id]
        )
    }

    /// `<lang>/glossary/index.html`.
    func glossaryPage() -> String {
        let ctx = context(depth: 2, path: "glossary/index.html")
        let translation = glossaryTranslation
        let body = HTML(raw: (translation?.body ?? content.glossary.body).html(resolve: resolver(toLanguage: "../"), label: label))
        let translated = language == course.defaultLanguage || translation != nil
        let notice: HTML? = translation.flatMap { translationNotice($0.state, english: "../../\(course.defaultLanguage)/glossary/index.html") }
            ?? (translated ? nil : "<p class=\"notice notice-fallback\" role=\"note\" lang=\"\(language)\">\(strings[.fallbackNotice])</p>")
        let langAttribute: HTML = translated ? .empty : " lang=\"\(course.defaultLanguage)\""
        let main: HTML = """
        \(notice)<div class="prose glossary"\(langAttribute)>\(body)</div>
        """
        return Layout.page(
            title: strings[.glossary], context: ctx, crumbs: [Crumb(strings[.home], "../index.html"), Crumb(strings[.glossary])],
            sidebar: sidebar(module: nil, lesson: nil, toLanguage: "../"), main: main, pageClass: "page-glossary"
        )
    }

    /// `<lang>/search/index.html`: the form, filled in by search.js from `search-index.js`.
    func searchPage() -> String {
        let ctx = context(depth: 2, path: "search/index.html")
        let main: HTML = """
        <h1>\(strings[.search])</h1>
        <form class="search-form" role="search" action="index.html" method="get">
        <label for="search-q">\(strings[.searchLabel])</label>
        <input id="search-q" name="q" type="search">
        <button type="submit">\(strings[.searchButton])</button>
        </form>
        <div id="search-results" aria-live="polite" data-none="\(strings[.searchNoResults])" data-count="\(strings[.searchResults])">
        <noscript><p>\(strings[.searchNeedsScript])</p></noscript></div>
        <script src="../search-index.js" defer></script>
        """
        return Layout.page(
            title: strings[.search], context: ctx, crumbs: [Crumb(strings[.home], "../index.html"), Crumb(strings[.search])],
            main: main, pageClass: "page-search"
        )
    }

    /// `index.html` at the site root: choose a language.
    func languageChoice() -> String {
        let ctx = context(depth: 0, path: nil)
        let items: [HTML] = languageNames.map {
            "<li><a href=\"\($0.code)/index.html\" lang=\"\($0.code)\" hreflang=\"\($0.code)\">\($0.name)</a></li>"
        }
        let main: HTML = """
        <h1>\(course.title)</h1>
        <p class="lead">\(course.subtitle)</p>
        <h2>\(strings[.chooseLanguage])</h2>
        <ul class="language-choice">\(items)</ul>
        """
        return Layout.page(title: strings[.chooseLanguage], context: ctx, main: main, pageClass: "page-languages")
    }
}
