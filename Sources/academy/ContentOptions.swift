import AcademyCore
import ArgumentParser
import Foundation

/// Where the content lives; shared by every command that reads it.
struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: "Folder holding Curriculum/, Assessments/ and Public/.")
    var content: String = "."

    var rootURL: URL { URL(fileURLWithPath: content, isDirectory: true) }

    /// Commands that read the content call this from their own `validate()`.
    func requireCurriculum() throws {
        var directory: ObjCBool = false
        let curriculum = rootURL.appendingPathComponent("Curriculum").path
        guard FileManager.default.fileExists(atPath: curriculum, isDirectory: &directory), directory.boolValue else {
            throw ValidationError("no Curriculum/ folder in '\(content)'; pass --content with the folder that holds it")
        }
    }
}

/// Prints diagnostics as `path:line: message` on standard error.
func printDiagnostics(_ diagnostics: [Diagnostic]) {
    guard !diagnostics.isEmpty else { return }
    let text = diagnostics.map(\.description).joined(separator: "\n") + "\n"
    FileHandle.standardError.write(Data(text.utf8))
}

func printLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
