import AcademyCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Pages

/// The write step: every page of every language, the search indexes and the assets, in parallel.
struct SiteWriter: Sendable {
    let content: Content
    let publicFolder: URL

    /// The two files of a language that gather every module, written part by part as modules finish.
    private struct Gathered: Sendable {
        /// Nil in the unexpected case that the manual's layout lost its marker: it is then written whole.
        var manual: OrderedFile?
        var search: OrderedFile
    }

    /// Writes the site into `folder` (which must not exist yet) and returns the number of HTML pages.
    func write(to folder: URL) async throws -> Int {
        let root = folder.path
        try createFolders(in: root)
        try copyAssets(to: root + "/assets")
        let content = self.content
        let course = content.course
        try FileOutput.write(SitePages(content: content, language: course.defaultLanguage).languageChoice(), to: root + "/index.html")
        let languages = try course.languages.map { language in
            let base = root + "/" + language
            let pages = SitePages(content: content, language: language)
            let manualFrame = pages.manualFrame()
            let searchFrame = pages.searchIndexFrame()
            let parts = content.modules.count
            let files = Gathered(
                manual: try manualFrame.map { try OrderedFile(path: base + "/manual/index.html", head: $0.head, parts: parts, tail: $0.tail) },
                search: try OrderedFile(path: base + "/search-index.js", head: searchFrame.head, parts: parts, tail: searchFrame.tail)
            )
            return (base: base, pages: pages, files: files)
        }
        // Every module of every language, and each language's home, glossary and search pages, in
        // parallel. Each module hands its section of the manual and its search entries on to be written
        // in order.
        let modulePages = try await withThrowingTaskGroup(of: Int.self) { group in
            for (base, pages, files) in languages {
                group.addTask {
                    try FileOutput.write(pages.home(), to: base + "/index.html")
                    try FileOutput.write(pages.glossaryPage(), to: base + "/glossary/index.html")
                    try FileOutput.write(pages.searchPage(), to: base + "/search/index.html")
                    return 0
                }
                for index in content.modules.indices {
                    group.addTask { try writeModule(index, pages: pages, to: base, gathering: files) }
                }
            }
            return try await group.reduce(0, +)
        }
        for (base, pages, files) in languages {
            try files.search.finish()
            if let manual = files.manual {
                try manual.finish()
            } else {
                try FileOutput.write(pages.manualPage(), to: base + "/manual/index.html")
            }
        }
        return 1 + 4 * course.languages.count + modulePages
    }

    /// One module in one language: its page and its lessons' pages, and its parts of the manual and the
    /// search index. Returns the number of pages written.
    private func writeModule(_ index: Int, pages: SitePages, to base: String, gathering files: Gathered) throws -> Int {
        let module = content.modules[index]
        let moduleFolder = base + "/" + module.module.id
        // Each task makes its module's folders, so that they are made in parallel too.
        try FileOutput.makeFolders([moduleFolder] + module.lessons.map { moduleFolder + "/" + $0.info.id })
        try FileOutput.write(pages.modulePage(module), to: moduleFolder + "/index.html")
        let lessons = LessonPageTemplate(pages: pages, module: index)
        // One buffer for every page of the module: its capacity is kept between pages.
        var page: [UInt8] = []
        page.reserveCapacity(64 * 1024)
        for (position, lesson) in module.lessons.enumerated() {
            page.removeAll(keepingCapacity: true)
            lessons.write(lesson: position, into: &page)
            try FileOutput.write(page, to: moduleFolder + "/" + lesson.info.id + "/index.html")
        }
        files.manual?.submit(index, pages.manualSection(module).bytes)
        files.search.submit(index, pages.searchEntries(module))
        return 1 + module.lessons.count
    }

    /// The folders above the modules'; each module's task makes its own.
    private func createFolders(in root: String) throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        var folders = [root + "/assets"]
        for language in content.course.languages {
            let base = root + "/" + language
            folders += [base, base + "/glossary", base + "/manual", base + "/search"]
        }
        try FileOutput.makeFolders(folders)
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
