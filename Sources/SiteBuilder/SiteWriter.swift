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
        var language: String
        var index: Int
        var pages: Int
        var manual: SitePages.ManualPart
        var searchEntries: [UInt8]
    }

    /// Writes the site into `folder` (which must not exist yet) and returns the number of HTML pages.
    func write(to folder: URL) async throws -> Int {
        let root = folder.path
        try createFolders(in: root)
        try copyAssets(to: root + "/assets")
        let content = self.content
        let course = content.course
        try writeFile(SitePages(content: content, language: course.defaultLanguage).languageChoice(), to: root + "/index.html")
        // Every module of every language, and each language's home, glossary and search pages, in
        // parallel; then each language's manual and search index, gathered from the modules' parts.
        let results = try await withThrowingTaskGroup(of: ModuleResult?.self) { group in
            for language in course.languages {
                let base = root + "/" + language
                group.addTask {
                    let pages = SitePages(content: content, language: language)
                    try writeFile(pages.home(), to: base + "/index.html")
                    try writeFile(pages.glossaryPage(), to: base + "/glossary/index.html")
                    try writeFile(pages.searchPage(), to: base + "/search/index.html")
                    return nil
                }
                for index in content.modules.indices {
                    group.addTask { try writeModule(index, language: language, to: base) }
                }
            }
            var collected: [ModuleResult] = []
            for try await result in group { if let result { collected.append(result) } }
            return collected.sorted { ($0.language, $0.index) < ($1.language, $1.index) }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for language in course.languages {
                let base = root + "/" + language
                let parts = results.filter { $0.language == language }
                let pages = SitePages(content: content, language: language)
                group.addTask { try writeFile(pieces: pages.manualPage(parts: parts.map(\.manual)), to: base + "/manual/index.html") }
                group.addTask { try writeFile(pieces: pages.searchIndex(moduleEntries: parts.map(\.searchEntries)), to: base + "/search-index.js") }
            }
            try await group.waitForAll()
        }
        return results.reduce(1 + 4 * course.languages.count) { $0 + $1.pages }
    }

    /// One module in one language: its page and its lessons' pages, and its parts of the manual and the
    /// search index.
    private func writeModule(_ index: Int, language: String, to base: String) throws -> ModuleResult {
        let module = content.modules[index]
        let pages = SitePages(content: content, language: language)
        let moduleFolder = base + "/" + module.module.id
        // Each task makes its module's folders, so that they are made in parallel too.
        try makeFolders([moduleFolder] + module.lessons.map { moduleFolder + "/" + $0.info.id })
        try writeFile(pages.modulePage(module), to: moduleFolder + "/index.html")
        let lessons = LessonPageTemplate(pages: pages, module: index, sidebarCache: SitePages.SidebarCache(pages: pages, toLanguage: "../../"))
        // One buffer for every page of the module: its capacity is kept between pages.
        var page: [UInt8] = []
        page.reserveCapacity(64 * 1024)
        for (position, lesson) in module.lessons.enumerated() {
            page.removeAll(keepingCapacity: true)
            lessons.write(lesson: position, into: &page)
            try writeFile(page, to: moduleFolder + "/" + lesson.info.id + "/index.html")
        }
        return ModuleResult(
            language: language, index: index, pages: 1 + module.lessons.count,
            manual: pages.manualPart(module), searchEntries: pages.searchEntries(module)
        )
    }

    /// The folders above the modules'; each module's task makes its own.
    private func createFolders(in root: String) throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        var folders = [root + "/assets"]
        for language in content.course.languages {
            let base = root + "/" + language
            folders += [base, base + "/glossary", base + "/manual", base + "/search"]
        }
        try makeFolders(folders)
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

/// Makes folders whose parents exist or come earlier in the list, with one mkdir each: FileManager's
/// checks per folder showed in profiles.
private func makeFolders(_ folders: [String]) throws {
    for path in folders where mkdir(path, 0o755) != 0 && errno != EEXIST {
        let reason = String(cString: strerror(errno))
        throw ContentError([Diagnostic(path: path, line: 0, message: "cannot create the folder: \(reason)")])
    }
}

/// Writes a new file from pieces, one write each, without joining them into one buffer first.
private func writeFile(pieces: [[UInt8]], to path: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    defer { close(descriptor) }
    for piece in pieces { try writeAll(piece, to: descriptor, path: path) }
}

/// Writes a new file with one open/write/close: `Data.write(to:)` adds stat calls and a temporary file,
/// which is a measurable share of a build's time, and atomicity per file buys nothing here because the
/// whole site is swapped in at the end.
private func writeFile(_ bytes: [UInt8], to path: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    defer { close(descriptor) }
    try writeAll(bytes, to: descriptor, path: path)
}

private func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
    try bytes.withUnsafeBufferPointer { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            guard written > 0 else {
                if written < 0 && errno == EINTR { continue }
                throw CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: path])
            }
            offset += written
        }
    }
}

private func writeFile(_ text: String, to path: String) throws {
    try writeFile(Array(text.utf8), to: path)
}
