/// The five prompt types of the structured interview protocol, from most to least open.
public enum PromptType: String, Codable, Sendable, CaseIterable {
    case invitation
    case cuedInvitation = "cued-invitation"
    case directive
    case optionPosing = "option-posing"
    case suggestive
}

public enum QuestionKind: String, Codable, Sendable, CaseIterable {
    /// Exactly one correct choice.
    case single
    /// One or more correct choices; partial credit.
    case multiple
    case trueFalse = "true-false"
    /// Items to put in order; stored in the correct order.
    case ordering
    /// Left items to pair with right items; stored paired correctly.
    case matching
    /// Prompt classification: which type is this interviewer's utterance?
    case classification
}

/// When a trainee may see the correct answers and explanations of an attempt.
public enum ReviewPolicy: String, Codable, Sendable, CaseIterable {
    case immediately
    case afterPass = "after-pass"
    case never
}

public struct Choice: Codable, Sendable, Hashable {
    public var text: String
    public var correct: Bool
    public var feedback: String?

    public init(text: String, correct: Bool, feedback: String?) {
        self.text = text
        self.correct = correct
        self.feedback = feedback
    }
}

public struct MatchPair: Codable, Sendable, Hashable {
    public var left: String
    public var right: String

    public init(left: String, right: String) {
        self.left = left
        self.right = right
    }
}

/// A question with its answer key. It lives in `course.json` and the database, never in the static site.
public struct Question: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var objective: String
    public var kind: QuestionKind
    public var prompt: String
    public var explanation: String
    /// `single` and `multiple`.
    public var choices: [Choice]?
    /// `true-false`.
    public var answer: Bool?
    /// `ordering`, in the correct order.
    public var items: [String]?
    /// `matching`, correctly paired.
    public var pairs: [MatchPair]?
    /// `classification`: what the child has said, the interviewer's utterance, and its type.
    public var context: String?
    public var utterance: String?
    public var promptType: PromptType?
    /// Shown on a wrong answer for kinds without per-choice feedback.
    public var feedback: String?
    /// In a course localized to another language: how its translation stands (nil in the English).
    public var translation: TranslationState?

    public init(id: String, objective: String, kind: QuestionKind, prompt: String, explanation: String) {
        self.id = id
        self.objective = objective
        self.kind = kind
        self.prompt = prompt
        self.explanation = explanation
    }
}

/// How an attempt is drawn from questions.
public enum DrawSpread: String, Codable, Sendable, CaseIterable {
    /// As evenly as possible across objectives.
    case objectives
    case random
    /// In the order written, every question: a fixed pre- or post-test form.
    case fixed
}

/// Rules shared by module quizzes and final examinations.
public struct AttemptRules: Codable, Sendable, Hashable {
    /// Percent needed to pass.
    public var passMark: Int
    public var timeLimitMinutes: Int
    public var attemptsAllowed: Int
    public var cooldownMinutes: Int
    public var review: ReviewPolicy

    public init(passMark: Int, timeLimitMinutes: Int, attemptsAllowed: Int, cooldownMinutes: Int, review: ReviewPolicy) {
        self.passMark = passMark
        self.timeLimitMinutes = timeLimitMinutes
        self.attemptsAllowed = attemptsAllowed
        self.cooldownMinutes = cooldownMinutes
        self.review = review
    }
}

/// A module's question bank.
public struct QuestionBank: Codable, Sendable, Hashable {
    public var module: String
    public var rules: AttemptRules
    public var draw: Int
    public var spread: DrawSpread
    public var questions: [Question]

    public init(module: String, rules: AttemptRules, draw: Int, spread: DrawSpread, questions: [Question]) {
        self.module = module
        self.rules = rules
        self.draw = draw
        self.spread = spread
        self.questions = questions
    }
}

/// A final examination drawn across banks.
public struct Exam: Codable, Sendable, Hashable, Identifiable {
    public struct Draw: Codable, Sendable, Hashable {
        public var bank: String
        public var count: Int

        public init(bank: String, count: Int) {
            self.bank = bank
            self.count = count
        }
    }

    /// What a trainee must have done before starting the examination, within its track.
    public struct Prerequisites: Codable, Sendable, Hashable {
        /// Every lesson of the track studied.
        public var lessonsStudied: Bool
        /// Every module quiz of the track passed.
        public var quizzesPassed: Bool

        public init(lessonsStudied: Bool = false, quizzesPassed: Bool = false) {
            self.lessonsStudied = lessonsStudied
            self.quizzesPassed = quizzesPassed
        }
    }

    public var id: String
    public var title: String
    public var track: String
    public var rules: AttemptRules
    public var draws: [Draw]
    public var prerequisites: Prerequisites

    public init(id: String, title: String, track: String, rules: AttemptRules, draws: [Draw], prerequisites: Prerequisites = .init()) {
        self.id = id
        self.title = title
        self.track = track
        self.rules = rules
        self.draws = draws
        self.prerequisites = prerequisites
    }
}

/// What stands between a trainee and an examination: the decision is Core's, the server only reads the
/// record and says what is missing.
public enum ExamReadiness: Equatable, Sendable {
    case ready
    /// The examination belongs to another track.
    case otherTrack(String)
    /// Lessons still to study (their count) and the modules whose quiz is not yet passed, in track order.
    case missing(lessonsToStudy: Int, quizzesToPass: [Module])

    public static func check(_ exam: Exam, course: Course, track: String?, studied: Set<String>, passedQuizzes: Set<String>) -> ExamReadiness {
        guard track == exam.track, let track = course.track(exam.track) else { return .otherTrack(exam.track) }
        let modules = track.modules.compactMap(course.module)
        let lessons = exam.prerequisites.lessonsStudied ? modules.flatMap(\.lessons).filter { !studied.contains($0.id) }.count : 0
        let quizzes = exam.prerequisites.quizzesPassed
            ? modules.filter { course.bank(for: $0.id) != nil && !passedQuizzes.contains($0.id) } : []
        return lessons == 0 && quizzes.isEmpty ? .ready : .missing(lessonsToStudy: lessons, quizzesToPass: quizzes)
    }
}

/// A fixed pre- or post-test form (`Assessments/tests/`): the same questions, in the same order, for every
/// trainee of a track, so that a cohort's scores before and after its training can be compared. Forms come
/// in parallel pairs (A and B) that test the same objectives with different questions.
public struct TestForm: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String
    public var track: String
    /// "A" or "B".
    public var form: String
    public var version: Int
    /// The form's parallel twin.
    public var parallel: String
    /// Bank question ids, in the order printed.
    public var items: [String]
    /// A digest of the items' full text and keys: it changes whenever any item does.
    public var fingerprint: String

    public init(id: String, title: String, track: String, form: String, version: Int, parallel: String, items: [String], fingerprint: String) {
        self.id = id
        self.title = title
        self.track = track
        self.form = form
        self.version = version
        self.parallel = parallel
        self.items = items
        self.fingerprint = fingerprint
    }

    /// The letter of the form an id names: a form's id ends in `-a` or `-b` after its letter (the content
    /// check refuses any other), so a stored attempt at `test:COHORT:FORM` says which form it was.
    public static func letter(ofID id: String) -> String {
        String(id.suffix(1)).uppercased()
    }
}
