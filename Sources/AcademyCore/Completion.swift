import Foundation

/// A certification as a completion record shows it.
public struct IssuedCertification: Sendable, Hashable {
    public var code: String
    public var held: HeldCertification

    public init(code: String, held: HeldCertification) {
        self.code = code
        self.held = held
    }
}

/// A trainee's attempts at one quiz or examination, summed up.
public struct AssessmentSummary: Sendable, Hashable {
    public var best: Int
    public var attempts: Int
    /// When the trainee first passed; nil when never.
    public var passedAt: Date?
    public var lastAt: Date

    public init(best: Int, attempts: Int, passedAt: Date?, lastAt: Date) {
        self.best = best
        self.attempts = attempts
        self.passedAt = passedAt
        self.lastAt = lastAt
    }
}

/// Everything a completion record is made from, for one trainee.
public struct TraineeActivity: Sendable {
    public var account: Account
    /// Codes of the cohorts the trainee belongs to.
    public var cohorts: [String]
    /// Lesson id → when studied.
    public var studied: [String: Date]
    /// `quiz:MODULE` / `exam:ID` → summary.
    public var assessments: [String: AssessmentSummary]
    public var certifications: [IssuedCertification]
    /// Pre- and post-tests taken, in the order submitted.
    public var tests: [TestTaken] = []
    /// Attendance marks of classroom sessions, by day.
    public var attendance: [SessionAttended] = []

    public init(account: Account, cohorts: [String], studied: [String: Date], assessments: [String: AssessmentSummary], certifications: [IssuedCertification]) {
        self.account = account
        self.cohorts = cohorts
        self.studied = studied
        self.assessments = assessments
        self.certifications = certifications
    }
}

/// A cohort's pre- or post-test as a trainee took it.
public struct TestTaken: Sendable, Hashable {
    public var cohort: String
    public var phase: CohortPhase
    /// The form's id (`pre-service-a`) and letter.
    public var form: String
    public var letter: String
    public var percent: Int
    public var startedAt: Date
    public var submittedAt: Date

    public init(cohort: String, phase: CohortPhase, form: String, letter: String, percent: Int, startedAt: Date, submittedAt: Date) {
        self.cohort = cohort
        self.phase = phase
        self.form = form
        self.letter = letter
        self.percent = percent
        self.startedAt = startedAt
        self.submittedAt = submittedAt
    }
}

/// One classroom session's attendance mark of a trainee.
public struct SessionAttended: Sendable, Hashable {
    public var cohort: String
    public var day: Day
    /// The module taught.
    public var session: String
    public var present: Bool
    public var reason: String

    public init(cohort: String, day: Day, session: String, present: Bool, reason: String) {
        self.cohort = cohort
        self.day = day
        self.session = session
        self.present = present
        self.reason = reason
    }
}

/// One row of a completion export: a trainee and a module, the track's examination, or a programme.
public struct CompletionRecord: Sendable, Hashable {
    /// `test`: a cohort's pre- or post-test (unit `COHORT/pre-test`); `attendance`: one classroom session
    /// (unit `COHORT/DAY/MODULE`).
    public enum Kind: String, Sendable, CaseIterable { case module, exam, programme, test, attendance }

    public enum Status: String, Sendable, CaseIterable {
        case notStarted = "not-started"
        case inProgress = "in-progress"
        /// Every lesson studied and the module quiz passed.
        case completed
        case passed
        case failed
        case certified
        case expired
        case revoked
        /// A pre- or post-test taken (it has no pass or fail).
        case taken
        /// A classroom session attended, or missed.
        case present
        case absent
    }

    public var login: String
    public var name: String
    public var cohorts: [String]
    public var track: String
    public var kind: Kind
    public var unit: String
    public var title: String
    public var lessonsStudied: Int
    public var lessonsTotal: Int
    public var startedAt: Date?
    public var completedAt: Date?
    /// Best score, percent.
    public var score: Int?
    public var attempts: Int
    public var status: Status
    public var certificationCode: String?
    public var certificationExpires: Date?
    /// The latest thing that happened on this row; the date filters look at it.
    public var lastActivity: Date?
    /// When the trainee last submitted the row's quiz or examination.
    public var lastAttemptAt: Date?
    /// When the trainee first passed the row's quiz or examination; nil when never.
    public var passedAt: Date?

    public init(
        login: String, name: String, cohorts: [String], track: String, kind: Kind, unit: String, title: String, lessonsStudied: Int,
        lessonsTotal: Int, startedAt: Date?, completedAt: Date?, score: Int?, attempts: Int, status: Status, certificationCode: String?,
        certificationExpires: Date?, lastActivity: Date?, lastAttemptAt: Date?, passedAt: Date? = nil
    ) {
        self.passedAt = passedAt
        self.login = login
        self.name = name
        self.cohorts = cohorts
        self.track = track
        self.kind = kind
        self.unit = unit
        self.title = title
        self.lessonsStudied = lessonsStudied
        self.lessonsTotal = lessonsTotal
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.score = score
        self.attempts = attempts
        self.status = status
        self.certificationCode = certificationCode
        self.certificationExpires = certificationExpires
        self.lastActivity = lastActivity
        self.lastAttemptAt = lastAttemptAt
    }
}

