import AcademyCore
import Foundation
import Testing
@testable import SiteBuilder

@Suite("Writing the build's files")
struct FileOutputTests {
    /// A regular file: nothing can be created below it, whoever runs the test (root included).
    func blocker() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("academy-blocker-\(UUID().uuidString)").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("a file that cannot be written is an error naming it and the system's reason")
    func cannotWrite() throws {
        let file = try blocker()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let error = #expect(throws: ContentError.self) { try FileOutput.write("<p>page</p>", to: file + "/index.html") }
        #expect(error?.diagnostics.map(\.description) == ["\(file)/index.html: cannot write the file: Not a directory"])
    }

    @Test("a folder that cannot be made is an error naming it and the system's reason")
    func cannotMakeFolder() throws {
        let file = try blocker()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let error = #expect(throws: ContentError.self) { try FileOutput.makeFolders([file + "/folder"]) }
        #expect(error?.diagnostics.map(\.description).first?.hasPrefix("\(file)/folder: cannot create the folder: ") == true)
    }
}
