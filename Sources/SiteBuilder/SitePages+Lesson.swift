import AcademyCore
import CommonMark
import Pages

extension SitePages {
    /// What differs between the lesson pages of one module. Text is escaped where the page shows it;
    /// `HTML` goes in as it is.
    struct LessonValues {
        var title: String
        /// The page's path below the language folder, for the language switcher.
        var path: String
        var id: String
        var hash: String
        var shortHash: String
        var minutes: String
        var langAttribute: HTML
        var notice: HTML
        var note: HTML
        var neighbours: HTML
        var body: HTML
        var sources: HTML
        var sidebar: HTML

        /// The slots of `LessonPageTemplate`, in marker order.
        enum Slot: Int, CaseIterable {
            case title, path, id, hash, shortHash, minutes, langAttribute, notice, note, neighbours, body, sources, sidebar
        }

        /// Every value a marker, for rendering a module's template.
        static var markers: LessonValues {
            func text(_ slot: Slot) -> String { PageTemplate.marker(slot.rawValue) }
            func html(_ slot: Slot) -> HTML { HTML(raw: PageTemplate.marker(slot.rawValue)) }
            return LessonValues(
                title: text(.title), path: text(.path), id: text(.id), hash: text(.hash), shortHash: text(.shortHash),
                minutes: text(.minutes), langAttribute: html(.langAttribute), notice: html(.notice), note: html(.note),
                neighbours: html(.neighbours), body: html(.body), sources: html(.sources), sidebar: html(.sidebar)
            )
        }
    }

    /// `<lang>/<module>/<lesson>/index.html`, the one definition of a lesson page.
    func lessonPage(_ values: LessonValues, in module: Module) -> String {
        let ctx = context(depth: 3, path: values.path)
        let main: HTML = """
        <article class="lesson"\(values.langAttribute)>
        <h1>\(values.title)</h1>
        <p class="meta">\(strings[.module]) \(module.number): \(module.title) · \(values.minutes)</p>
        \(values.notice)
        \(values.note)
        <div class="progress-slot" data-lesson="\(values.id)" data-hash="\(values.hash)" data-label-studied="\(strings[.studied])" data-label-mark="\(strings[.markStudied])" data-label-dashboard="\(strings[.dashboard])"></div>
        <div class="prose">\(values.body)</div>
        <section class="sources" aria-labelledby="sources-heading"><h2 id="sources-heading">\(strings[.sources])</h2>\(values.sources)</section>
        <p class="content-version meta">\(strings[.contentVersion]): <code>\(values.shortHash)</code></p>
        </article>
        <nav class="prev-next" aria-label="\(strings[.previous]) / \(strings[.next])">\(values.neighbours)</nav>
        """
        return Layout.page(
            title: values.title, context: ctx,
            crumbs: [Crumb(strings[.home], "../../index.html"), Crumb(module.title, "../index.html"), Crumb(values.title)],
            sidebar: values.sidebar, main: main, pageClass: "page-lesson",
            data: ["lesson": values.id, "content-hash": values.hash]
        )
    }

    /// A lesson page rendered in full, without a template.
    func lessonPage(_ lesson: LessonSource, in source: ModuleSource, previous: LessonSource?, next: LessonSource?) -> String {
        let sidebar = sidebar(module: source.module.id, lesson: lesson.info.id, toLanguage: "../../")
        var values = lessonValues(lesson, in: source, previous: previous, next: next)
        values.body = HTML(raw: localized(lesson).body.html(resolve: resolver(toLanguage: "../../"), label: label))
        values.sources = HTML(raw: lesson.sources.html(resolve: resolver(toLanguage: "../../")))
        values.sidebar = sidebar
        return lessonPage(values, in: source.module)
    }

