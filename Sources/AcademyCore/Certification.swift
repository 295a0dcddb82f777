import Foundation

extension Rubric {
    /// The result of applying the pass rule to one observed assessment.
    public struct Outcome: Sendable, Equatable {
        public var passed: Bool
        /// Why it did not pass, one per broken part of the rule; empty when it passed. Pages and the API
        /// put them in words with `UIStrings.shortfall(_:)`.
        public var shortfalls: [Shortfall]
        public var average: Double
    }

    /// A part of the pass rule that an observed assessment broke. `criterion` is the criterion's title.
    public enum Shortfall: Sendable, Equatable {
        /// A critical criterion scored below the critical minimum.
        case critical(criterion: String, score: Int, minimum: Int)
        /// The average is below the rule's minimum average.
        case average(Double, minimum: Double)
        /// A criterion scored below the minimum every criterion must reach.
        case belowEach(criterion: String, score: Int, minimum: Int)
        /// A criterion scored below the minimum the rule names for it.
        case belowOwn(criterion: String, score: Int, minimum: Int)
    }

    public enum ScoreError: Error, Sendable, Equatable, CustomStringConvertible {
        case missing(criterion: String)
        case unknown(criterion: String)
        case outOfScale(criterion: String, score: Int)
        case alwaysApplies(criterion: String)
        case scoredAndNotApplicable(criterion: String)

        public var description: String {
            switch self {
            case .missing(let criterion): "criterion '\(criterion)' has no score"
            case .unknown(let criterion): "the rubric has no criterion '\(criterion)'"
            case .outOfScale(let criterion, let score): "the score \(score) for '\(criterion)' is outside the scale"
            case .alwaysApplies(let criterion): "criterion '\(criterion)' always applies: it cannot be marked not applicable"
            case .scoredAndNotApplicable(let criterion): "criterion '\(criterion)' is both scored and marked not applicable"
            }
        }
    }

    /// Applies the pass rule: critical criteria at or above the critical minimum, the average, every
    /// criterion's minimum, and the named criteria's own minimums. Every criterion must be scored, but
    /// those the assessor marked not applicable (only criteria that name when they may be), which the
    /// rule then leaves out: a single incident does not lower the average for "separating incidents".
    public func outcome(scores: [String: Int], notApplicable: Set<String> = []) throws(ScoreError) -> Outcome {
        for key in scores.keys.sorted() where !criteria.contains(where: { $0.id == key }) { throw .unknown(criterion: key) }
        for key in notApplicable.sorted() {
            guard let criterion = criteria.first(where: { $0.id == key }) else { throw .unknown(criterion: key) }
            guard criterion.notApplicableWhen != nil, !criterion.critical else { throw .alwaysApplies(criterion: key) }
            if scores[key] != nil { throw .scoredAndNotApplicable(criterion: key) }
        }
        let criteria = criteria.filter { !notApplicable.contains($0.id) }
        var values: [Int] = []
        for criterion in criteria {
            guard let score = scores[criterion.id] else { throw .missing(criterion: criterion.id) }
            guard (scaleMinimum...scaleMaximum).contains(score) else { throw .outOfScale(criterion: criterion.id, score: score) }
            values.append(score)
        }
        let average = values.isEmpty ? 0 : Double(values.reduce(0, +)) / Double(values.count)
        var shortfalls: [Shortfall] = []
        if let minimum = passRule.criticalMinimum {
            for criterion in criteria where criterion.critical && (scores[criterion.id] ?? 0) < minimum {
                shortfalls.append(.critical(criterion: criterion.title, score: scores[criterion.id] ?? 0, minimum: minimum))
            }
        }
        if let minimum = passRule.minimumAverage, average + 1e-9 < minimum {
            shortfalls.append(.average(average, minimum: minimum))
        }
        if let minimum = passRule.minimumEach {
            for criterion in criteria where (scores[criterion.id] ?? 0) < minimum {
                shortfalls.append(.belowEach(criterion: criterion.title, score: scores[criterion.id] ?? 0, minimum: minimum))
            }
        }
        for (id, minimum) in passRule.minimumScores.sorted(by: { $0.key < $1.key }) where !notApplicable.contains(id) && (scores[id] ?? 0) < minimum {
            let title = criteria.first { $0.id == id }?.title ?? id
            shortfalls.append(.belowOwn(criterion: title, score: scores[id] ?? 0, minimum: minimum))
        }
        return Outcome(passed: shortfalls.isEmpty, shortfalls: shortfalls, average: average)
    }
}

