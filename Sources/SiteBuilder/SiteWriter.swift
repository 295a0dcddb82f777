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

    /// What a module's task hands back for the pages that span modules.
    private struct ModuleResult: Sendable {
        var index: Int
        var pages: Int
        var manual: SitePages.ManualPart
        var searchEntries: [String]
    }

    /// Writes the site into `folder` (which must not exist yet) and returns the number of HTML pages.
    func write(to folder: URL) async throws -> Int {
        try createFolders(in: folder)
        try copyAssets(to: folder.appendingPathComponent("assets"))
        let content = self.content
        let course = content.course
        try writeFile(SitePages(content: content, language: course.defaultLanguage).languageChoice(), to: folder.appendingPathComponent("index.html"))
        var pages = 1
        for language in course.languages {
            pages += try await writeLanguage(language, to: folder.appendingPathComponent(language))
        }
        return pages
    }

    /// One language: module and lesson pages in parallel, then the pages that gather every module.
    private func writeLanguage(_ language: String, to base: URL) async throws -> Int {
        let content = self.content
        let results = try await withThrowingTaskGroup(of: ModuleResult.self) { group in
            for (index, module) in content.modules.enumerated() {
                group.addTask {
                    let pages = SitePages(content: content, language: language)
                    let sidebar = SitePages.SidebarCache(pages: pages, toLanguage: "../../")
                    let moduleFolder = base.appendingPathComponent(module.module.id)
                    try writeFile(pages.modulePage(module), to: moduleFolder.appendingPathComponent("index.html"))
                    for (position, lesson) in module.lessons.enumerated() {
                        let previous = position > 0 ? module.lessons[position - 1] : nil
                        let next = position + 1 < module.lessons.count ? module.lessons[position + 1] : nil
                        let html = pages.lessonPage(lesson, in: module, previous: previous, next: next, sidebarCache: sidebar)
                        try writeFile(html, to: moduleFolder.appendingPathComponent("\(lesson.info.id)/index.html"))
                    }
                    return ModuleResult(
                        index: index, pages: 1 + module.lessons.count,
                        manual: pages.manualPart(module), searchEntries: pages.searchEntries(module)
                    )
                }
            }
            var collected: [ModuleResult] = []
            for try await result in group { collected.append(result) }
            return collected.sorted { $0.index < $1.index }
        }
        let pages = SitePages(content: content, language: language)
        // The two largest files, each gathering every module, side by side.
        async let manual: Void = writeFile(pages.manualPage(parts: results.map(\.manual)), to: base.appendingPathComponent("manual/index.html"))
        try writeFile(pages.searchIndex(moduleEntries: results.map(\.searchEntries)), to: base.appendingPathComponent("search-index.js"))
        try writeFile(pages.home(), to: base.appendingPathComponent("index.html"))
        try writeFile(pages.glossaryPage(), to: base.appendingPathComponent("glossary/index.html"))
        try writeFile(pages.searchPage(), to: base.appendingPathComponent("search/index.html"))
        try await manual
        return results.reduce(4) { $0 + $1.pages }
    }

    /// Folders first, so the page tasks only create files.
    private func createFolders(in folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var folders = [folder.appendingPathComponent("assets")]
        for language in content.course.languages {
            let base = folder.appendingPathComponent(language)
            folders += [base, base.appendingPathComponent("glossary"), base.appendingPathComponent("manual"), base.appendingPathComponent("search")]
            for module in content.modules {
                let moduleFolder = base.appendingPathComponent(module.module.id)
                folders.append(moduleFolder)
                folders += module.lessons.map { moduleFolder.appendingPathComponent($0.info.id) }
            }
        }
        // Listed parents first, so one mkdir each does; FileManager's checks per folder showed in profiles.
        for url in folders where mkdir(url.path, 0o755) != 0 && errno != EEXIST {
            let reason = String(cString: strerror(errno))
            throw ContentError([Diagnostic(path: url.path, line: 0, message: "cannot create the folder: \(reason)")])
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

/// Writes a new file with one open/write/close: `Data.write(to:)` adds stat calls and a temporary file,
/// which is a measurable share of a build's time, and atomicity per file buys nothing here because the
/// whole site is swapped in at the end.
private func writeFile(_ text: String, to url: URL) throws {
    var text = text
    try text.withUTF8 { buffer in
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
        defer { close(descriptor) }
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            guard written > 0 else {
                if written < 0 && errno == EINTR { continue }
                throw CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: url.path])
            }
            offset += written
        }
    }
}
