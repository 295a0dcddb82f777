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
        // The languages' pages are independent of each other: one task each.
        return try await withThrowingTaskGroup(of: Int.self) { group in
            for language in content.course.languages {
                group.addTask { try writeLanguage(language, to: root + "/" + language) }
            }
            return try await group.reduce(1, +)
        }
    }

    /// One language's home, glossary, search, manual and search index, and every module and lesson page.
    /// Returns the number of HTML pages written.
    private func writeLanguage(_ language: String, to base: String) throws -> Int {
        let pages = SitePages(content: content, language: language)
        try FileOutput.makeFolders([base, base + "/glossary", base + "/manual", base + "/search"])
        try FileOutput.write(pages.home(), to: base + "/index.html")
        try FileOutput.write(pages.glossaryPage(), to: base + "/glossary/index.html")
        try FileOutput.write(pages.searchPage(), to: base + "/search/index.html")
        try FileOutput.write(pages.manualPage(), to: base + "/manual/index.html")
        try FileOutput.write(pages.searchIndex(), to: base + "/search-index.js")
        var count = 4
        for source in content.modules {
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
            count += 1 + lessons.count
        }
        return count
    }

    private func copyAssets(to folder: String) throws {
        let manager = FileManager.default
        for name in ["academy.css", "academy.js"] {
            let source = publicFolder.appendingPathComponent(name)
            guard manager.fileExists(atPath: source.path) else {
                throw ContentError([Diagnostic(path: "Public/\(name)", line: 0, message: "missing asset")])
            }
            try manager.copyItem(atPath: source.path, toPath: folder + "/" + name)
        }
    }
}
