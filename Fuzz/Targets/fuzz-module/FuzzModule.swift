// Fuzzes module loading: the input is written as a module's module.md, as its lesson 01-lesson.md and
// as that lesson's translation 01-lesson.ru.md, then ModuleLoader.loadAll() reads the folder (front
// matter split, YAML, YAMLObject typing, CommonMark rendering) and ReferenceChecker cross-checks the
// result. Diagnostics are the expected outcome for bad input; a crash, a hang or an ASan report is a
// finding.
import AcademyCore
import Foundation
import FuzzSupport
@testable import SiteBuilder

let scratch = Scratch("module", folders: ["Curriculum/modules/01-fuzz", "Assessments/quizzes"])

/// The curriculum the cross-checks compare against: one track naming the module id most seeds use.
let curriculum: CurriculumFile = {
    var file = CurriculumFile(path: "Curriculum/curriculum.yaml")
    file.languages = ["en", "ru"]
    file.tracks = [.init(track: Track(id: "cadets", title: "Cadets", summary: "", modules: ["legal-framework"], exam: nil),
                         line: 1, moduleLines: [1], examLine: 1)]
    return file
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModule(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    // The empty input is skipped: reading an empty file with Data(contentsOf:) leaks a 4 KB buffer in
    // swift-foundation (Swift 6.3.1 on Linux), which LeakSanitizer would report at the exit of every job.
    guard size > 0 else { return 0 }
    let data = input(bytes, size)
    for name in ["module.md", "01-lesson.md", "01-lesson.ru.md"] {
        scratch.write(data, to: "Curriculum/modules/01-fuzz/\(name)")
    }
    let loader = ModuleLoader(root: ContentRoot(url: scratch.root), languages: curriculum.languages, defaultLanguage: "en")
    let (modules, diagnostics) = runBlocking { await loader.loadAll() }
    debug((diagnostics.map(\.description) + modules.map { "loaded module '\($0.module.id)' with \($0.lessons.count) lesson(s)" })
        .joined(separator: "\n"))
    var checker = ReferenceChecker(log: DiagnosticLog(), curriculum: curriculum, modules: modules, glossary: nil, assessments: AssessmentSources())
    checker.checkAll()
    _ = checker.linkChecker().problems()
    return 0
}