/// A certification someone holds (or held).
public struct HeldCertification: Codable, Sendable, Hashable {
    public var programme: String
    public var issuedAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?

    public init(programme: String, issuedAt: Date, expiresAt: Date?, revokedAt: Date?) {
        self.programme = programme
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    public enum Status: String, Codable, Sendable { case valid, expired, revoked }

    public func status(now: Date) -> Status {
        if revokedAt != nil { return .revoked }
        if let expiresAt, now >= expiresAt { return .expired }
        return .valid
    }
}

/// One observed practical assessment of a candidate.
public struct PracticalResult: Codable, Sendable, Hashable {
    public var rubric: String
    public var assessorID: Int64
    public var passed: Bool
    public var date: Date
    /// The stored assessment's id, which a certification issued on it names as its basis.
    public var id: Int64
    /// The programme the assessment was recorded for.
    public var programme: String

    public init(rubric: String, assessorID: Int64, passed: Bool, date: Date, id: Int64 = 0, programme: String = "") {
        self.rubric = rubric
        self.assessorID = assessorID
        self.passed = passed
        self.date = date
        self.id = id
        self.programme = programme
    }
}

/// What a candidate's record earns after an observed assessment.
public enum CertificationDecision: Sendable, Equatable {
    /// Nothing to issue (yet).
    case none
    /// Issue the programme's certification, resting on `basis` (practical ids); `renewing` is the
    /// current certification it renews.
    case issue(expiresAt: Date?, basis: [Int64], renewing: HeldCertification?)
}

/// Everything a candidate has done that a programme may ask for.
public struct CandidateRecord: Sendable {
    public var studiedLessons: Set<String>
    /// `quiz:MODULE` and `exam:ID` the candidate has passed.
    public var passedAssessments: Set<String>
    public var practicals: [PracticalResult]
    public var certifications: [HeldCertification]

    public init(studiedLessons: Set<String> = [], passedAssessments: Set<String> = [], practicals: [PracticalResult] = [],
                certifications: [HeldCertification] = []) {
        self.studiedLessons = studiedLessons
        self.passedAssessments = passedAssessments
        self.practicals = practicals
        self.certifications = certifications
    }

    public func holdsCurrent(_ programme: String, now: Date) -> Bool {
        certifications.contains { $0.programme == programme && $0.status(now: now) == .valid }
    }
}

/// Evaluates candidates against programmes, and says what is missing: pages and the API put each
/// requirement in the reader's words with `UIStrings.requirement(_:)`.
public enum CertificationPolicy {
    /// One requirement of a programme and how far the candidate has got. Titles are the course's.
    public enum Requirement: Sendable, Equatable {
        case lessons(studied: Int, total: Int)
        case quizzes(passed: Int, total: Int)
        case exam(title: String, passed: Bool)
        /// `distinctAssessors` above 1 asks for that many different assessors among the passes.
        case practical(rubric: String, passes: Int, required: Int, assessors: Int, distinctAssessors: Int)
        case certification(programme: String, held: Bool)
    }

    public struct Item: Sendable, Equatable {
        public var met: Bool
        public var requirement: Requirement
    }

    public struct Evaluation: Sendable, Equatable {
        public var items: [Item]
        public var met: Bool { items.allSatisfy(\.met) }
        /// The unmet items' requirements.
        public var missing: [Requirement] { items.filter { !$0.met }.map(\.requirement) }
    }

