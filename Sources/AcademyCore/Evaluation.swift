import Foundation

// Programme evaluation at Kirkpatrick levels 1 (reaction: the course feedback) and 2 (learning: the pre-
// and post-tests). The server records; these types decide, so that the statistics are computed in one
// place and checked in tests against values worked out by hand.

/// The steps of a cohort that its instructors open and close.
public enum CohortPhase: String, Codable, Sendable, CaseIterable {
    /// The pre-test, at the cohort's start.
    case preTest = "pre-test"
    /// The post-test, at its end: each trainee takes the form they did not take before.
    case postTest = "post-test"
    /// The anonymous course feedback.
    case feedback
}

/// When a cohort's phase was opened and closed.
public struct PhaseState: Codable, Sendable, Hashable {
    public var phase: CohortPhase
    public var openedAt: Date
    public var closedAt: Date?

    public init(phase: CohortPhase, openedAt: Date, closedAt: Date?) {
        self.phase = phase
        self.openedAt = openedAt
        self.closedAt = closedAt
    }

    public var isOpen: Bool { closedAt == nil }
}

/// Which form a trainee takes first. Counterbalancing: half a cohort takes form A before, B after; the
/// other half the reverse, so that a difference between the forms does not pass for learning.
public enum FormOrder: String, Codable, Sendable, CaseIterable {
    case aFirst = "A"
    case bFirst = "B"

    /// The form letter of a phase.
    public func form(for phase: CohortPhase) -> String? {
        switch phase {
        case .preTest: rawValue
        case .postTest: self == .aFirst ? "B" : "A"
        case .feedback: nil
        }
    }

    /// The phase in which a trainee of this order takes the form `id`.
    public func phase(ofForm id: String) -> CohortPhase {
        TestForm.letter(ofID: id) == form(for: .preTest) ? .preTest : .postTest
    }

    /// The order that keeps a cohort balanced: the one fewer of its members have so far (A on a tie).
    public static func balancing(_ taken: [FormOrder]) -> FormOrder {
        let aFirst = taken.count { $0 == .aFirst }
        return aFirst <= taken.count - aFirst ? .aFirst : .bFirst
    }
}

/// One attendance mark: a trainee at one classroom session (a day and a module) of a cohort.
public struct AttendanceMark: Codable, Sendable, Hashable {
    public var login: String
    public var day: String
    /// The module taught that session.
    public var session: String
    public var present: Bool
    /// Why the trainee was absent (empty when present or not given).
    public var reason: String

    public init(login: String, day: String, session: String, present: Bool, reason: String) {
        self.login = login
        self.day = day
        self.session = session
        self.present = present
        self.reason = reason
    }
}

// MARK: Course feedback

/// The end-of-course survey: four statements rated 1 (strongly disagree) to 5 (strongly agree) and two
/// open questions. Its answers are anonymous: nothing stored with an answer names who gave it.
public enum FeedbackSurvey {
    public static let ratingItems = ["relevance", "clarity", "confidence", "instructors"]
    public static let textItems = ["most-useful", "to-change"]
    public static let scale = 1...5
    /// Results of fewer answers than this are not shown: with three answers, a trainee's neighbours can
    /// guess who wrote which.
    public static let minimumToShow = 5
    /// The longest free-text answer kept, in characters.
    public static let maximumTextLength = 2_000

    /// One trainee's answers. Every rating is required; the open questions may be left empty.
    public struct Answer: Codable, Sendable, Hashable {
        public var ratings: [String: Int]
        public var texts: [String: String]

        public init(ratings: [String: Int], texts: [String: String]) {
            self.ratings = ratings
            self.texts = texts
        }
    }

    /// What is wrong with a filled-in survey, per field: a rating missing or out of range, a text too long.
    public static func problems(_ answer: Answer) -> [String: FeedbackProblem] {
        var problems: [String: FeedbackProblem] = [:]
        for item in ratingItems {
            guard let rating = answer.ratings[item] else { problems[item] = .ratingMissing; continue }
            if !scale.contains(rating) { problems[item] = .ratingOutOfRange }
        }
        for item in textItems where (answer.texts[item]?.count ?? 0) > maximumTextLength { problems[item] = .textTooLong }
        return problems
    }
}

public enum FeedbackProblem: Sendable, Equatable {
    case ratingMissing, ratingOutOfRange, textTooLong
}

/// How a cohort (or a period) answered the survey: per statement, the count of each rating and the mean;
/// the free text, in no particular order. Empty when fewer than `FeedbackSurvey.minimumToShow` answered.
public struct FeedbackSummary: Sendable, Equatable {
    public struct Distribution: Sendable, Equatable {
        public var item: String
        /// counts[0] is the number of 1s, counts[4] of 5s.
        public var counts: [Int]
        public var mean: Double
    }

    public var answered: Int
    /// False when too few answered for the results to be shown.
    public var shown: Bool
    public var distributions: [Distribution]
    /// Each open question's non-empty answers, sorted so that their order says nothing of who wrote them.
    public var texts: [String: [String]]

    /// From counts already summed: statement → counts of the ratings 1 to 5; open question → answers.
    public init(answered: Int, ratings: [String: [Int]], texts: [String: [String]]) {
        self.answered = answered
        shown = answered >= FeedbackSurvey.minimumToShow
        guard shown else {
            distributions = []
            self.texts = [:]
            return
        }
        distributions = FeedbackSurvey.ratingItems.map { item in
            let counts = ratings[item] ?? Array(repeating: 0, count: FeedbackSurvey.scale.count)
            let rated = counts.reduce(0, +)
            let sum = counts.enumerated().reduce(0) { $0 + $1.element * ($1.offset + FeedbackSurvey.scale.lowerBound) }
            return Distribution(item: item, counts: counts, mean: rated == 0 ? 0 : Double(sum) / Double(rated))
        }
        var kept: [String: [String]] = [:]
        for item in FeedbackSurvey.textItems {
            kept[item] = (texts[item] ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }.sorted()
        }
        self.texts = kept
    }

