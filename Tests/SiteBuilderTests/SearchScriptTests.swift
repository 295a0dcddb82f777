import Foundation
import Testing

/// The site's search runs in the reader's browser; its matching and snippets are plain functions in
/// `Public/search.js`, tested with Node (`Tests/js/search.test.js`), which the set-up installs. So are
/// the rules of `Public/academy.js` (`Tests/js/academy.test.js`).
@Suite("Search in the browser")
struct SearchScriptTests {
    @Test("typos, word-boundary snippets and Cyrillic folding behave as Tests/js/search.test.js describes")
    func searchScript() throws {
        try runNode("Tests/js/search.test.js")
    }

    /// `Public/academy.js`'s rules: the password strength hint and the quiz block's line.
    @Test("the password strength hint and the quiz block's line behave as Tests/js/academy.test.js describes")
    func academyScript() throws {
        try runNode("Tests/js/academy.test.js")
    }

    func runNode(_ script: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node", script]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "node \(script) failed (is Debian's nodejs installed?):\n\(text)")
    }
}
