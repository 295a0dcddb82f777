import Foundation

/// What an attempt is of: a module's quiz or a track's final examination.
public enum AssessmentRef: Hashable, Sendable, CustomStringConvertible {
    case quiz(module: String)
    case exam(String)
    /// A cohort's pre- or post-test: a fixed form (`Assessments/tests/`) taken within one cohort.
    case test(cohort: String, form: String)

    /// `quiz:legal-framework`, `exam:pre-service-final`: how the store and the API name it.
    public var description: String {
        switch self {
        case .quiz(let module): "quiz:\(module)"
        case .exam(let id): "exam:\(id)"
        case .test(let cohort, let form): "test:\(cohort):\(form)"
        }
    }

    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else { return nil }
        switch parts[0] {
        case "quiz": self = .quiz(module: parts[1])
        case "exam": self = .exam(parts[1])
        case "test":
            let names = parts[1].split(separator: ":", maxSplits: 1).map(String.init)
            guard names.count == 2, !names[0].isEmpty, !names[1].isEmpty else { return nil }
            self = .test(cohort: names[0], form: names[1])
        default: return nil
        }
    }
}

/// One attempt at a quiz or an examination, as stored.
public struct AttemptRecord: Codable, Sendable, Hashable, Identifiable {
    public enum Status: String, Codable, Sendable {
        case inProgress = "in-progress"
        case submitted
        /// Submitted after the time limit (and its grace), or never: graded as 0, counts as an attempt.
        case expired
    }

    public var id: Int64
    public var accountID: Int64
    public var assessment: String
    public var seed: UInt64
    public var questions: [DrawnQuestion]
    public var startedAt: Date
    public var deadline: Date
    public var submittedAt: Date?
    public var percent: Int?
    public var passed: Bool?
    /// The course's content hash when the attempt was drawn.
    public var contentHash: String

    public init(
        id: Int64, accountID: Int64, assessment: String, seed: UInt64, questions: [DrawnQuestion], startedAt: Date,
        deadline: Date, submittedAt: Date?, percent: Int?, passed: Bool?, contentHash: String
    ) {
        self.id = id
        self.accountID = accountID
        self.assessment = assessment
        self.seed = seed
        self.questions = questions
        self.startedAt = startedAt
        self.deadline = deadline
        self.submittedAt = submittedAt
        self.percent = percent
        self.passed = passed
        self.contentHash = contentHash
    }

    public func status(now: Date) -> Status {
        if submittedAt != nil { return percent == nil ? .expired : .submitted }
        return now > deadline.addingTimeInterval(AttemptPolicy.grace) ? .expired : .inProgress
    }
}

/// The rules for starting and submitting attempts.
public enum AttemptPolicy {
    /// Network delay allowed after the time limit before a submission counts as late.
    public static let grace: TimeInterval = 120

    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case alreadyPassed
        case noAttemptsLeft(allowed: Int)
        case coolingDown(until: Date)

        public var description: String {
            switch self {
            case .alreadyPassed: "you have already passed this assessment"
            case .noAttemptsLeft(let allowed): "all \(allowed) attempts have been used"
            case .coolingDown(let until): "the next attempt opens at \(until.formatted(.iso8601))"
            }
        }
    }

    /// Whether a new attempt may start, given the earlier ones (an attempt still in progress is
    /// resumed rather than started again, so the caller checks for one first).
    public static func checkStart(previous: [AttemptRecord], rules: AttemptRules, now: Date) throws(Refusal) {
        if previous.contains(where: { $0.passed == true }) { throw .alreadyPassed }
        if previous.count >= rules.attemptsAllowed { throw .noAttemptsLeft(allowed: rules.attemptsAllowed) }
        if let last = previous.map({ $0.submittedAt ?? $0.deadline }).max() {
            let opens = last.addingTimeInterval(TimeInterval(rules.cooldownMinutes * 60))
            if now < opens { throw .coolingDown(until: opens) }
        }
    }

    /// Whether answers and explanations may be shown after an attempt.
    public static func mayReview(_ review: ReviewPolicy, passed: Bool) -> Bool {
        switch review {
        case .immediately: true
        case .afterPass: passed
        case .never: false
        }
    }
}
