import AcademyCore
import AcademyStore
import Foundation
import Hummingbird

/// Lessons studied: the JSON API used by the lesson pages' script, and the dashboard.
struct ProgressController {
    let services: AcademyServices

    /// `{"lesson": ID}`.
    struct MarkRequest: Decodable {
        var lesson: String
    }

    struct MarkResponse: Encodable {
        var lesson: String
        var contentHash: String
        var status = "studied"
    }

    struct ProgressResponse: Encodable {
        struct Module: Encodable {
            var id: String
            var done: Int
            var total: Int
        }

        var track: String?
        var done: Int
        var total: Int
        var percent: Int
        var nextLesson: String?
        var modules: [Module]
        var lessons: [ProgressRecord]
    }

    func addRoutes(to routes: Routes) {
        let signedInRoutes = routes.group(.signedIn)
        let traineeRoutes = routes.group(.trainee)
        traineeRoutes.get("/api/progress") { _, context in
            let session = try context.signedIn
            return try APICoding.response(try await summary(for: session.account))
        }
        traineeRoutes.post("/api/progress") { request, context in
            var request = request
            let session = try context.signedIn
            try CSRF.checkHeader(request, session: session)
            let body = try await request.json(MarkRequest.self, limit: services.configuration.maximumBodySize)
            guard let lesson = services.lessons[body.lesson] else {
                throw ClientError(.notFound, .errorNoLesson, ["lesson": body.lesson], field: "lesson")
            }
            // The server records the hash of what it published, not one the client claims.
            try await services.store.recordProgress(accountID: session.account.id, lesson: lesson.id, contentHash: lesson.contentHash)
            return try APICoding.response(MarkResponse(lesson: lesson.id, contentHash: lesson.contentHash))
        }
        // "/app" and "/app/" are one route to Hummingbird.
        signedInRoutes.get("/app") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            return Redirect.to(session.account.role == .admin ? "app/admin" : "app/dashboard", from: pages)
        }
        // An administrator who opens a trainee's home (an old bookmark, a link in a message) is taken to theirs.
        signedInRoutes.get("/app/dashboard") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            if session.account.role == .admin { return Redirect.to("app/admin", from: pages) }
            let id = session.account.id
            // A trainee's cohorts with a test or the feedback open, and not yet done.
            var tasks: [(cohort: Cohort, open: [CohortPhase])] = []
            let attempts = try await services.store.attempts(accountID: id)
            for cohort in try await services.store.cohorts(accountID: id) where !cohort.instructors.contains(session.account.login) {
                var open: [CohortPhase] = []
                for phase in try await services.store.phases(cohortID: cohort.id) where phase.isOpen {
                    switch phase.phase {
                    case .feedback:
                        if try await !services.store.hasGivenFeedback(cohortID: cohort.id, accountID: id) { open.append(.feedback) }
                    case .preTest, .postTest:
                        let order = try await services.store.formOrder(cohortID: cohort.id, accountID: id).order
                        let done = attempts.contains { attempt in
                            guard attempt.submittedAt != nil, case .test(let code, let form)? = AssessmentRef(attempt.assessment), code == cohort.code
                            else { return false }
                            return order?.phase(ofForm: form) == phase.phase
                        }
                        if !done { open.append(phase.phase) }
                    }
                }
                if !open.isEmpty { tasks.append((cohort, open)) }
            }
            return pages.dashboard(
                session: session, progress: try await services.store.progress(accountID: id),
                attempts: attempts, mastery: try await services.store.objectiveMastery(accountID: id),
                certifications: try await services.store.certifications(accountID: id), cohortTasks: tasks
            )
        }
    }

    func summary(for account: Account) async throws -> ProgressResponse {
        let records = try await services.store.progress(accountID: account.id)
        guard let trackID = account.track, let track = services.course.track(trackID) else {
            return ProgressResponse(track: nil, done: 0, total: 0, percent: 0, nextLesson: nil, modules: [], lessons: records)
        }
        let progress = TrackProgress(course: services.course, track: track, studied: Set(records.map(\.lesson)))
        return ProgressResponse(
            track: track.id, done: progress.done, total: progress.total, percent: progress.percent,
            nextLesson: progress.nextLesson?.lesson.id,
            modules: progress.modules.map { .init(id: $0.module.id, done: $0.done, total: $0.total) }, lessons: records
        )
    }
}
