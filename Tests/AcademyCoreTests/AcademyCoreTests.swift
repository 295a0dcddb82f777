import AcademyCore
import Foundation
import Testing

@Suite("Core values")
struct AcademyCoreTests {
    @Test("diagnostics print as path:line: message, the form editors link to")
    func diagnosticFormat() {
        #expect(Diagnostic(path: "a/b.md", line: 12, message: "broken").description == "a/b.md:12: broken")
        #expect(Diagnostic(path: "a/b.md", line: 0, message: "missing").description == "a/b.md: missing")
        #expect(Diagnostic(path: "a.md", line: 3, message: "long", severity: .warning).description == "a.md:3: warning: long")
    }

    @Test("UI strings fill in their placeholders")
    func formatting() {
        let strings = UIStrings(language: "en", values: ["quiz_description": "{count} questions, pass mark {pass}%"])
        #expect(strings.format(.quizDescription, ["count": "10", "pass": "80"]) == "10 questions, pass mark 80%")
    }

    @Test("the course survives a JSON round trip with its answer keys")
    func courseRoundTrip() throws {
        var question = Question(id: "q1", objective: "o1", kind: .classification, prompt: "", explanation: "why")
        question.utterance = "Tell me more about that."
        question.promptType = .cuedInvitation
        let bank = QuestionBank(module: "m", rules: AttemptRules(passMark: 80, timeLimitMinutes: 10, attemptsAllowed: 3, cooldownMinutes: 5, review: .afterPass),
                                draw: 1, spread: .objectives, questions: [question])
        let course = Course(title: "C", subtitle: "", publisher: "", languages: ["en"], defaultLanguage: "en", tracks: [], modules: [],
                            questionBanks: [bank], exams: [], rubrics: [], programmes: [], strings: [:], contentHash: "abc")
        let decoded = try JSONDecoder().decode(Course.self, from: JSONEncoder().encode(course))
        #expect(decoded == course)
        #expect(decoded.bank(for: "m")?.questions.first?.promptType == .cuedInvitation)
        #expect(decoded.formatVersion == Course.formatVersion)
    }
}
