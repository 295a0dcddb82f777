import Foundation
import Testing
@testable import SiteBuilder

@Suite("Files gathered from parallel parts")
struct OrderedFileTests {
    func scratch() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("academy-ordered-\(UUID().uuidString)").path
    }

    @Test("parts handed over in any order, from parallel tasks, are written in their order between head and tail")
    func order() async throws {
        let path = scratch()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try OrderedFile(path: path, head: Array("[".utf8), parts: 200)
        await withTaskGroup(of: Void.self) { group in
            for index in (0..<200).shuffled() {
                group.addTask { file.submit(index, Array("\(index),".utf8)) }
            }
        }
        try file.finish(tail: Array("]".utf8))
        let expected = "[" + (0..<200).map { "\($0)," }.joined() + "]"
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
    }

    @Test("finishing with a part missing is an error, not a short file passed off as whole")
    func missingPart() throws {
        let path = scratch()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try OrderedFile(path: path, head: [], parts: 3)
        file.submit(0, Array("a".utf8))
        file.submit(2, Array("c".utf8))
        #expect(throws: (any Error).self) { try file.finish(tail: []) }
    }

    @Test("a file that cannot be created is an error naming it")
    func cannotCreate() {
        let error = #expect(throws: CocoaError.self) { _ = try OrderedFile(path: "/nonexistent-academy/folder/file", head: [], parts: 1) }
        #expect(error?.filePath == "/nonexistent-academy/folder/file")
    }
}
