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
        var members: [Account] = []
        var trackOf: [Int64: String] = [:]
        for cohort in cohorts {
            for account in try await store.members(cohortID: cohort.id) {
                members.append(account)
                trackOf[account.id] = cohort.track
            }
        }
        // One trainee in two cohorts counts once for activity.
        var seen = Set<Int64>()
        let unique = members.filter { seen.insert($0.id).inserted }
        let activities = try await store.activities(of: unique)
        var started = 0, completed = 0
        var quizCounts: [String: (attempted: Int, passed: Int)] = [:]
        for activity in activities {
            let quizAttempts = activity.assessments.filter { !$0.key.hasPrefix("test:") }
            if !activity.studied.isEmpty || !quizAttempts.isEmpty { started += 1 }
            let modules = (course.track(trackOf[activity.account.id] ?? "")?.modules ?? []).compactMap(course.module)
            let allStudied = modules.allSatisfy { $0.lessons.allSatisfy { activity.studied[$0.id] != nil } }
            let allPassed = modules.allSatisfy { course.bank(for: $0.id) == nil || activity.assessments["quiz:\($0.id)"]?.passedAt != nil }
            if !modules.isEmpty && allStudied && allPassed { completed += 1 }
            for module in modules where course.bank(for: module.id) != nil {
                guard let summary = activity.assessments["quiz:\(module.id)"] else { continue }
                quizCounts[module.id, default: (0, 0)].attempted += 1
                if summary.passedAt != nil { quizCounts[module.id, default: (0, 0)].passed += 1 }
            }
        }
        let quizzes = course.modules.compactMap { module in
            quizCounts[module.id].map { QuizRate(module: module.id, attempted: $0.attempted, passed: $0.passed) }
        }

        let attendance = try await store.attendance(cohortIDs: cohorts.map(\.id))
        let marks = attendance.values.flatMap { $0 }
        let sessions = attendance.map { id, marks in Set(marks.map { "\($0.day) \($0.session)" }).count }.reduce(0, +)

        // Pre- and post-tests: one pair per trainee per cohort; the pass level is the cohort's track's.
        let sittings = try await store.testSittings(cohorts: cohorts)
        var pre: [String: Double] = [:], post: [String: Double] = [:]
        var passMarks: [String: Double] = [:]
        var preAnswers: [(objective: String, score: Double)] = [], postAnswers: [(objective: String, score: Double)] = []
        for cohort in cohorts {
            let passMark = Double(Quizzes.testRules(track: cohort.track, course: course).passMark)
            for sitting in sittings[cohort.id] ?? [] {
                let key = "\(cohort.code)/\(sitting.login)"
                passMarks[key] = passMark
                let scores = sitting.answers.map { (objective: $0.objective, score: $0.score) }
                if sitting.phase == .preTest {
                    pre[key] = Double(sitting.percent)
                    preAnswers += scores
                } else {
                    post[key] = Double(sitting.percent)
                    postAnswers += scores
                }
            }
        }
        let gain = LearningGain(pre: pre, post: post, passMark: { passMarks[$0] ?? 70 })
        let objectives = ObjectiveGain.compute(pre: preAnswers, post: postAnswers)
        let feedback = FeedbackSummary(try await store.feedbackAnswers(cohortIDs: cohorts.map(\.id)))

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
        let instructorProgrammes = Set(course.programmes.flatMap(\.assessors))
        let interviewerProgrammes = Set(course.programmes.filter { !$0.assessors.isEmpty && !instructorProgrammes.contains($0.id) }.map(\.id))
        func holders(_ programmes: Set<String>) -> Int {
            Set(certifications.filter { programmes.contains($0.programme) && $0.held.status(now: now) == .valid }.map(\.accountID)).count
        }
        return ProgrammeReport(
            cohorts: cohorts, since: since, until: until, enrolled: members.count, started: started, completed: completed,
            attendanceMarks: marks.count, attendancePresent: marks.count { $0.present }, sessions: sessions, quizzes: quizzes, gain: gain,
            objectives: objectives, feedback: feedback, issued: issued, renewed: renewed, revoked: revoked,
            currentInstructors: holders(instructorProgrammes), currentInterviewers: holders(interviewerProgrammes)
        )
    }
}