    /// - Parameter renewal: evaluate the programme's renewal rule instead of its first requirements.
    public static func evaluate(_ candidate: CandidateRecord, for programme: Programme, in course: Course, now: Date, renewal: Bool = false) -> Evaluation {
        let requirements = renewal ? (programme.renewal ?? programme.requires) : programme.requires
        var items: [Item] = []
        let track = course.track(programme.track)
        let modules = track?.modules.compactMap(course.module) ?? []
        if requirements.lessonsStudied {
            let lessons = modules.flatMap(\.lessons).map(\.id)
            let done = lessons.filter(candidate.studiedLessons.contains).count
            items.append(Item(met: done == lessons.count, requirement: .lessons(studied: done, total: lessons.count)))
        }
        if requirements.quizzesPassed {
            let quizzes = modules.filter { course.bank(for: $0.id) != nil }.map { "quiz:\($0.id)" }
            let passed = quizzes.filter(candidate.passedAssessments.contains).count
            items.append(Item(met: passed == quizzes.count, requirement: .quizzes(passed: passed, total: quizzes.count)))
        }
        for exam in requirements.examsPassed {
            let title = course.exams.first { $0.id == exam }?.title ?? exam
            let passed = candidate.passedAssessments.contains("exam:\(exam)")
            items.append(Item(met: passed, requirement: .exam(title: title, passed: passed)))
        }
        for practical in requirements.practicals {
            let title = course.rubrics.first { $0.id == practical.rubric }?.title ?? practical.rubric
            let passes = candidate.practicals.filter { $0.rubric == practical.rubric && $0.passed }
            let assessors = Set(passes.map(\.assessorID)).count
            let requirement = Requirement.practical(
                rubric: title, passes: min(passes.count, practical.passes), required: practical.passes,
                assessors: min(assessors, practical.distinctAssessors), distinctAssessors: practical.distinctAssessors
            )
            items.append(Item(met: passes.count >= practical.passes && assessors >= practical.distinctAssessors, requirement: requirement))
        }
        for required in requirements.certifications {
            let title = course.programmes.first { $0.id == required }?.title ?? required
            let held = candidate.holdsCurrent(required, now: now)
            items.append(Item(met: held, requirement: .certification(programme: title, held: held)))
        }
        return Evaluation(items: items)
    }

    /// Whether someone may assess this programme's practicals for `candidate`: they hold a current
    /// certification the programme names as assessor qualification, and they are not the candidate.
    public static func mayAssess(assessorID: Int64, assessorCertifications: [HeldCertification], candidateID: Int64, programme: Programme, now: Date) -> Bool {
        guard assessorID != candidateID else { return false }
        return programme.assessors.contains { qualification in
            assessorCertifications.contains { $0.programme == qualification && $0.status(now: now) == .valid }
        }
    }

    /// When a certification issued at `issuedAt` expires: the programme's validity in calendar months.
    public static func expiry(of programme: Programme, issuedAt: Date, calendar: Calendar = Calendar(identifier: .gregorian)) -> Date? {
        programme.validityMonths.flatMap { calendar.date(byAdding: .month, value: $0, to: issuedAt) }
    }

    /// Whether `candidate` now earns `programme`'s certification: by its requirements when they hold
    /// none, or by its renewal rule, on assessments made since, when they hold a current one within
    /// the renewal window (renewed from the old expiry).
    public static func decide(_ candidate: CandidateRecord, for programme: Programme, in course: Course, now: Date) -> (CertificationDecision, Evaluation) {
        let current = candidate.certifications
            .filter { $0.programme == programme.id && $0.status(now: now) == .valid }
            .max { $0.issuedAt < $1.issuedAt }
        guard let current else {
            let evaluation = evaluate(candidate, for: programme, in: course, now: now)
            guard evaluation.met else { return (.none, evaluation) }
            let basis = candidate.practicals.filter { $0.programme == programme.id && $0.passed }.map(\.id)
            return (.issue(expiresAt: expiry(of: programme, issuedAt: now), basis: basis, renewing: nil), evaluation)
        }
        var since = candidate
        since.practicals = candidate.practicals.filter { $0.date > current.issuedAt }
        let evaluation = evaluate(since, for: programme, in: course, now: now, renewal: true)
        guard programme.renewal != nil, evaluation.met, mayRenew(current, now: now) else { return (.none, evaluation) }
        let basis = since.practicals.filter { $0.programme == programme.id && $0.passed }.map(\.id)
        return (.issue(expiresAt: expiry(of: programme, issuedAt: current.expiresAt ?? now), basis: basis, renewing: current), evaluation)
    }

    /// How long before expiry a holder may renew by the programme's renewal rule.
    public static let renewalWindowDays = 180

    /// Whether `current` may be renewed now: it is valid and expires within the renewal window.
    public static func mayRenew(_ current: HeldCertification, now: Date) -> Bool {
        expiresSoon(current, now: now, days: renewalWindowDays)
    }

    /// True within `days` before expiry: the dashboard warns then.
    public static func expiresSoon(_ certification: HeldCertification, now: Date, days: Int = 60) -> Bool {
        guard certification.status(now: now) == .valid, let expiresAt = certification.expiresAt else { return false }
        return expiresAt.timeIntervalSince(now) <= TimeInterval(days * 86_400)
    }
}
