import Foundation
import Testing
@testable import SiteBuilder

@Suite("Removing the previous build")
struct FolderRemovalTests {
    @Test("removes every file and folder below, and does not follow links out of the tree")
    func removesTree() async throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("academy-remove-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let tree = base.appendingPathComponent("old")
        let outside = base.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: outside.appendingPathComponent("keep.txt"))
        for module in 0..<5 {
            for lesson in 0..<4 {
                let folder = tree.appendingPathComponent("site/en/m\(module)/l\(lesson)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data("page".utf8).write(to: folder.appendingPathComponent("index.html"))
            }
        }
        try FileManager.default.createDirectory(at: tree.appendingPathComponent("site/empty"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: tree.appendingPathComponent("course.json"))
        try FileManager.default.createSymbolicLink(at: tree.appendingPathComponent("site/link"), withDestinationURL: outside)

        #expect(await removeFolder(tree.path))
        #expect(!FileManager.default.fileExists(atPath: tree.path))
        #expect(try String(contentsOf: outside.appendingPathComponent("keep.txt"), encoding: .utf8) == "keep")
    }

    @Test("a folder that is not there is reported as not removed")
    func missing() async {
        #expect(await removeFolder("/nonexistent-academy-\(UUID().uuidString)") == false)
    }
}
