import AcademyCore
import CommonMark
import Pages

extension SitePages {
    /// `<lang>/<module>/<lesson>/index.html`.
    func lessonPage(_ lesson: LessonSource, in source: ModuleSource, previous: LessonSource?, next: LessonSource?) -> String {
        let module = localizedModule(source)
        let text = localized(lesson)
        let path = "\(module.id)/\(lesson.info.id)/index.html"
        let ctx = context(depth: 3, path: path)
        let resolve = resolver(toLanguage: "../../")
        let note: HTML? = text.contentNote.map { "<aside class=\"aside aside-content-note\"><p class=\"aside-label\">\(strings[.contentNote])</p><p>\($0)</p></aside>" }
        let hash = language == course.defaultLanguage ? lesson.info.contentHash : lesson.translations[language]?.contentHash ?? lesson.info.contentHash
        func neighbour(_ other: LessonSource?, rel: String, key: UIStrings.Key) -> HTML {
            guard let other else { return "<span></span>" }
            return "<a rel=\"\(rel)\" href=\"../\(other.info.id)/index.html\"><span class=\"meta\">\(strings[key])</span> \(localized(other).title)</a>"
        }
        let langAttribute: HTML = text.lang == language ? .empty : " lang=\"\(text.lang)\""
        // "Mark as studied" before the text and after it, where the reader finishes; the module's quiz
        // after the last lesson of the module, as its next step.
        let progressSlot: HTML = """
            <div class="progress-slot" data-lesson="\(lesson.info.id)" data-hash="\(hash)" data-label-studied="\(strings[.studied])" \
            data-label-mark="\(strings[.markStudied])" data-label-dashboard="\(strings[.dashboard])"></div>
            """
        let isLast = source.lessons.last?.info.id == lesson.info.id
        let main: HTML = """
        <article class="lesson"\(langAttribute)>
        <h1>\(text.title)</h1>
        <p class="meta">\(strings[.module]) \(module.number): \(module.title) · \(minutes(lesson.info.minutes))</p>
        \(text.notice)
        \(note)
        \(progressSlot)
        <div class="prose">\(HTML(raw: text.body.html(resolve: resolve, label: label)))</div>
        <section class="sources" aria-labelledby="sources-heading"><h2 id="sources-heading">\(strings[.sources])</h2>\(HTML(raw: lesson.sources.html(resolve: resolve)))</section>
        \(progressSlot)
        \(isLast ? quizSection(module, toRoot: ctx.toRoot) : .empty)
        <p class="content-version meta print-only">\(strings[.contentVersion]): <code>\(String(hash.prefix(12)))</code></p>
        </article>
        <nav class="prev-next" aria-label="\(strings[.previous]) / \(strings[.next])">\(neighbour(previous, rel: "prev", key: .previous))\(neighbour(next, rel: "next", key: .next))</nav>
        """
        return Layout.page(
            title: text.title, context: ctx,
            crumbs: [Crumb(strings[.home], "../../index.html"), Crumb(module.title, "../index.html"), Crumb(text.title)],
            sidebar: sidebar(module: module.id, lesson: lesson.info.id, toLanguage: "../../"), main: main, pageClass: "page-lesson",
            data: ["lesson": lesson.info.id, "content-hash": hash]
        )
    }
}