/// Turns a trainee's activity into completion records, in track order, then the programmes.
public enum Completions {
    public static func records(_ activity: TraineeActivity, course: Course, now: Date) -> [CompletionRecord] {
        let account = activity.account
        var rows: [CompletionRecord] = []
        let track = account.track.flatMap { course.track($0) }
        func row(_ kind: CompletionRecord.Kind, _ unit: String, _ title: String) -> CompletionRecord {
            CompletionRecord(
                login: account.login, name: account.name, cohorts: activity.cohorts, track: account.track ?? "", kind: kind, unit: unit, title: title,
                lessonsStudied: 0, lessonsTotal: 0, startedAt: nil, completedAt: nil, score: nil, attempts: 0, status: .notStarted,
                certificationCode: nil, certificationExpires: nil, lastActivity: nil, lastAttemptAt: nil
            )
        }
        for moduleID in track?.modules ?? [] {
            guard let module = course.module(moduleID) else { continue }
            var record = row(.module, module.id, module.title)
            record.lessonsTotal = module.lessons.count
            var first: Date?
            var last: Date?
            for lesson in module.lessons {
                guard let at = activity.studied[lesson.id] else { continue }
                record.lessonsStudied += 1
                if first == nil || at < first! { first = at }
                if last == nil || at > last! { last = at }
            }
            let hasQuiz = course.bank(for: module.id) != nil
            let quiz = activity.assessments[AssessmentRef.quiz(module: module.id).description]
            record.score = quiz?.best
            record.attempts = quiz?.attempts ?? 0
            record.lastAttemptAt = quiz?.lastAt
            record.passedAt = quiz?.passedAt
            record.startedAt = [first, quiz.map { $0.lastAt }].compactMap { $0 }.min()
            record.lastActivity = [last, quiz?.lastAt].compactMap { $0 }.max()
            let allStudied = record.lessonsStudied == record.lessonsTotal
            if allStudied, let last, !hasQuiz || quiz?.passedAt != nil {
                record.status = .completed
                record.completedAt = max(last, quiz?.passedAt ?? last)
            } else if record.lastActivity != nil {
                record.status = .inProgress
            }
            rows.append(record)
        }
        if let examID = track?.exam, let exam = course.exams.first(where: { $0.id == examID }) {
            var record = row(.exam, exam.id, exam.title)
            if let summary = activity.assessments[AssessmentRef.exam(exam.id).description] {
                record.score = summary.best
                record.attempts = summary.attempts
                record.status = summary.passedAt == nil ? .failed : .passed
                record.completedAt = summary.passedAt
                record.lastActivity = summary.lastAt
                record.lastAttemptAt = summary.lastAt
                record.passedAt = summary.passedAt
            }
            rows.append(record)
        }
        for certification in activity.certifications {
            let title = course.programmes.first { $0.id == certification.held.programme }?.title ?? certification.held.programme
            var record = row(.programme, certification.held.programme, title)
            record.completedAt = certification.held.issuedAt
            record.lastActivity = certification.held.revokedAt ?? certification.held.issuedAt
            record.certificationCode = certification.code
            record.certificationExpires = certification.held.expiresAt
            record.status = certification.held.revokedAt != nil ? .revoked
                : (certification.held.expiresAt.map { $0 <= now } ?? false) ? .expired : .certified
            rows.append(record)
        }
        for test in activity.tests {
            var record = row(.test, "\(test.cohort)/\(test.phase.rawValue)", "\(test.phase.rawValue) \(test.letter)")
            record.score = test.percent
            record.attempts = 1
            record.status = .taken
            record.startedAt = test.startedAt
            record.completedAt = test.submittedAt
            record.lastActivity = test.submittedAt
            record.lastAttemptAt = test.submittedAt
            rows.append(record)
        }
        for mark in activity.attendance {
            var record = row(.attendance, "\(mark.cohort)/\(mark.day)/\(mark.session)", course.module(mark.session)?.title ?? mark.session)
            record.status = mark.present ? .present : .absent
            record.startedAt = mark.day.start
            record.completedAt = mark.present ? mark.day.start : nil
            record.lastActivity = mark.day.start
            rows.append(record)
        }
        return rows
    }
}

/// What an export includes.
public struct CompletionFilter: Sendable, Hashable {
    public var cohort: String?
    public var track: String?
    /// Rows with activity on or after this day.
    public var since: Day?
    /// Rows with activity on or before this day.
    public var until: Day?

    public init(cohort: String? = nil, track: String? = nil, since: Day? = nil, until: Day? = nil) {
        self.cohort = cohort
        self.track = track
        self.since = since
        self.until = until
    }

    /// With a date range, only rows with activity inside it; without one, every row.
    public func includes(_ record: CompletionRecord) -> Bool {
        guard since != nil || until != nil else { return true }
        guard let at = record.lastActivity else { return false }
        if let since, at < since.start { return false }
        if let until, at >= Day(daysSinceEpoch: until.daysSinceEpoch + 1).start { return false }
        return true
    }
}
