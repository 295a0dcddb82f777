import AcademyCore
import Foundation
import Pages

/// The write step: every page of every language, the search indexes and the assets.
struct SiteWriter: Sendable {
    let content: Content
    let publicFolder: URL

    /// Writes the site into `folder` (which must not exist yet) and returns the number of HTML pages.
    func write(to folder: URL) async throws -> Int {
        let root = folder.path
        try FileOutput.makeFolders([root, root + "/assets"])
        try copyAssets(to: root + "/assets")
        let content = self.content
        try FileOutput.write(SitePages(content: content, language: content.course.defaultLanguage).languageChoice(), to: root + "/index.html")
        // Every page depends on the content alone: one task for each language's own pages, and one for
        // each module in each language.
        return try await withThrowingTaskGroup(of: Int.self) { group in
            for language in content.course.languages {
                let pages = SitePages(content: content, language: language)
                let base = root + "/" + language
                try FileOutput.makeFolders([base, base + "/glossary", base + "/manual", base + "/search"])
                group.addTask { try writeLanguagePages(pages, to: base) }
                for source in content.modules {
                    group.addTask { try writeModule(source, pages: pages, to: base) }
                }
            }
            return try await group.reduce(1, +)
        }
    }

    /// A language's home, glossary, search page, manual and search index. Returns the number of pages.
    private func writeLanguagePages(_ pages: SitePages, to base: String) throws -> Int {
        try FileOutput.write(pages.home(), to: base + "/index.html")
        try FileOutput.write(pages.glossaryPage(), to: base + "/glossary/index.html")
        try FileOutput.write(pages.searchPage(), to: base + "/search/index.html")
        try FileOutput.write(pages.manualPage(), to: base + "/manual/index.html")
        try FileOutput.write(pages.searchIndex(), to: base + "/search-index.js")
        return 4
    }

    /// A module's page and its lessons' pages in one language. Returns the number of pages.
    private func writeModule(_ source: ModuleSource, pages: SitePages, to base: String) throws -> Int {
        let folder = base + "/" + source.module.id
        try FileOutput.makeFolders([folder])
        try FileOutput.write(pages.modulePage(source), to: folder + "/index.html")
        let lessons = source.lessons
        for (position, lesson) in lessons.enumerated() {
            let previous = position > 0 ? lessons[position - 1] : nil
            let next = position + 1 < lessons.count ? lessons[position + 1] : nil
            try FileOutput.makeFolders([folder + "/" + lesson.info.id])
            try FileOutput.write(pages.lessonPage(lesson, in: source, previous: previous, next: next), to: folder + "/" + lesson.info.id + "/index.html")
        }
        return 1 + lessons.count
    }

    private func copyAssets(to folder: String) throws {
        let manager = FileManager.default
        for name in ["academy.css", "academy.js", "search.js"] {
            let source = publicFolder.appendingPathComponent(name)
            guard manager.fileExists(atPath: source.path) else {
                throw ContentError([Diagnostic(path: "Public/\(name)", line: 0, message: "missing asset")])
            }
            try manager.copyItem(atPath: source.path, toPath: folder + "/" + name)
        }
    }
}
