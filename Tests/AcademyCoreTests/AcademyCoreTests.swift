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

    @Test("logins: a-z, 0-9, '.', '-' and '_', 2 to 64 characters, starting with a letter or digit", arguments: [
        ("cadet1", true), ("a.bekova", true), ("9th-unit_2", true), ("ab", true), (String(repeating: "a", count: 64), true),
        ("..", false), (".a", false), ("-a", false), ("_a", false), ("a", false), (String(repeating: "a", count: 65), false),
        ("Cadet", false), ("кадет", false), ("a b", false), ("a/b", false), ("", false),
    ])
    func logins(login: String, valid: Bool) {
        #expect(Account.isValidLogin(login) == valid)
    }

    @Test("hexString gives lowercase hex of every byte, as for SHA-256 of 'abc'")
    func hex() {
        #expect(hexString([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(hexString([UInt8]()) == "")
        let abc: [UInt8] = [0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
                            0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad]
        #expect(hexString(abc) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // A sequence that is not a collection (as a digest is) gives the same text.
        #expect(hexString(AnySequence(abc)) == hexString(abc))
    }

    @Test("UI strings fill in their placeholders")
    func formatting() {
        let strings = UIStrings(language: "en", values: ["quiz_description": "{count} questions, pass mark {pass}%"])
        #expect(strings.format(.quizDescription, ["count": "10", "pass": "80"]) == "10 questions, pass mark 80%")
        // A value is not searched for placeholders; one without an argument, or unclosed, stays.
        #expect(strings.format(.quizDescription, ["count": "{pass}", "pass": "80"]) == "{pass} questions, pass mark 80%")
        #expect(strings.format(.quizDescription, ["pass": "80"]) == "{count} questions, pass mark 80%")
        let odd = UIStrings(language: "ru", values: ["minutes": "{{count} мин {"])
        #expect(odd.format(.minutes, ["count": "5"]) == "{5 мин {")
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
