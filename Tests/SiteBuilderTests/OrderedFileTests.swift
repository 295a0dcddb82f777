import AcademyCore
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
        let file = try OrderedFile(path: path, head: Array("[".utf8), parts: 200, tail: Array("]".utf8))
        await withTaskGroup(of: Void.self) { group in
            for index in (0..<200).shuffled() {
                group.addTask { file.submit(index, Array("\(index),".utf8)) }
            }
        }
        try file.finish()
        let expected = "[" + (0..<200).map { "\($0)," }.joined() + "]"
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
    }

    @Test("finishing with a part missing is an error, not a short file passed off as whole")
    func missingPart() throws {
        let path = scratch()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try OrderedFile(path: path, head: [], parts: 3, tail: [])
        file.submit(0, Array("a".utf8))
        file.submit(2, Array("c".utf8))
        let error = #expect(throws: ContentError.self) { try file.finish() }
        #expect(error?.diagnostics.map(\.description) == ["\(path): part 2 of 3 was never written"])
    }

    @Test("a file that cannot be created is an error naming it and the system's reason")
    func cannotCreate() {
        let error = #expect(throws: ContentError.self) { _ = try OrderedFile(path: "/nonexistent-academy/folder/file", head: [], parts: 1, tail: []) }
        #expect(error?.diagnostics.map(\.description) == ["/nonexistent-academy/folder/file: cannot create the file: No such file or directory"])
    }

    @Test("a folder that cannot be made is an error naming it and the system's reason")
    func cannotMakeFolder() {
        let error = #expect(throws: ContentError.self) { try FileOutput.makeFolders(["/nonexistent-academy/folder"]) }
        #expect(error?.diagnostics.map(\.description) == ["/nonexistent-academy/folder: cannot create the folder: No such file or directory"])
    }
}
