import Foundation

/// A trainee's answer to one question. Options are named by their index in the question as written
/// (not as shown), so an answer means the same whatever order the options were shuffled into.
///
/// In JSON an answer is an object with one key: `{"choice": 2}`, `{"choices": [0, 3]}`, `{"truth": false}`,
/// `{"order": [2, 0, 1]}`, `{"matches": [1, 0, 2]}` or `{"prompt_type": "cued-invitation"}`.
public enum Answer: Codable, Sendable, Hashable {
    case choice(Int)
    case choices([Int])
    case truth(Bool)
    /// Item indices, in the order the trainee put them.
    case order([Int])
    /// For each left item (by index), the index of the pair whose right side the trainee matched to it.
    case matches([Int])
    case promptType(PromptType)
}

extension Answer {
    enum CodingKeys: String, CodingKey {
        case choice, choices, truth, order, matches
        case promptType = "prompt_type"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "an answer has exactly one of: choice, choices, truth, order, matches, prompt_type"
            ))
        }
        // Each value checked here, so that an error says what the field must hold.
        func value<T: Decodable>(_ type: T.Type, _ what: String) throws -> T {
            do {
                return try container.decode(T.self, forKey: key)
            } catch {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "'\(key.stringValue)' must be \(what)")
            }
        }
        switch key {
        case .choice: self = .choice(try value(Int.self, "a whole number"))
        case .choices: self = .choices(try value([Int].self, "an array of whole numbers"))
        case .truth: self = .truth(try value(Bool.self, "true or false"))
        case .order: self = .order(try value([Int].self, "an array of whole numbers"))
        case .matches: self = .matches(try value([Int].self, "an array of whole numbers"))
        case .promptType:
            let name = try value(String.self, "a prompt type's name")
            guard let type = PromptType(rawValue: name) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container,
                    debugDescription: "'prompt_type' must be one of: " + PromptType.allCases.map(\.rawValue).joined(separator: ", ")
                )
            }
            self = .promptType(type)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .choice(let value): try container.encode(value, forKey: .choice)
        case .choices(let value): try container.encode(value, forKey: .choices)
        case .truth(let value): try container.encode(value, forKey: .truth)
        case .order(let value): try container.encode(value, forKey: .order)
        case .matches(let value): try container.encode(value, forKey: .matches)
        case .promptType(let value): try container.encode(value, forKey: .promptType)
        }
    }
}


/// Why an answer cannot be graded for a question: reported to the client as a 400 naming the question.
public enum AnswerError: Error, Sendable, Equatable, CustomStringConvertible {
    case wrongKind(question: String, expected: QuestionKind)
    case outOfRange(question: String)

    public var description: String {
        switch self {
        case .wrongKind(let question, let expected): "the answer to '\(question)' must be a \(expected.rawValue) answer"
        case .outOfRange(let question): "the answer to '\(question)' names an option the question does not have"
        }
    }
}

/// Grading rules, one per question kind. Every score is between 0 and 1.
///
/// - single choice, true/false, classification: 1 when right, else 0.
/// - multiple choice: partial credit. Each correct option chosen earns 1/k (k = number of correct
///   options); each wrong option chosen takes 1/k away; the score never goes below 0. So choosing every
///   option never beats choosing the right ones.
/// - ordering: 1 only when every item is in its place (a half-right sequence is a wrong sequence).
/// - matching: the share of left items matched to their own right side.
public enum Grader {
    public static func score(_ question: Question, answer: Answer?) throws(AnswerError) -> Double {
        guard let answer else { return 0 }
        switch (question.kind, answer) {
        case (.single, .choice(let index)):
            let choices = question.choices ?? []
            guard choices.indices.contains(index) else { throw .outOfRange(question: question.id) }
            return choices[index].correct ? 1 : 0
        case (.multiple, .choices(let indices)):
            let choices = question.choices ?? []
            let chosen = Set(indices)
            guard chosen.allSatisfy(choices.indices.contains) else { throw .outOfRange(question: question.id) }
            let correct = choices.indices.filter { choices[$0].correct }
            guard !correct.isEmpty else { return 0 }
            let right = chosen.filter { choices[$0].correct }.count
            let wrong = chosen.count - right
            return max(0, Double(right - wrong) / Double(correct.count))
        case (.trueFalse, .truth(let value)):
            return value == question.answer ? 1 : 0
        case (.ordering, .order(let order)):
            let count = question.items?.count ?? 0
            guard order.count == count, Set(order) == Set(0..<count) else { throw .outOfRange(question: question.id) }
            return order == Array(0..<count) ? 1 : 0
        case (.matching, .matches(let matches)):
            let count = question.pairs?.count ?? 0
            guard matches.count == count, matches.allSatisfy((0..<count).contains) else { throw .outOfRange(question: question.id) }
            guard count > 0 else { return 0 }
            return Double(matches.enumerated().filter { $0.offset == $0.element }.count) / Double(count)
        case (.classification, .promptType(let type)):
            return type == question.promptType ? 1 : 0
        default:
            throw .wrongKind(question: question.id, expected: question.kind)
        }
    }

