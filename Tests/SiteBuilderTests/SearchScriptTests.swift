import Foundation
import Testing

/// The site's search runs in the reader's browser; its matching and snippets are plain functions in
/// `Public/search.js`, tested with Node (`Tests/js/search.test.js`), which the set-up installs.
@Suite("Search in the browser")
struct SearchScriptTests {
    @Test("typos, word-boundary snippets and Cyrillic folding behave as Tests/js/search.test.js describes")
    func searchScript() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node", "Tests/js/search.test.js"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "node Tests/js/search.test.js failed (is Debian's nodejs installed?):\n\(text)")
    }
}
