import AcademyCore
import Foundation
@testable import SiteBuilder

/// A copy of `Fixtures/course` in a temporary folder, to edit and build without touching the original.
struct FixtureCourse {
    let root: URL

    init() throws {
        guard let fixture = Bundle.module.url(forResource: "Fixtures/course", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        root = FileManager.default.temporaryDirectory.appendingPathComponent("academy-fixture-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixture, to: root)
    }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    func read(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }

    func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url(path), atomically: true, encoding: .utf8)
    }

    /// Replaces the first occurrence of `old` in a file; fails loudly when it is not there.
    func edit(_ path: String, replacing old: String, with new: String) throws {
        let text = try read(path)
        guard let range = text.range(of: old) else { throw FixtureError.notFound(old, path) }
        try write(path, text.replacingCharacters(in: range, with: new))
    }

    func remove(_ path: String) throws { try FileManager.default.removeItem(at: url(path)) }

    /// The problems `academy check` reports, as `path:line: message` strings.
    func diagnostics() async -> [String] {
        do {
            let (_, warnings) = try await SiteBuilder(root: root).check()
            return warnings.map(\.description)
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    func compile() async throws -> Content {
        try await ContentCompiler(root: root).compile().0
    }

    func cleanUp() { try? FileManager.default.removeItem(at: root) }
}

enum FixtureError: Error { case notFound(String, String) }

/// Every file below `folder`, relative path → contents.
func filesBelow(_ folder: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let base = folder.standardizedFileURL.path
    guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
    for case let file as URL in enumerator where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        let path = String(file.standardizedFileURL.path.dropFirst(base.count + 1))
        result[path] = try Data(contentsOf: file)
    }
    return result
}
