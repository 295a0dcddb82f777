import AcademyCore
import AcademyStore
import Foundation
import Hummingbird
import NIOCore

/// Teaching a cohort: the instructors' workspace (their cohorts, attendance, pre- and post-tests, course
/// feedback, planned practicals, the programme report), what trainees do of it, and the administrators'
/// report across cohorts and removal of a trainee from a cohort.
struct TeachingController {
    let services: AcademyServices
    var store: AcademyStore { services.store }
    var quizzes: Quizzes { Quizzes(services: services) }

    func addRoutes(to routes: Routes) {
        addInstructorRoutes(routes.group(.instructor))
        addTraineeRoutes(routes.group(.trainee))
        addAdminRoutes(routes.group(.admin))
        addAPIRoutes(instructorRoutes: routes.group(.instructor), adminRoutes: routes.group(.admin))
    }

    // MARK: Instructors

    func addInstructorRoutes(_ instructorRoutes: AccessGroup) {
        instructorRoutes.get("/app/instructor") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let cohorts = session.account.role == .admin ? try await store.cohorts() : try await store.cohortsTaught(by: session.account.id)
            let plans = try await store.practicalPlans(assessorID: session.account.id).filter { $0.practicalID == nil }
            let held = try await store.certifications(accountID: session.account.id).filter { $0.revokedAt == nil }
            return pages.instructorHome(session: session, cohorts: cohorts, waiting: plans, certifications: held)
        }
        instructorRoutes.get("/app/instructor/cohorts/{code}") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let cohort = try await taughtCohort(context, session: session)
            return try await workspace(pages: pages, session: session, cohort: cohort)
        }
        instructorRoutes.get("/app/instructor/cohorts/{code}/trainees/{login}") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let cohort = try await taughtCohort(context, session: session)
            let login = try context.parameters.require("login")
            guard let account = try await store.members(cohortID: cohort.id).first(where: { $0.login == login }) else {
                throw ClientError(.notFound, .errorNotInCohort, ["login": login])
            }
            let activity = try await store.activities(of: [account])
            let records = activity.flatMap { Completions.records($0, course: services.course, now: Date()) }
            return pages.traineeRecord(session: session, account: account, records: records, cohorts: [cohort],
                                       attempts: try await store.attempts(accountID: account.id),
                                       mastery: try await store.objectiveMastery(accountID: account.id), back: cohort)
        }
        instructorRoutes.get("/app/instructor/cohorts/{code}/attendance") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let cohort = try await taughtCohort(context, session: session)
            let query = request.uri.queryParameters
            let form = FormState(fields: FormFields(pairs: ["day": query.get("day") ?? Day(Date()).description, "session": query.get("session") ?? ""]))
            return try await attendancePage(pages: pages, session: session, cohort: cohort, form: form)
        }
        instructorRoutes.post("/app/instructor/cohorts/{code}/attendance") { request, context in
            let (pages, session, fields) = try await context.form(request, services: services, limit: services.configuration.maximumBodySize)
            let cohort = try await taughtCohort(context, session: session)
            let members = try await store.members(cohortID: cohort.id)
            var errors: [String: String] = [:]
            let day = Day(fields["day"] ?? "")
            if day == nil { errors["day"] = pages.strings[.errorDate] }
            let module = fields["session"] ?? ""
            let modules = services.course.track(cohort.track)?.modules ?? []
            if !modules.contains(module) { errors["session"] = pages.strings[.errorChoose] }
            var marks: [AttendanceMark] = []
            for member in members {
                let present = fields["present.\(member.login)"] == "1"
                let reason = (fields["reason.\(member.login)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                if reason.count > 200 { errors["reason.\(member.login)"] = pages.strings.format(.errorTextTooLong, ["count": "200"]) }
                marks.append(AttendanceMark(login: member.login, day: day?.description ?? "", session: module, present: present, reason: reason))
            }
            guard errors.isEmpty, let day else {
                return try await attendancePage(pages: pages, session: session, cohort: cohort, form: FormState(fields: fields, errors: errors), status: .badRequest)
            }
            try await store.recordAttendance(cohort: cohort, day: day, session: module, marks: marks, actor: session.account)
            let present = marks.count { $0.present }
            let notice = pages.strings.format(.attendanceRecorded, ["present": String(present), "absent": String(marks.count - present)])
            let form = FormState(fields: FormFields(pairs: ["day": day.description, "session": module]))
            return try await attendancePage(pages: pages, session: session, cohort: cohort, form: form, notice: notice)
        }
        instructorRoutes.post("/app/instructor/cohorts/{code}/phases") { request, context in
            let (pages, session, fields) = try await context.form(request, services: services, limit: services.configuration.maximumBodySize)
            let cohort = try await taughtCohort(context, session: session)
            guard let phase = fields["phase"].flatMap(CohortPhase.init(rawValue:)) else { throw ClientError(.badRequest, .errorChoose, field: "phase") }
            let notice: String
            switch fields["action"] {
            case "open":
                try await store.openPhase(phase, cohort: cohort, actor: "account:\(session.account.login)")
                notice = pages.strings.format(.phaseOpened, ["phase": pages.phaseName(phase)])
            case "close":
                try await store.closePhase(phase, cohort: cohort, actor: "account:\(session.account.login)")
                notice = pages.strings.format(.phaseClosed, ["phase": pages.phaseName(phase)])
            default:
                throw ClientError(.badRequest, .errorChoose, field: "action")
            }
            return try await workspace(pages: pages, session: session, cohort: cohort, notice: notice)
        }
        instructorRoutes.post("/app/instructor/cohorts/{code}/practicals") { request, context in
            let (pages, session, fields) = try await context.form(request, services: services, limit: services.configuration.maximumBodySize)
            let cohort = try await taughtCohort(context, session: session)
            var errors: [String: String] = [:]
            let members = try await store.members(cohortID: cohort.id)
            let candidate = members.first { $0.login == fields["candidate"] }
            if candidate == nil { errors["candidate"] = pages.strings[.errorChoose] }
            let programme = services.course.programmes.first { $0.id == fields["programme"] && !$0.assessors.isEmpty }
            if programme == nil { errors["programme"] = pages.strings[.errorChoose] }
            let rubric = services.course.rubrics.first { $0.id == fields["rubric"] }
            if rubric == nil { errors["rubric"] = pages.strings[.errorChoose] }
            let day = Day(fields["day"] ?? "")
            if day == nil { errors["day"] = pages.strings[.errorDate] }
            guard errors.isEmpty, let candidate, let programme, let rubric, let day else {
                return try await workspace(pages: pages, session: session, cohort: cohort, plan: FormState(fields: fields, errors: errors), status: .badRequest)
            }
            _ = try await store.planPractical(cohort: cohort, candidate: candidate, assessor: session.account, programme: programme.id, rubric: rubric.id, day: day)
            let notice = pages.strings.format(.practicalPlanned, ["name": candidate.name, "day": day.description])
            return try await workspace(pages: pages, session: session, cohort: cohort, notice: notice, status: .created)
        }
        instructorRoutes.get("/app/instructor/cohorts/{code}/report") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let cohort = try await taughtCohort(context, session: session)
            let report = try await ProgrammeReport.build(services: services, cohorts: [cohort], since: nil, until: nil)
            return pages.programmeReport(session: session, report: report, title: cohort.name, csv: "app/instructor/cohorts/\(cohort.code)/report.csv")
        }
        instructorRoutes.get("/app/instructor/cohorts/{code}/report.csv") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let cohort = try await taughtCohort(context, session: session)
            let report = try await ProgrammeReport.build(services: services, cohorts: [cohort], since: nil, until: nil)
            try await store.audit(actor: "account:\(session.account.login)", action: "export.report", subject: "cohort:\(cohort.code)", details: "csv")
            return csvResponse(pages.reportCSV(report), filename: "report-\(cohort.code).csv")
        }
    }

    func addAPIRoutes(instructorRoutes: AccessGroup, adminRoutes: AccessGroup) {
        instructorRoutes.get("/api/instructor/cohorts/{code}/report") { _, context in
            let session = try context.signedIn
            let cohort = try await taughtCohort(context, session: session)
            let report = try await ProgrammeReport.build(services: services, cohorts: [cohort], since: nil, until: nil)
            return try APICoding.response(ProgrammeReportPayload(report))
        }
        adminRoutes.get("/api/admin/report") { request, context in
            let pages = services.pages(request, context)
            let (since, until, errors) = period(request, strings: pages.strings)
            if let (field, message) = errors.first { throw ClientError(.badRequest, code: "bad_period", field: field) { _ in message } }
            let cohorts = ProgrammeReport.cohorts(try await store.cohorts(), since: since, until: until)
            let report = try await ProgrammeReport.build(services: services, cohorts: cohorts, since: since, until: until)
            return try APICoding.response(ProgrammeReportPayload(report))
        }
    }

    /// The cohort of the path, if the caller teaches it (administrators may open every cohort).
    func taughtCohort(_ context: AppRequestContext, session: AcademyStore.Session) async throws -> Cohort {
        let code = try context.parameters.require("code")
        guard let cohort = try await store.cohort(code: code) else { throw ClientError(.notFound, .errorNoCohort, ["code": code]) }
        guard session.account.role == .admin || cohort.instructors.contains(session.account.login) else {
            throw ClientError(.forbidden, .errorNotYourCohort, ["code": code], code: "not_your_cohort")
        }
        return cohort
    }

    func workspace(
        pages: ServerPages, session: AcademyStore.Session, cohort: Cohort, notice: String? = nil, plan: FormState = FormState(),
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let members = try await store.members(cohortID: cohort.id)
        let dashboard = CohortDashboard(cohort: cohort, course: services.course, activities: try await store.activities(of: members))
        // Who has started, the tests taken and the feedback given, counted as the programme report counts them.
        let figures = try await store.programmeFigures(cohorts: [cohort], trackLessons: [:])
        let started = Set(figures.members.filter(\.started).map(\.accountID))
        return pages.instructorCohort(
            session: session, cohort: cohort, dashboard: dashboard, mastery: try await store.objectiveMastery(cohortID: cohort.id),
            notStarted: members.filter { !started.contains($0.id) }, phases: try await store.phases(cohortID: cohort.id),
            tests: (pre: figures.sittings.count { $0.phase == .preTest }, post: figures.sittings.count { $0.phase == .postTest }),
            feedback: figures.feedbackAnswered,
            plans: try await store.practicalPlans(cohortID: cohort.id), programmes: services.course.programmes.filter { !$0.assessors.isEmpty },
            notice: notice, plan: plan, status: status
        )
    }

    func attendancePage(
        pages: ServerPages, session: AcademyStore.Session, cohort: Cohort, form: FormState, notice: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let members = try await store.members(cohortID: cohort.id)
        let marks = try await store.attendance(cohortIDs: [cohort.id])[cohort.id] ?? []
        return pages.attendance(session: session, cohort: cohort, members: members, marks: marks, form: form, notice: notice, status: status)
    }

    func csvResponse(_ text: String, filename: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(filename)\"", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }

    // MARK: Trainees

    func addTraineeRoutes(_ traineeRoutes: AccessGroup) {
        traineeRoutes.get("/app/cohorts/{code}/test") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let cohort = try await ownCohort(context, session: session)
            return try await testPage(pages: pages, session: session, cohort: cohort)
        }
        traineeRoutes.post("/app/cohorts/{code}/test") { request, context in
            let (pages, session, _) = try await context.form(request, services: services, limit: services.configuration.maximumBodySize)
            let cohort = try await ownCohort(context, session: session)
            let form = try await quizzes.assignedTest(cohort, account: session.account)
            guard let definition = quizzes.definition(.test(cohort: cohort.code, form: form.id)) else {
                throw ClientError(.notFound, .errorNoTestForm, ["track": cohort.track])
            }
            let attempt = try await quizzes.start(definition, account: session.account)
            return Redirect.to("app/attempts/\(attempt.id)", from: pages)
        }
        traineeRoutes.get("/app/cohorts/{code}/feedback") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let cohort = try await ownCohort(context, session: session)
            return try await feedbackPage(pages: pages, session: session, cohort: cohort)
        }
        traineeRoutes.post("/app/cohorts/{code}/feedback") { request, context in
            let (pages, session, fields) = try await context.form(request, services: services, limit: services.configuration.maximumBodySize)
            let cohort = try await ownCohort(context, session: session)
            var ratings: [String: Int] = [:]
            for item in FeedbackSurvey.ratingItems { if let value = fields[item].flatMap({ Int($0) }) { ratings[item] = value } }
            var texts: [String: String] = [:]
            for item in FeedbackSurvey.textItems { texts[item] = (fields[item] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
            let answer = FeedbackSurvey.Answer(ratings: ratings, texts: texts)
            let problems = FeedbackSurvey.problems(answer)
            guard problems.isEmpty else {
                let errors = problems.mapValues { problem -> String in
                    switch problem {
                    case .ratingMissing, .ratingOutOfRange: pages.strings[.errorChoose]
                    case .textTooLong: pages.strings.format(.errorTextTooLong, ["count": String(FeedbackSurvey.maximumTextLength)])
                    }
                }
                return try await feedbackPage(pages: pages, session: session, cohort: cohort, form: FormState(fields: fields, errors: errors), status: .badRequest)
            }
            do {
                try await store.submitFeedback(cohort: cohort, accountID: session.account.id, answer: answer)
            } catch TeachingError.feedbackGiven {
                throw ClientError(.conflict, .errorFeedbackGiven, code: "feedback_given")
            } catch TeachingError.phaseClosed {
                throw ClientError(.conflict, .errorFeedbackClosed, code: "feedback_closed")
            }
            return try await feedbackPage(pages: pages, session: session, cohort: cohort, notice: pages.strings[.feedbackThanks], status: .created)
        }
    }

    /// The cohort of the path, if the trainee belongs to it.
    func ownCohort(_ context: AppRequestContext, session: AcademyStore.Session) async throws -> Cohort {
        let code = try context.parameters.require("code")
        guard let cohort = try await store.cohort(code: code),
              try await store.formOrder(cohortID: cohort.id, accountID: session.account.id).member else {
            throw ClientError(.notFound, .errorNoCohort, ["code": code])
        }
        return cohort
    }

    func testPage(pages: ServerPages, session: AcademyStore.Session, cohort: Cohort) async throws -> Response {
        let phase = try await quizzes.openTestPhase(cohort)
        var form: TestForm?
        var attempts: [AttemptRecord] = []
        if let phase {
            let order = try await store.formOrder(cohortID: cohort.id, accountID: session.account.id).order
                ?? FormOrder.aFirst  // shown before the first start; the start assigns the balancing order
            form = quizzes.testForm(cohort: cohort, order: order, phase: phase)
            if let form { attempts = try await store.attempts(accountID: session.account.id, assessment: AssessmentRef.test(cohort: cohort.code, form: form.id).description) }
        }
        let definition = form.flatMap { quizzes.definition(.test(cohort: cohort.code, form: $0.id)) }
        return pages.testIntro(session: session, cohort: cohort, phase: phase, definition: definition, attempts: attempts)
    }

    func feedbackPage(
        pages: ServerPages, session: AcademyStore.Session, cohort: Cohort, form: FormState = FormState(), notice: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let open = try await store.phases(cohortID: cohort.id).contains { $0.phase == .feedback && $0.isOpen }
        let given = try await store.hasGivenFeedback(cohortID: cohort.id, accountID: session.account.id)
        return pages.feedbackForm(session: session, cohort: cohort, open: open, given: given, form: form, notice: notice, status: status)
    }

    // MARK: Administrators

    func addAdminRoutes(_ adminRoutes: AccessGroup) {
        adminRoutes.get("/app/admin/cohorts/{code}/members/{login}/remove") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let (cohort, account) = try await membership(context)
            return pages.confirmation(
                session: session, title: pages.strings[.removeMemberTitle],
                text: pages.strings.format(.removeMemberText, ["name": account.name, "login": account.login, "cohort": cohort.name]),
                action: "app/admin/cohorts/\(cohort.code)/members/\(account.login)/remove", button: pages.strings[.removeMember],
                back: "app/admin/cohorts/\(cohort.code)"
            )
        }
        adminRoutes.post("/app/admin/cohorts/{code}/members/{login}/remove") { request, context in
            let (pages, session, _) = try await context.form(request, services: services, limit: services.configuration.maximumBodySize)
            let (cohort, account) = try await membership(context)
            try await store.removeMember(cohort: cohort, login: account.login, actor: "account:\(session.account.login)")
            return try await CohortController(services: services).dashboard(
                pages: pages, session: session, cohort: cohort,
                notice: pages.strings.format(.memberRemoved, ["name": account.name, "cohort": cohort.name]))
        }
        adminRoutes.get("/app/admin/report") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let (since, until, errors) = period(request, strings: pages.strings)
            guard errors.isEmpty else {
                return pages.periodForm(session: session, form: FormState(fields: FormFields(pairs: periodFields(request)), errors: errors), status: .badRequest)
            }
            guard since != nil || until != nil || request.uri.queryParameters.get("all") != nil else {
                return pages.periodForm(session: session, form: FormState())
            }
            let cohorts = ProgrammeReport.cohorts(try await store.cohorts(), since: since, until: until)
            let report = try await ProgrammeReport.build(services: services, cohorts: cohorts, since: since, until: until)
            let query = request.uri.query.map { "?" + $0 } ?? ""
            return pages.programmeReport(session: session, report: report, title: pages.periodTitle(since: since, until: until), csv: "app/admin/report.csv" + query)
        }
        adminRoutes.get("/app/admin/report.csv") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let (since, until, errors) = period(request, strings: pages.strings)
            if let (field, message) = errors.first { throw ClientError(.badRequest, code: "bad_period", field: field) { _ in message } }
            let cohorts = ProgrammeReport.cohorts(try await store.cohorts(), since: since, until: until)
            let report = try await ProgrammeReport.build(services: services, cohorts: cohorts, since: since, until: until)
            try await store.audit(actor: "account:\(session.account.login)", action: "export.report", subject: "all",
                                  details: "csv, \(since?.description ?? "…") to \(until?.description ?? "…")")
            return csvResponse(pages.reportCSV(report), filename: "report-\(since?.description ?? "start")-\(until?.description ?? "now").csv")
        }
    }

    func membership(_ context: AppRequestContext) async throws -> (Cohort, Account) {
        let code = try context.parameters.require("code")
        let login = try context.parameters.require("login")
        guard let cohort = try await store.cohort(code: code) else { throw ClientError(.notFound, .errorNoCohort, ["code": code]) }
        guard let account = try await store.members(cohortID: cohort.id).first(where: { $0.login == login }) else {
            throw ClientError(.notFound, .errorNotInCohort, ["login": login])
        }
        return (cohort, account)
    }

    func periodFields(_ request: Request) -> [String: String] {
        ["since": request.uri.queryParameters.get("since") ?? "", "until": request.uri.queryParameters.get("until") ?? ""]
    }

    /// The period of a report's query: `since` and `until`, each optional, neither after the other.
    func period(_ request: Request, strings: UIStrings) -> (Day?, Day?, [String: String]) {
        var errors: [String: String] = [:]
        func day(_ name: String) -> Day? {
            guard let text = request.uri.queryParameters.get(name), !text.isEmpty else { return nil }
            guard let day = Day(text) else { errors[name] = strings[.errorDate]; return nil }
            return day
        }
        let since = day("since"), until = day("until")
        if let since, let until, until < since { errors["until"] = strings[.errorEndBeforeStart] }
        return (since, until, errors)
    }
}