    /// The whole-attempt percentage, rounded down, from per-question scores.
    public static func percent(_ scores: [Double]) -> Int {
        guard !scores.isEmpty else { return 0 }
        return Int((scores.reduce(0, +) / Double(scores.count) * 100 + 1e-9).rounded(.down))
    }
}

/// A graded answer, as stored for review and for reports on question difficulty and objective mastery.
public struct GradedAnswer: Sendable, Hashable {
    public var question: String
    public var objective: String
    public var answer: Answer?
    public var score: Double

    public init(question: String, objective: String, answer: Answer?, score: Double) {
        self.question = question
        self.objective = objective
        self.answer = answer
        self.score = score
    }
}

/// What grading an attempt decided: the graded answers, the percentage (nil for a late submission,
/// recorded as expired) and whether it passed.
public struct GradedSubmission: Sendable {
    public var answers: [GradedAnswer]
    public var percent: Int?
    public var passed: Bool

    public init(answers: [GradedAnswer], percent: Int?, passed: Bool) {
        self.answers = answers
        self.percent = percent
        self.passed = passed
    }
}

/// Why a submission cannot be graded.
public enum SubmissionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An answer to a question the attempt did not draw.
    case notDrawn(question: String)
    case invalidAnswer(question: String, reason: AnswerError)
    /// The course no longer has the assessment the attempt was drawn from.
    case assessmentRemoved

    public var description: String {
        switch self {
        case .notDrawn(let question): "question '\(question)' is not part of this attempt"
        case .invalidAnswer(_, let reason): reason.description
        case .assessmentRemoved: "this assessment is no longer in the course"
        }
    }

    /// The question the error is about, if any.
    public var question: String? {
        switch self {
        case .notDrawn(let question), .invalidAnswer(let question, _): question
        case .assessmentRemoved: nil
        }
    }
}

extension Grader {
    /// Grades a submission of `attempt` against the questions it was drawn from. A submission after the
    /// time limit and its grace is expired: no answers, no percentage, not passed.
    public static func grade(
        _ attempt: AttemptRecord, questions: [String: Question], passMark: Int, answers: [String: Answer], now: Date
    ) throws(SubmissionError) -> GradedSubmission {
        // The first stray id in sorted order, so the error is the same whatever the dictionary's order.
        if let stray = answers.keys.filter({ id in !attempt.questions.contains { $0.id == id } }).min() {
            throw .notDrawn(question: stray)
        }
        var graded: [GradedAnswer] = []
        for drawn in attempt.questions {
            guard let question = questions[drawn.id] else { continue }
            let answer = answers[question.id]
            do {
                graded.append(GradedAnswer(question: question.id, objective: question.objective, answer: answer, score: try score(question, answer: answer)))
            } catch {
                throw .invalidAnswer(question: question.id, reason: error)
            }
        }
        if now > attempt.deadline.addingTimeInterval(AttemptPolicy.grace) {
            return GradedSubmission(answers: [], percent: nil, passed: false)
        }
        let percent = percent(graded.map(\.score))
        return GradedSubmission(answers: graded, percent: percent, passed: percent >= passMark)
    }
}
