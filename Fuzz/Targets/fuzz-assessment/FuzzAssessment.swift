// Fuzzes question-bank loading: the input is written as Assessments/quizzes/fuzz.yaml (and, since the
// same YAMLObject code reads them, as exams/fuzz.yaml and practicals/fuzz.yaml), then
// AssessmentLoader.load() reads it. A bank or rubric that loads without an error is then used the way
// the server uses one: attempts are drawn, questions shown and graded, rubric scores applied.
//
// Findings: a crash, a hang or an ASan report; and two oracles, which stop the run the same way:
// a bank that validates must give its own answer key full marks, and a rubric that validates must
// accept a score within its scale for every criterion.
import AcademyCore
@testable import AcademyServer
import Foundation
import FuzzSupport
@testable import SiteBuilder

let scratch = Scratch("assessment", folders: ["Assessments/quizzes", "Assessments/exams", "Assessments/practicals"])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAssessment(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    // The empty input is skipped: reading an empty file with Data(contentsOf:) leaks a 4 KB buffer in
    // swift-foundation (Swift 6.3.1 on Linux), which LeakSanitizer would report at the exit of every job.
    guard size > 0 else { return 0 }
    let data = input(bytes, size)
    for folder in ["quizzes", "exams", "practicals"] {
        scratch.write(data, to: "Assessments/\(folder)/fuzz.yaml")
    }
    let log = DiagnosticLog()
    let sources = AssessmentLoader(root: ContentRoot(url: scratch.root), log: log).load()
    debug(log.items.map(\.description).joined(separator: "\n"))
    func valid(_ folder: String) -> Bool {
        // Files are named for their id ("the bank for module 'x' must be named x.yaml"): expected here.
        !log.items.contains {
            $0.severity == .error && $0.path.hasPrefix("Assessments/\(folder)/")
                && !$0.message.contains("must be named") && !$0.message.contains("must be in ")
        }
    }

    if valid("quizzes"), let bank = sources.banks.first?.bank,
       Set(bank.questions.map(\.id)).count == bank.questions.count {  // ReferenceChecker's duplicate check
        debug("exercising bank '\(bank.module)' (\(bank.questions.count) questions)")
        exercise(bank)
    }
    if valid("practicals"), let rubric = sources.rubrics.first?.rubric {
        debug("exercising rubric '\(rubric.id)' (\(rubric.criteria.count) criteria)")
        for score in [rubric.scaleMinimum, rubric.scaleMaximum] {
            let scores = Dictionary(rubric.criteria.map { ($0.id, score) }, uniquingKeysWith: { $1 })
            do { _ = try rubric.outcome(scores: scores) } catch {
                fatalError("oracle: a valid rubric refused a score of \(score) for every criterion: \(error)")
            }
        }
    }
    return 0
}

func exercise(_ bank: QuestionBank) {
    let questions = Dictionary(bank.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let plans = [DrawPlan(bank: bank), DrawPlan(parts: [.init(questions: bank.questions, count: bank.draw, spread: .objectives)])]
    for plan in plans {
        for drawn in plan.draw(seed: 0x5EED) {
            guard let question = questions[drawn.id] else { fatalError("oracle: drew '\(drawn.id)', which is not in the bank") }
            _ = QuestionView(question, drawn: drawn)
        }
    }
    for question in bank.questions {
        let key = question.key
        let score: Double
        do { score = try Grader.score(question, answer: key) } catch {
            fatalError("oracle: question '\(question.id)' refuses its own answer key \(key): \(error)")
        }
        if score != 1 { fatalError("oracle: question '\(question.id)' gives its own answer key \(key) \(score), not 1") }
        _ = try? Grader.score(question, answer: nil)
    }
}
