import AcademyCore
import Foundation
import Testing

@Suite("Grading and drawing")
struct GradingTests {
    static func question(_ kind: QuestionKind) -> Question {
        var question = Question(id: "q", objective: "o", kind: kind, prompt: "p", explanation: "e")
        switch kind {
        case .single: question.choices = [Choice(text: "a", correct: false, feedback: "f"), Choice(text: "b", correct: true, feedback: nil)]
        case .multiple: question.choices = [Choice(text: "a", correct: true, feedback: nil), Choice(text: "b", correct: true, feedback: nil),
                                            Choice(text: "c", correct: false, feedback: "f"), Choice(text: "d", correct: false, feedback: "f")]
        case .trueFalse: question.answer = false
        case .ordering: question.items = ["1", "2", "3"]
        case .matching: question.pairs = [MatchPair(left: "a", right: "1"), MatchPair(left: "b", right: "2"), MatchPair(left: "c", right: "3"), MatchPair(left: "d", right: "4")]
        case .classification: question.promptType = .optionPosing
        }
        return question
    }

    @Test("every kind is graded by its rule", arguments: [
        (QuestionKind.single, Answer.choice(1), 1.0), (.single, .choice(0), 0),
        (.multiple, .choices([0, 1]), 1), (.multiple, .choices([0]), 0.5), (.multiple, .choices([0, 2]), 0),
        (.multiple, .choices([0, 1, 2]), 0.5), (.multiple, .choices([0, 1, 2, 3]), 0), (.multiple, .choices([2]), 0),
        (.trueFalse, .truth(false), 1), (.trueFalse, .truth(true), 0),
        (.ordering, .order([0, 1, 2]), 1), (.ordering, .order([1, 0, 2]), 0),
        (.matching, .matches([0, 1, 2, 3]), 1), (.matching, .matches([1, 0, 2, 3]), 0.5), (.matching, .matches([1, 2, 3, 0]), 0),
        (.classification, .promptType(.optionPosing), 1), (.classification, .promptType(.directive), 0),
    ])
    func grading(kind: QuestionKind, answer: Answer, expected: Double) throws {
        #expect(try Grader.score(Self.question(kind), answer: answer) == expected)
    }

    @Test("no answer scores 0")
    func unanswered() throws {
        for kind in QuestionKind.allCases { #expect(try Grader.score(Self.question(kind), answer: nil) == 0) }
    }

    @Test("answers of the wrong kind or naming missing options are refused", arguments: [
        (QuestionKind.single, Answer.truth(true)), (.single, .choice(7)), (.multiple, .choices([9])), (.ordering, .order([0, 0, 1])),
        (.ordering, .order([0, 1])), (.matching, .matches([0, 1, 2, 9])), (.classification, .choice(1)), (.trueFalse, .promptType(.directive)),
    ])
    func refused(kind: QuestionKind, answer: Answer) {
        #expect(throws: AnswerError.self) { try Grader.score(Self.question(kind), answer: answer) }
    }

    @Test("the attempt's percentage is the mean, rounded down")
    func percent() {
        #expect(Grader.percent([1, 1, 0.5]) == 83)
        #expect(Grader.percent([1, 0, 0]) == 33)
        #expect(Grader.percent([]) == 0)
        #expect(Grader.percent([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]) == 100)
    }

    @Test("answers read and write as one-key JSON objects")
    func answerJSON() throws {
        let answers: [Answer] = [.choice(2), .choices([0, 3]), .truth(false), .order([2, 0, 1]), .matches([1, 0]), .promptType(.cuedInvitation)]
        for answer in answers {
            #expect(try JSONDecoder().decode(Answer.self, from: JSONEncoder().encode(answer)) == answer)
        }
        #expect(try JSONDecoder().decode(Answer.self, from: Data(#"{"prompt_type":"option-posing"}"#.utf8)) == .promptType(.optionPosing))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Answer.self, from: Data(#"{"choice":1,"truth":true}"#.utf8)) }
    }

    static var bank: [Question] {
        (0..<12).map { index in
            var question = Self.question(.single)
            question.id = "q\(index)"
            question.objective = "o\(index % 4)"
            return question
        }
    }

    @Test("a draw is reproducible from its seed and different for another seed")
    func reproducible() {
        let plan = DrawPlan(parts: [.init(questions: Self.bank, count: 6, spread: .random)])
        #expect(plan.draw(seed: 42) == plan.draw(seed: 42))
        #expect(plan.draw(seed: 42) != plan.draw(seed: 43))
        #expect(Set(plan.draw(seed: 7).map(\.id)).count == 6)
    }

    @Test("a spread draw tests every objective before any twice", arguments: [1, 2, 3, 99])
    func spread(seed: UInt64) {
        let plan = DrawPlan(parts: [.init(questions: Self.bank, count: 6, spread: .objectives)])
        let objectives = plan.draw(seed: seed).map { id in Self.bank.first { $0.id == id.id }!.objective }
        let counts = Dictionary(grouping: objectives, by: { $0 }).mapValues(\.count)
        #expect(counts.count == 4)
        #expect(counts.values.allSatisfy { (1...2).contains($0) })
    }

    @Test("ordering questions are never shown already in order; choices are shuffled")
    func shuffling() {
        let plan = DrawPlan(parts: [.init(questions: [Self.question(.ordering)], count: 1, spread: .random)])
        for seed in UInt64(1)...50 {
            #expect(plan.draw(seed: seed).first?.order != [0, 1, 2])
        }
    }

    @Test("attempt rules: attempts allowed, cool-down, and no retake after a pass")
    func policy() {
        let rules = AttemptRules(passMark: 80, timeLimitMinutes: 10, attemptsAllowed: 2, cooldownMinutes: 30, review: .immediately)
        let start = Date(timeIntervalSince1970: 1_000_000)
        func attempt(passed: Bool, submittedAt: Date) -> AttemptRecord {
            AttemptRecord(id: 1, accountID: 1, assessment: "quiz:m", seed: 1, questions: [], startedAt: start, deadline: start.addingTimeInterval(600),
                          submittedAt: submittedAt, percent: passed ? 90 : 10, passed: passed, contentHash: "c")
        }
        #expect(throws: Never.self) { try AttemptPolicy.checkStart(previous: [], rules: rules, now: start) }
        let failed = attempt(passed: false, submittedAt: start.addingTimeInterval(300))
        #expect(throws: AttemptPolicy.Refusal.coolingDown(until: start.addingTimeInterval(300 + 1800))) {
            try AttemptPolicy.checkStart(previous: [failed], rules: rules, now: start.addingTimeInterval(600))
        }
        #expect(throws: Never.self) { try AttemptPolicy.checkStart(previous: [failed], rules: rules, now: start.addingTimeInterval(2200)) }
        #expect(throws: AttemptPolicy.Refusal.noAttemptsLeft(allowed: 2)) {
            try AttemptPolicy.checkStart(previous: [failed, failed], rules: rules, now: start.addingTimeInterval(100_000))
        }
        #expect(throws: AttemptPolicy.Refusal.alreadyPassed) {
            try AttemptPolicy.checkStart(previous: [attempt(passed: true, submittedAt: start)], rules: rules, now: start.addingTimeInterval(100_000))
        }
        #expect(AttemptPolicy.mayReview(.afterPass, passed: false) == false)
        #expect(AttemptPolicy.mayReview(.afterPass, passed: true))
        #expect(AttemptPolicy.mayReview(.never, passed: true) == false)
    }
}
