import AcademyCore
import AcademyStore
import Foundation

/// What one cohort's training, or a period's, achieved (Kirkpatrick levels 1 and 2) and what the Academy
/// holds for its roadmap's targets: enrolment and completion, attendance, quiz pass rates, pre/post gains,
/// feedback, certifications. Computed by the server from the store; the statistics are Core's.
struct ProgrammeReport: Sendable {
    struct QuizRate: Sendable {
        var module: String
        var attempted: Int
        var passed: Int
    }

    /// The cohorts the report covers: one, or those running within the period.
    var cohorts: [Cohort]
    var since: Day?
    var until: Day?
    var enrolled: Int
    /// Trainees who studied a lesson or submitted an attempt.
    var started: Int
    /// Trainees who studied every lesson of their track and passed every module quiz.
    var completed: Int
    var attendanceMarks: Int
    var attendancePresent: Int
    /// Classroom sessions (day and module) with attendance recorded.
    var sessions: Int
    var quizzes: [QuizRate]
    var gain: LearningGain
    var objectives: [ObjectiveGain]
    var feedback: FeedbackSummary
    var issued: Int
    var renewed: Int
    var revoked: Int
    var currentInstructors: Int
    var currentInterviewers: Int

    var attendanceRate: Double? { attendanceMarks == 0 ? nil : Double(attendancePresent) / Double(attendanceMarks) }

    /// Cohorts whose dates overlap the period (either end may be open).
    static func cohorts(_ all: [Cohort], since: Day?, until: Day?) -> [Cohort] {
        all.filter { cohort in
            (since.map { cohort.endsOn >= $0.description } ?? true) && (until.map { cohort.startsOn <= $0.description } ?? true)
        }
    }

    static func build(services: AcademyServices, cohorts: [Cohort], since: Day?, until: Day?, now: Date = Date()) async throws -> ProgrammeReport {
        let store = services.store
        let course = services.course
        var trackLessons: [String: [String]] = [:]
        for track in Set(cohorts.map(\.track)) {
            trackLessons[track] = (course.track(track)?.modules ?? []).compactMap(course.module).flatMap(\.lessons).map(\.id)
        }
        let figures = try await store.programmeFigures(cohorts: cohorts, trackLessons: trackLessons)
        let byID = Dictionary(uniqueKeysWithValues: cohorts.map { ($0.id, $0) })

        // Completion: every lesson of the cohort's track studied and every module quiz of it passed.
        var quizModules: [String: [String]] = [:]
        for track in trackLessons.keys {
            quizModules[track] = (course.track(track)?.modules ?? []).filter { course.bank(for: $0) != nil }
        }
        // A trainee in two of the cohorts counts once as started and once as completed.
        var completed = Set<Int64>()
        var started = Set<Int64>()
        var quizCounts: [String: (attempted: Int, passed: Int)] = [:]
        for member in figures.members {
            guard let track = byID[member.cohortID]?.track else { continue }
            if member.started { started.insert(member.accountID) }
            let quizzes = quizModules[track] ?? []
            if let lessons = trackLessons[track], !lessons.isEmpty, member.studied == lessons.count, quizzes.allSatisfy(member.quizzesPassed.contains) {
                completed.insert(member.accountID)
            }
            for module in quizzes where member.quizzesTaken.contains(module) {
                quizCounts[module, default: (0, 0)].attempted += 1
                if member.quizzesPassed.contains(module) { quizCounts[module, default: (0, 0)].passed += 1 }
            }
        }
        let quizzes = course.modules.compactMap { module in
            quizCounts[module.id].map { QuizRate(module: module.id, attempted: $0.attempted, passed: $0.passed) }
        }

        // Pre- and post-tests: one pair per trainee per cohort; the pass level is the cohort's track's.
        var pre: [String: Double] = [:], post: [String: Double] = [:]
        var passMarks: [String: Double] = [:]
        for sitting in figures.sittings {
            guard let cohort = byID[sitting.cohortID] else { continue }
            let key = "\(sitting.cohortID)/\(sitting.accountID)"
            passMarks[key] = Double(Quizzes.testRules(track: cohort.track, course: course).passMark)
            if sitting.phase == .preTest { pre[key] = Double(sitting.percent) } else { post[key] = Double(sitting.percent) }
        }
        let gain = LearningGain(pre: pre, post: post, passMark: { passMarks[$0] ?? 70 })
        let objectives = ObjectiveGain.compute(pre: figures.objectives[.preTest] ?? [:], post: figures.objectives[.postTest] ?? [:])
        let feedback = FeedbackSummary(answered: figures.feedbackAnswered, ratings: figures.feedbackRatings, texts: figures.feedbackTexts)

        // Certifications in the period: the first of a programme for an account is issued, a later one renews.
        let certifications = try await store.certifications()
        func inPeriod(_ date: Date) -> Bool {
            let day = Day(date)
            return (since.map { day >= $0 } ?? true) && (until.map { day <= $0 } ?? true)
        }
        var issued = 0, renewed = 0, revoked = 0
        var firstIssue: [String: Date] = [:]
        for record in certifications {
            let key = "\(record.accountID) \(record.programme)"
            firstIssue[key] = min(firstIssue[key] ?? record.issuedAt, record.issuedAt)
        }
        for record in certifications {
            if inPeriod(record.issuedAt) {
                if firstIssue["\(record.accountID) \(record.programme)"] == record.issuedAt { issued += 1 } else { renewed += 1 }
            }
            if let revokedAt = record.revokedAt, inPeriod(revokedAt) { revoked += 1 }
        }
        let instructorProgrammes = course.instructorProgrammes
        let interviewerProgrammes = Set(course.programmes.filter { !$0.assessors.isEmpty && !instructorProgrammes.contains($0.id) }.map(\.id))
        func holders(_ programmes: Set<String>) -> Int {
            Set(certifications.filter { programmes.contains($0.programme) && $0.held.status(now: now) == .valid }.map(\.accountID)).count
        }
        return ProgrammeReport(
            cohorts: cohorts, since: since, until: until, enrolled: figures.members.count, started: started.count, completed: completed.count,
            attendanceMarks: figures.attendanceMarks, attendancePresent: figures.attendancePresent, sessions: figures.sessions, quizzes: quizzes,
            gain: gain, objectives: objectives, feedback: feedback, issued: issued, renewed: renewed, revoked: revoked,
            currentInstructors: holders(instructorProgrammes), currentInterviewers: holders(interviewerProgrammes)
        )
    }
}

