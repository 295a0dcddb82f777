import AcademyCore
import ArgumentParser
import CMalloc
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

/// Tunes malloc for a short batch run that loads a whole course (`build`, `check`): the heap grows in
/// 32 MB steps, where glibc's default of 128 KB had each worker thread's arena call mprotect a thousand
/// times while a large course loaded. Not for the server, which keeps what the heap holds. Called
/// before any worker thread starts: an arena made earlier keeps growing in small steps.
func tuneMallocForBatch() {
    mallopt(M_TOP_PAD, 32 << 20)
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
