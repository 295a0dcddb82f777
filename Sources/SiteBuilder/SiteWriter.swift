import AcademyCore
import Foundation

/// The write step: every page of every language, the search indexes and the assets, in parallel.
struct SiteWriter: Sendable {
    let content: Content
    let publicFolder: URL

    /// Writes the site into `folder` (which must not exist yet) and returns the number of HTML pages.
    func write(to folder: URL) async throws -> Int {
        let manager = FileManager.default
        let course = content.course
        // Folders first, so the page tasks only create files.
        var folders = [folder, folder.appendingPathComponent("assets")]
        for language in course.languages {
            let base = folder.appendingPathComponent(language)
            folders += [base, base.appendingPathComponent("glossary"), base.appendingPathComponent("manual"), base.appendingPathComponent("search")]
            for module in content.modules {
                let moduleFolder = base.appendingPathComponent(module.module.id)
                folders.append(moduleFolder)
                folders += module.lessons.map { moduleFolder.appendingPathComponent($0.info.id) }
            }
        }
        for url in folders { try manager.createDirectory(at: url, withIntermediateDirectories: true) }

        try copyAssets(to: folder.appendingPathComponent("assets"))

        let content = self.content
        return try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                try writeFile(SitePages(content: content, language: course.defaultLanguage).languageChoice(), to: folder.appendingPathComponent("index.html"))
                return 1
            }
            for language in course.languages {
                let base = folder.appendingPathComponent(language)
                group.addTask {
                    let pages = SitePages(content: content, language: language)
                    try writeFile(pages.home(), to: base.appendingPathComponent("index.html"))
                    try writeFile(pages.glossaryPage(), to: base.appendingPathComponent("glossary/index.html"))
                    try writeFile(pages.searchPage(), to: base.appendingPathComponent("search/index.html"))
                    try writeFile(pages.searchIndex(), to: base.appendingPathComponent("search-index.js"))
                    return 3
                }
                group.addTask {
                    try writeFile(SitePages(content: content, language: language).manualPage(), to: base.appendingPathComponent("manual/index.html"))
                    return 1
                }
                for module in content.modules {
                    group.addTask {
                        let pages = SitePages(content: content, language: language)
                        let moduleFolder = base.appendingPathComponent(module.module.id)
                        try writeFile(pages.modulePage(module), to: moduleFolder.appendingPathComponent("index.html"))
                        for (index, lesson) in module.lessons.enumerated() {
                            let previous = index > 0 ? module.lessons[index - 1] : nil
                            let next = index + 1 < module.lessons.count ? module.lessons[index + 1] : nil
                            let html = pages.lessonPage(lesson, in: module, previous: previous, next: next)
                            try writeFile(html, to: moduleFolder.appendingPathComponent("\(lesson.info.id)/index.html"))
                        }
                        return 1 + module.lessons.count
                    }
                }
            }
            var pages = 0
            for try await count in group { pages += count }
            return pages
        }
    }

    private func copyAssets(to folder: URL) throws {
        let manager = FileManager.default
        for name in ["academy.css", "academy.js"] {
            let source = publicFolder.appendingPathComponent(name)
            guard manager.fileExists(atPath: source.path) else {
                throw ContentError([Diagnostic(path: "Public/\(name)", line: 0, message: "missing asset")])
            }
            try manager.copyItem(at: source, to: folder.appendingPathComponent(name))
        }
    }
}

private func writeFile(_ text: String, to url: URL) throws {
    try Data(text.utf8).write(to: url)
}