    /// The small values of a lesson page; the body, the sources and the sidebar are left empty, since
    /// the template writes them as bytes.
    func lessonValues(_ lesson: LessonSource, in source: ModuleSource, previous: LessonSource?, next: LessonSource?) -> LessonValues {
        let module = source.module
        let text = localized(lesson)
        let note: HTML? = text.contentNote.map { "<aside class=\"aside aside-content-note\"><p class=\"aside-label\">\(strings[.contentNote])</p><p>\($0)</p></aside>" }
        let hash = language == course.defaultLanguage || lesson.translations[language] == nil
            ? lesson.info.contentHash : lesson.translations[language]?.contentHash ?? lesson.info.contentHash
        func neighbour(_ other: LessonSource?, rel: String, key: UIStrings.Key) -> HTML {
            guard let other else { return "<span></span>" }
            return "<a rel=\"\(rel)\" href=\"../\(other.info.id)/index.html\"><span class=\"meta\">\(strings[key])</span> \(localized(other).title)</a>"
        }
        return LessonValues(
            title: text.title, path: "\(module.id)/\(lesson.info.id)/index.html", id: lesson.info.id, hash: hash,
            shortHash: String(hash.prefix(12)), minutes: minutes(lesson.info.minutes),
            langAttribute: text.lang == language ? .empty : " lang=\"\(text.lang)\"",
            notice: text.notice ?? .empty, note: note ?? .empty,
            neighbours: neighbour(previous, rel: "prev", key: .previous) + neighbour(next, rel: "next", key: .next),
            body: .empty, sources: .empty, sidebar: .empty
        )
    }
}

/// The lesson pages of one module in one language: the page rendered once with markers, then each
/// lesson's values, body, sources and sidebar written between its pieces.
struct LessonPageTemplate {
    let pages: SitePages
    let source: ModuleSource
    private let template: PageTemplate?
    private let sidebar: SitePages.ModuleSidebar
    private let resolve: (String) -> String

    init(pages: SitePages, module index: Int) {
        self.pages = pages
        source = pages.content.modules[index]
        let page = pages.lessonPage(.markers, in: source.module)
        template = PageTemplate(rendering: page, markers: SitePages.LessonValues.Slot.allCases.count)
        sidebar = SitePages.ModuleSidebar(
            pages: pages, module: index, toLanguage: "../../", cache: pages.sidebarCache(toLanguage: "../../"), moduleIsCurrent: false
        )
        resolve = pages.resolver(toLanguage: "../../")
    }

    /// Appends the page of the lesson at `position` in the module.
    func write(lesson position: Int, into out: inout [UInt8]) {
        let lessons = source.lessons
        let lesson = lessons[position]
        let previous = position > 0 ? lessons[position - 1] : nil
        let next = position + 1 < lessons.count ? lessons[position + 1] : nil
        guard let template else {
            // A value the layout transformed (none does today): render the page in full.
            out.append(contentsOf: pages.lessonPage(lesson, in: source, previous: previous, next: next).utf8)
            return
        }
        let values = pages.lessonValues(lesson, in: source, previous: previous, next: next)
        template.render(into: &out) { slot, out in
            guard let slot = SitePages.LessonValues.Slot(rawValue: slot) else { return }
            switch slot {
            case .title: HTMLEscaping.appendEscaped(values.title, to: &out)
            case .path: HTMLEscaping.appendEscaped(values.path, to: &out)
            case .id: HTMLEscaping.appendEscaped(values.id, to: &out)
            case .hash: HTMLEscaping.appendEscaped(values.hash, to: &out)
            case .shortHash: HTMLEscaping.appendEscaped(values.shortHash, to: &out)
            case .minutes: HTMLEscaping.appendEscaped(values.minutes, to: &out)
            case .langAttribute: out.append(contentsOf: values.langAttribute.raw.utf8)
            case .notice: out.append(contentsOf: values.notice.raw.utf8)
            case .note: out.append(contentsOf: values.note.raw.utf8)
            case .neighbours: out.append(contentsOf: values.neighbours.raw.utf8)
            case .body: pages.localized(lesson).body.write(into: &out, resolve: resolve, label: pages.label)
            case .sources: lesson.sources.write(into: &out, resolve: resolve)
            case .sidebar: sidebar.write(currentLesson: position, into: &out)
            }
        }
    }
}
