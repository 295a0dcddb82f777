import AcademyCore
import AcademyStore
import Crypto
import Foundation
import Hummingbird
import NIOCore

/// Cohorts and their dashboards, enrolment by hand and from a CSV roster, trainee records, and
/// completion exports. Administrators only.
struct CohortController {
    let services: AcademyServices
    var store: AcademyStore { services.store }

    func addRoutes(to routes: Routes) {
        let adminRoutes = routes.group(.admin)
        adminRoutes.get("/app/admin/cohorts") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            return pages.cohorts(session: session, cohorts: try await store.cohorts(), instructors: try await certifiedInstructors())
        }
        adminRoutes.post("/app/admin/cohorts") { request, context in
            let (pages, session, fields) = try await context.form(request, services: services, limit: services.configuration.maximumBodySize)
            do {
                let cohort = try await createCohort(fields, actor: session.account.login, strings: pages.strings)
                return Redirect.to("app/admin/cohorts/\(cohort.code)", from: pages)
            } catch let problems as FieldErrors {
                return pages.cohorts(session: session, cohorts: try await store.cohorts(), instructors: try await certifiedInstructors(),
                                     form: FormState(fields: fields, errors: problems.errors),
                                     status: problems.errors["code"] == pages.strings[.errorCodeTaken] ? .conflict : .badRequest)
            }
        }
        adminRoutes.get("/app/admin/cohorts/{code}") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let cohort = try await requireCohort(context, pages: pages, session: session)
            return try await dashboard(pages: pages, session: session, cohort: cohort)
        }
        adminRoutes.post("/app/admin/cohorts/{code}/members") { request, context in
            let (pages, session, fields) = try await context.form(request, services: services, limit: services.configuration.maximumBodySize)
            let cohort = try await requireCohort(context, pages: pages, session: session)
            // One person is a roster of one line, planned and applied like any other.
            let roster = CSV.line(["name", "login"]) + CSV.line([fields["name"] ?? "", fields["login"] ?? ""])
            let plan = try await store.planEnrolment(cohort: cohort, roster: roster)
            // A refused person comes back in the form, with the reason beside the field it concerns.
            func refused(_ reason: String, field: String, status: HTTPResponse.Status) async throws -> Response {
                try await dashboard(pages: pages, session: session, cohort: cohort, enrol: FormState(fields: fields, errors: [field: reason]), status: status)
            }
            guard let row = plan.rows.first else { return try await refused(pages.strings[.errorRequired], field: "name", status: .badRequest) }
            switch row.action {
            case .reject(let problem):
                return try await refused(pages.strings.rosterProblem(problem), field: problem.concernsLogin ? "login" : "name", status: .badRequest)
            case .alreadyMember:
                let message = row.otherName.map { pages.strings.format(.resultNameDiffers, ["name": $0]) } ?? pages.strings[.resultDuplicate]
                return try await refused(message, field: "login", status: .conflict)
            case .create, .enrol:
                let credentials: OneTimeCredentials
                do {
                    credentials = try await enrol(plan: plan, roster: roster, actor: session.account.login)
                } catch let error as StoreError {
                    // The account appeared or changed between planning and writing.
                    return try await dashboard(pages: pages, session: session, cohort: cohort, error: ClientError(error).message(pages.strings), status: .conflict)
                }
                let notice = credentials.entries.first.map { pages.strings.format(.oneTimePassword, ["login": $0.login, "password": $0.password]) }
                    ?? pages.strings.format(.enrolledSummary, ["count": "1"])
                return try await dashboard(pages: pages, session: session, cohort: cohort, notice: notice, status: .created)
            }
        }
        adminRoutes.post("/app/admin/cohorts/{code}/import") { request, context in
            var request = request
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let form = try await request.multipart(limit: services.configuration.maximumUploadSize)
            guard let token = form.text("_csrf"), Tokens.equal(token, session.csrfToken) else {
                throw ClientError(.forbidden, .errorCsrfForm, field: "_csrf")
            }
            let cohort = try await requireCohort(context, pages: pages, session: session)
            guard let file = form["roster"], !file.body.isEmpty else {
                return try await dashboard(pages: pages, session: session, cohort: cohort, error: pages.strings[.errorRosterMissing], status: .badRequest)
            }
            guard let text = String(validating: file.body, as: UTF8.self) else {
                let error = pages.strings.format(.errorRosterNotUtf8, ["file": file.filename ?? pages.strings[.rosterFile]])
                return try await dashboard(pages: pages, session: session, cohort: cohort, error: error, status: .badRequest)
            }
            return try await preview(pages: pages, session: session, cohort: cohort, roster: text, filename: file.filename)
        }
        adminRoutes.post("/app/admin/cohorts/{code}/import/confirm") { request, context in
            let (pages, session, fields) = try await context.form(request, services: services, limit: services.configuration.maximumUploadSize * 2)
            let cohort = try await requireCohort(context, pages: pages, session: session)
            let roster = try requiredField(fields, "roster")
            let plan: EnrolmentPlan
            do {
                plan = try await store.planEnrolment(cohort: cohort, roster: roster)
            } catch let error as CSV.ParseError {
                throw ClientError(.badRequest, code: "roster_unreadable") { $0.csvError(error, file: $0[.rosterFile]) }
            }
            // What is written is exactly what the administrator saw; anything else goes back to a new preview.
            guard Self.digest(plan) == fields["digest"] else {
                return pages.enrolmentPreview(session: session, plan: plan, roster: roster, digest: Self.digest(plan),
                                              error: pages.strings[.changedSincePreview], status: .conflict)
            }
            let credentials: OneTimeCredentials
            do {
                credentials = try await enrol(plan: plan, roster: roster, actor: session.account.login)
            } catch let error as StoreError {
                let fresh = try await store.planEnrolment(cohort: cohort, roster: roster)
                return pages.enrolmentPreview(session: session, plan: fresh, roster: roster, digest: Self.digest(fresh),
                                              error: ClientError(error).message(pages.strings), status: .conflict)
            }
            var download: String?
            if !credentials.entries.isEmpty {
                download = services.downloads.put(.init(
                    accountID: session.account.id, filename: "\(cohort.code)-one-time-passwords.csv", contentType: "text/csv; charset=utf-8",
                    body: credentials.csv, expires: Date().addingTimeInterval(OneTimeDownloads.lifetime)
                ))
            }
            return pages.enrolled(session: session, plan: plan, download: download)
        }
        adminRoutes.get("/app/admin/downloads/{token}") { request, context in
            let session = try context.signedIn
            guard let file = services.downloads.take(try context.parameters.require("token"), accountID: session.account.id) else {
                throw ClientError(.notFound, .errorDownloadGone)
            }
            return Response(
                status: .ok,
                headers: [.contentType: file.contentType, .contentDisposition: "attachment; filename=\"\(file.filename)\"", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: file.body))
            )
        }
        adminRoutes.get("/app/admin/trainees/{login}") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let login = try context.parameters.require("login")
            guard let account = try await store.account(login: login), account.role == .trainee else {
                throw ClientError(.notFound, .unknownLogin, ["login": login])
            }
            let activity = try await store.activities(of: [account])
            let records = activity.flatMap { Completions.records($0, course: services.course, now: Date()) }
            return pages.traineeRecord(session: session, account: account, records: records, cohorts: try await store.cohorts(accountID: account.id),
                                       attempts: try await store.attempts(accountID: account.id))
        }
        adminRoutes.get("/app/admin/export") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            // A cohort's dashboard links here with its code chosen; the byte-order mark stays asked for.
            let form = request.uri.queryParameters.get("cohort").map { FormState(fields: FormFields(pairs: ["cohort": $0, "bom": "1"])) }
            return pages.exportForm(session: session, cohorts: try await store.cohorts(), form: form ?? FormState())
        }
        adminRoutes.post("/app/admin/export") { request, context in
            let (pages, session, fields) = try await context.form(request, services: services, limit: services.configuration.maximumBodySize)
            do {
                return try await export(fields, actor: session.account.login, pages: pages)
            } catch let error as ClientError {
                // The form as it was typed, the message beside the field it concerns (above the form if none).
                let message = error.message(pages.strings)
                return pages.exportForm(session: session, cohorts: try await store.cohorts(),
                                        form: FormState(fields: fields, errors: error.field.map { [$0: message] } ?? [:]),
                                        error: error.field == nil ? message : nil, status: error.status)
            }
        }
    }

    // MARK: Steps

    func requireCohort(_ context: AppRequestContext, pages: ServerPages, session: AcademyStore.Session) async throws -> Cohort {
        let code = try context.parameters.require("code")
        guard let cohort = try await store.cohort(code: code) else {
            throw ClientError(.notFound, .errorNoCohort, ["code": code])
        }
        return cohort
    }

    /// Accounts holding a certification that is valid today: those who may teach a cohort.
    func certifiedInstructors() async throws -> [Account] {
        let now = Date()
        let holders = Set(try await store.certifications().filter { $0.held.status(now: now) == .valid }.map(\.accountID))
        return try await store.accounts().filter { holders.contains($0.id) && !$0.disabled }
    }

    /// Creates a cohort from its form, or throws `FieldErrors` with every problem found, each in the
    /// person's language and beside its field; nothing is written then.
    func createCohort(_ fields: FormFields, actor: String, strings: UIStrings) async throws -> Cohort {
        var errors: [String: String] = [:]
        func text(_ name: String) -> String { (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let name = text("name"), code = text("code").lowercased()
        if name.isEmpty { errors["name"] = strings[.errorRequired] }
        if name.count > 200 { errors["name"] = strings.format(.errorNameTooLong, ["count": String(name.count)]) }
        if !Cohort.isValidCode(code) { errors["code"] = code.isEmpty ? strings[.errorRequired] : strings[.errorCodeRule] }
        let kind = Cohort.Kind(rawValue: text("kind"))
        if kind == nil { errors["kind"] = strings[.errorChoose] }
        let track = services.course.track(text("track"))
        if track == nil { errors["track"] = strings[.errorChoose] }
        if let kind, let track, !kind.allows(track: track.id) { errors["track"] = strings[.errorKindTrack] }
        let starts = Day(text("starts_on")), ends = Day(text("ends_on"))
        if starts == nil { errors["starts_on"] = strings[.errorDate] }
        if ends == nil { errors["ends_on"] = strings[.errorDate] }
        if let starts, let ends, ends < starts { errors["ends_on"] = strings[.errorEndBeforeStart] }
        let allowed = Set(try await certifiedInstructors().map(\.login))
        let instructors = fields.all("instructors").filter { !$0.isEmpty }
        if let stranger = instructors.first(where: { !allowed.contains($0) }) {
            errors["instructors"] = strings.format(.errorNotCertified, ["login": stranger])
        }
        guard errors.isEmpty, let kind, let track, let starts, let ends else { throw FieldErrors(errors: errors) }
        do {
            return try await store.createCohort(code: code, name: name, kind: kind, track: track.id, startsOn: starts, endsOn: ends,
                                                instructors: instructors, actor: "account:\(actor)")
        } catch is StoreError {
            throw FieldErrors(errors: ["code": strings[.errorCodeTaken]])
        }
    }

    func dashboard(
        pages: ServerPages, session: AcademyStore.Session, cohort: Cohort, notice: String? = nil, error: String? = nil,
        enrol: FormState = FormState(), status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let members = try await store.members(cohortID: cohort.id)
        let dashboard = CohortDashboard(cohort: cohort, course: services.course, activities: try await store.activities(of: members))
        return pages.cohortDashboard(session: session, cohort: cohort, dashboard: dashboard, mastery: try await store.objectiveMastery(cohortID: cohort.id),
                                     notice: notice, error: error, enrol: enrol, status: status)
    }

    func preview(pages: ServerPages, session: AcademyStore.Session, cohort: Cohort, roster: String, filename: String?) async throws -> Response {
        do {
            let plan = try await store.planEnrolment(cohort: cohort, roster: roster)
            return pages.enrolmentPreview(session: session, plan: plan, roster: roster, digest: Self.digest(plan))
        } catch let error as CSV.ParseError {
            let message = pages.strings.csvError(error, file: filename ?? pages.strings[.rosterFile])
            return try await dashboard(pages: pages, session: session, cohort: cohort, error: message, status: .badRequest)
        }
    }

    /// Creates the plan's accounts with one-time passwords and enrols everyone, in one transaction.
    func enrol(plan: EnrolmentPlan, roster: String, actor: String) async throws -> OneTimeCredentials {
        let credentials = try await OneTimeCredentials.make(for: plan.creations, hashingWith: services.passwords)
        try await store.enrol(plan: plan, roster: roster, passwordHashes: credentials.hashes, actor: "account:\(actor)")
        return credentials
    }

    /// A fingerprint of what a preview showed: the confirmation must match it.
    static func digest(_ plan: EnrolmentPlan) -> String {
        let text = plan.rows.map { "\($0.line)\u{1F}\($0.login)\u{1F}\($0.name)\u{1F}\($0.action)" }.joined(separator: "\u{1E}")
        return hexString(SHA256.hash(data: Data(text.utf8)))
    }

    // MARK: Export

    func export(_ fields: FormFields, actor: String, pages: ServerPages) async throws -> Response {
        guard let format = CompletionExport.Format(rawValue: fields["format"] ?? "csv") else {
            throw ClientError(.badRequest, .errorExportFormat, field: "format")
        }
        func day(_ name: String) throws -> Day? {
            guard let text = fields[name], !text.isEmpty else { return nil }
            guard let day = Day(text) else { throw ClientError(.badRequest, .errorDate, field: name) }
            return day
        }
        let filter = CompletionFilter(
            cohort: fields["cohort"].flatMap { $0.isEmpty ? nil : $0 }, track: fields["track"].flatMap { $0.isEmpty ? nil : $0 },
            since: try day("since"), until: try day("until")
        )
        if let cohort = filter.cohort, try await store.cohort(code: cohort) == nil {
            throw ClientError(.badRequest, .errorNoCohort, ["code": cohort], field: "cohort")
        }
        if let track = filter.track, services.course.track(track) == nil { throw ClientError(.badRequest, .errorNoTrack, ["track": track], field: "track") }
        if let since = filter.since, let until = filter.until, until < since { throw ClientError(.badRequest, .errorEndBeforeStart, field: "until") }
        try await store.recordExport(filter, format: format, actor: "account:\(actor)")
        // Titles and the CSV header in the administrator's language.
        let labels: [UIStrings.Key] = [
            .exportColLogin, .exportColName, .exportColCohort, .exportColTrack, .exportColKind, .exportColUnit, .exportColTitle,
            .exportColLessonsStudied, .exportColLessonsTotal, .exportColStartedAt, .exportColCompletedAt, .exportColScore,
            .exportColAttempts, .exportColStatus, .exportColCertificationCode, .exportColCertificationExpires,
        ]
        let exporter = CompletionExport(
            format: format, byteOrderMark: fields["bom"] == "1", baseURL: services.configuration.baseURL, columnLabels: labels.map { pages.strings[$0] }
        )
        let filename = "completions-\(filter.cohort ?? "all")-\(Day(Date())).\(format.fileExtension)"
        let body = ResponseBody { [store, course = pages.course] writer in
            try await store.export(filter, course: course, through: exporter) { try await writer.write(ByteBuffer(bytes: $0)) }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: format.contentType, .contentDisposition: "attachment; filename=\"\(filename)\"", .cacheControl: "no-store"],
            body: body
        )
    }
}