/// The report as the JSON API gives it (`/api/instructor/cohorts/{code}/report`, `/api/admin/report`):
/// figures and statistics, never a trainee's name; feedback only from five answers.
struct ProgrammeReportPayload: Encodable {
    struct Gain: Encodable {
        var pairs: Int
        var preOnly: Int
        var postOnly: Int
        var meanPre: Double?
        var meanPost: Double?
        var meanGain: Double?
        var normalisedGain: Double?
        var effectSize: Double?
        var confidenceInterval: [Double]?
        var shareReachingPass: Double?
    }

    struct Objective: Encodable {
        var objective: String
        var pre: Double
        var post: Double
        var preItems: Int
        var postItems: Int
    }

    struct Quiz: Encodable {
        var module: String
        var attempted: Int
        var passed: Int
    }

    struct Feedback: Encodable {
        var answered: Int
        var shown: Bool
        /// Statement → counts of ratings 1 to 5, and the mean.
        var ratings: [String: [Int]]
        var means: [String: Double]
        var texts: [String: [String]]
    }

    var cohorts: [String]
    var since: String?
    var until: String?
    var enrolled: Int
    var started: Int
    var completed: Int
    var attendanceMarks: Int
    var attendancePresent: Int
    var sessions: Int
    var quizzes: [Quiz]
    var gain: Gain
    var objectives: [Objective]
    var feedback: Feedback
    var certificationsIssued: Int
    var certificationsRenewed: Int
    var certificationsRevoked: Int
    var currentInstructors: Int
    var currentInterviewers: Int

    init(_ report: ProgrammeReport) {
        cohorts = report.cohorts.map(\.code)
        since = report.since?.description
        until = report.until?.description
        enrolled = report.enrolled
        started = report.started
        completed = report.completed
        attendanceMarks = report.attendanceMarks
        attendancePresent = report.attendancePresent
        sessions = report.sessions
        quizzes = report.quizzes.map { Quiz(module: $0.module, attempted: $0.attempted, passed: $0.passed) }
        let gain = report.gain
        let paired = gain.pairs > 0
        self.gain = Gain(
            pairs: gain.pairs, preOnly: gain.preOnly, postOnly: gain.postOnly, meanPre: paired ? gain.meanPre : nil,
            meanPost: paired ? gain.meanPost : nil, meanGain: paired ? gain.meanGain : nil, normalisedGain: gain.normalisedGain,
            effectSize: gain.effectSize, confidenceInterval: gain.confidenceInterval.map { [$0.lowerBound, $0.upperBound] },
            shareReachingPass: paired ? gain.shareReachingPass : nil
        )
        objectives = report.objectives.map { Objective(objective: $0.objective, pre: $0.pre, post: $0.post, preItems: $0.preItems, postItems: $0.postItems) }
        feedback = Feedback(
            answered: report.feedback.answered, shown: report.feedback.shown,
            ratings: Dictionary(uniqueKeysWithValues: report.feedback.distributions.map { ($0.item, $0.counts) }),
            means: Dictionary(uniqueKeysWithValues: report.feedback.distributions.map { ($0.item, $0.mean) }), texts: report.feedback.texts
        )
        certificationsIssued = report.issued
        certificationsRenewed = report.renewed
        certificationsRevoked = report.revoked
        currentInstructors = report.currentInstructors
        currentInterviewers = report.currentInterviewers
    }
}