    /// From the answers themselves: counted here, then as above.
    public init(_ answers: [FeedbackSurvey.Answer]) {
        var ratings: [String: [Int]] = [:]
        for item in FeedbackSurvey.ratingItems {
            var counts = Array(repeating: 0, count: FeedbackSurvey.scale.count)
            for answer in answers {
                guard let rating = answer.ratings[item], FeedbackSurvey.scale.contains(rating) else { continue }
                counts[rating - FeedbackSurvey.scale.lowerBound] += 1
            }
            ratings[item] = counts
        }
        var texts: [String: [String]] = [:]
        for item in FeedbackSurvey.textItems { texts[item] = answers.compactMap { $0.texts[item] } }
        self.init(answered: answers.count, ratings: ratings, texts: texts)
    }
}

// MARK: Pre- and post-tests

/// What a cohort learned, from the scores (percent) of the trainees who took both tests.
///
/// - mean gain: the mean of post − pre;
/// - normalised gain (Hake's class-average g): (mean post − mean pre) / (100 − mean pre), the share of the
///   possible improvement that was made; nil when the mean pre-test score is already 100;
/// - paired effect size (Cohen's d_z): mean gain / standard deviation of the gains (n − 1), with a 95%
///   confidence interval d_z ± t(0.975, n − 1) · √(1/n + d_z²/(2n)); nil for fewer than two pairs or gains
///   that do not vary;
/// - share reaching the pass level: post-test scores at or above the pass mark.
public struct LearningGain: Sendable, Equatable {
    public var pairs: Int
    public var meanPre: Double
    public var meanPost: Double
    public var meanGain: Double
    public var standardDeviationOfGain: Double?
    public var normalisedGain: Double?
    public var effectSize: Double?
    public var confidenceInterval: ClosedRange<Double>?
    public var shareReachingPass: Double
    /// Trainees with a pre-test score only, and with a post-test score only (left out of the pairs).
    public var preOnly: Int
    public var postOnly: Int

    /// - Parameters:
    ///   - pre: trainee → pre-test percent; post: trainee → post-test percent.
    ///   - passMark: the pass level of a trainee's track.
    public init(pre: [String: Double], post: [String: Double], passMark: (String) -> Double) {
        let paired = pre.keys.filter { post[$0] != nil }.sorted().map { (pre: pre[$0]!, post: post[$0]!, passMark: passMark($0)) }
        pairs = paired.count
        preOnly = pre.count - paired.count
        postOnly = post.count - paired.count
        guard !paired.isEmpty else {
            meanPre = 0; meanPost = 0; meanGain = 0; shareReachingPass = 0
            return
        }
        let n = Double(paired.count)
        meanPre = paired.map(\.pre).reduce(0, +) / n
        meanPost = paired.map(\.post).reduce(0, +) / n
        let gains = paired.map { $0.post - $0.pre }
        meanGain = gains.reduce(0, +) / n
        normalisedGain = meanPre < 100 ? (meanPost - meanPre) / (100 - meanPre) : nil
        shareReachingPass = Double(paired.count { $0.post >= $0.passMark }) / n
        guard paired.count >= 2 else { return }
        let variance = gains.map { ($0 - meanGain) * ($0 - meanGain) }.reduce(0, +) / (n - 1)
        let deviation = variance.squareRoot()
        standardDeviationOfGain = deviation
        guard deviation > 0 else { return }
        let d = meanGain / deviation
        effectSize = d
        let standardError = (1 / n + d * d / (2 * n)).squareRoot()
        let t = Self.tQuantile975(degreesOfFreedom: paired.count - 1)
        confidenceInterval = (d - t * standardError)...(d + t * standardError)
    }

    /// The 0.975 quantile of Student's t distribution (two-sided 95%), from the standard table; between
    /// tabulated degrees of freedom above 30 it takes the next lower entry, which errs wide.
    public static func tQuantile975(degreesOfFreedom df: Int) -> Double {
        let table: [Double] = [
            12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
            2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
        ]
        if df < 1 { return .infinity }
        if df <= 30 { return table[df - 1] }
        if df < 40 { return 2.042 }
        if df < 60 { return 2.021 }
        if df < 120 { return 2.000 }
        if df < 1000 { return 1.980 }
        return 1.960
    }
}

/// Per objective, the share of the test items answered right before and after (pre- and post-test
/// items of the objective pooled across forms): an objective whose share does not rise is one the
/// teaching did not move.
public struct ObjectiveGain: Sendable, Equatable {
    public var objective: String
    public var pre: Double
    public var post: Double
    public var preItems: Int
    public var postItems: Int
    public var gain: Double { post - pre }

    public init(objective: String, pre: Double, post: Double, preItems: Int, postItems: Int) {
        self.objective = objective
        self.pre = pre
        self.post = post
        self.preItems = preItems
        self.postItems = postItems
    }

    /// From the summed scores of the pre-tests and of the post-tests: objective → (sum of item scores
    /// 0...1, number of items), in objective order.
    public static func compute(pre: [String: (score: Double, items: Int)], post: [String: (score: Double, items: Int)]) -> [ObjectiveGain] {
        Set(pre.keys).union(post.keys).sorted().map { objective in
            let before = pre[objective] ?? (0, 0), after = post[objective] ?? (0, 0)
            return ObjectiveGain(objective: objective, pre: before.items == 0 ? 0 : before.score / Double(before.items),
                                 post: after.items == 0 ? 0 : after.score / Double(after.items), preItems: before.items, postItems: after.items)
        }
    }
}
