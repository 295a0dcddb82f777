import AcademyCore
import AcademyStore
import Foundation
import Hummingbird
import Pages

/// Practical assessments, certification, founding, revocation, review, certificates and public verification.
struct CertificationController {
    let services: AcademyServices
    var course: Course { services.course }

    func programme(_ id: String?) -> Programme? { course.programmes.first { $0.id == id } }

    /// The programmes this person may assess for: those naming a programme they hold currently.
    func assessable(by account: Account) async throws -> [Programme] {
        let held = try await services.store.certifications(accountID: account.id).map(\.held)
        return course.programmes.filter { programme in
            !programme.requires.practicals.isEmpty
                && CertificationPolicy.mayAssess(assessorID: account.id, assessorCertifications: held, candidateID: -1, programme: programme, now: Date())
        }
    }

    /// Records an observation; issues the certification at once when it completes the programme.
    func assess(
        assessor: Account, candidateLogin: String, programme: Programme, rubric: Rubric, scores: [String: Int], notApplicable: Set<String> = [],
        notes: [String: String], observedOn: String, place: String
    ) async throws -> (PracticalRecord, Rubric.Outcome, CertificationRecord?, CertificationPolicy.Evaluation) {
        guard let candidate = try await services.store.account(login: candidateLogin), !candidate.disabled else {
            throw ClientError(.badRequest, .errorNoActiveAccount, ["login": candidateLogin], field: "candidate")
        }
        let held = try await services.store.certifications(accountID: assessor.id).map(\.held)
        guard CertificationPolicy.mayAssess(assessorID: assessor.id, assessorCertifications: held, candidateID: candidate.id, programme: programme, now: Date()) else {
            if candidate.id == assessor.id { throw ClientError(.forbidden, .errorSelfAssessment) }
            let qualifications = programme.assessors.map { id in self.programme(id)?.title ?? id }
            throw ClientError(.forbidden, .errorNotAssessorFor, ["programme": programme.title, "certifications": qualifications.joined(separator: ", ")])
        }
        guard programme.requires.practicals.contains(where: { $0.rubric == rubric.id }) || programme.renewal?.practicals.contains(where: { $0.rubric == rubric.id }) == true else {
            throw ClientError(.badRequest, .errorRubricNotInProgramme, ["programme": programme.title, "rubric": rubric.title], field: "rubric")
        }
        let outcome: Rubric.Outcome
        do { outcome = try rubric.outcome(scores: scores, notApplicable: notApplicable) } catch { throw ClientError(error) }
        let course = course
        let now = Date()
        let recorded = try await services.store.recordPractical(
            candidateID: candidate.id, assessorID: assessor.id, programme: programme.id, rubric: rubric.id, observedOn: observedOn, place: place,
            scores: scores, notApplicable: Array(notApplicable), notes: notes, passed: outcome.passed, actor: "account:\(assessor.login)", now: now
        ) { record in CertificationPolicy.decide(record, for: programme, in: course, now: now) }
        return (recorded.practical, outcome, recorded.issued, recorded.outcome)
    }

    /// The programmes a person's certification page shows: a trainee's own track's, and any they hold or
    /// have been assessed for; everything for an account without a track (an administrator).
    func programmes(for account: Account, holding certifications: [CertificationRecord], assessed practicals: [PracticalRecord]) -> [Programme] {
        guard let track = account.track else { return course.programmes }
        return course.programmes.filter { programme in
            programme.track == track || certifications.contains { $0.programme == programme.id } || practicals.contains { $0.programme == programme.id }
        }
    }

    func addRoutes(to routes: Routes) {
        let adminRoutes = routes.group(.admin)
        let signedInRoutes = routes.group(.signedIn)
        addVerificationRoutes(to: routes)
        signedInRoutes.get("/app/certifications") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let account = session.account
            let certifications = try await services.store.certifications(accountID: account.id)
            let practicals = try await services.store.practicals(candidateID: account.id)
            let record = try await services.store.candidateRecord(accountID: account.id)
            // The checklist in the reader's language: its words from the UI strings, its titles from the course as translated.
            let localized = pages.course
            let evaluations = programmes(for: account, holding: certifications, assessed: practicals).map { programme in
                let shown = localized.programmes.first { $0.id == programme.id } ?? programme
                return (shown, CertificationPolicy.evaluate(record, for: shown, in: localized, now: Date()))
            }
            let assessable = try await assessable(by: account)
            let recorded = try await services.store.practicals(assessorID: account.id)
            var names: [Int64: String] = [:]
            for id in Set(recorded.map(\.candidateID)) { names[id] = try await services.store.account(id: id)?.name }
            return pages.certifications(session: session, certifications: certifications, practicals: practicals, evaluations: evaluations,
                                        canAssess: !assessable.isEmpty, recorded: recorded, names: names)
        }
        signedInRoutes.get("/app/certificates/{code}") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            guard let certification = try await services.store.certification(code: context.parameters.get("code") ?? ""),
                  certification.accountID == session.account.id || session.account.role == .admin,
                  let holder = try await services.store.account(id: certification.accountID)
            else { throw ClientError(.notFound, .errorNoCertificate) }
            let address = verificationSite(request).map { "\($0)/verify/\(certification.code)" }
            return pages.certificate(certification, holder: holder, programme: programme(certification.programme), session: session, verificationURL: address)
        }
        signedInRoutes.get("/app/assess") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let programmes = try await assessable(by: session.account)
            guard !programmes.isEmpty else {
                throw ClientError(.forbidden, .errorNotAssessor)
            }
            let chosen = programme(request.uri.queryParameters.get("programme")).flatMap { p in programmes.first { $0.id == p.id } }
            let rubric = course.rubrics.first { $0.id == request.uri.queryParameters.get("rubric") }
            return pages.assessForm(session: session, programmes: programmes, programme: chosen, rubric: rubric)
        }
        signedInRoutes.post("/app/assess") { request, context in
            var request = request
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let fields = try await request.checkedForm(session, limit: services.configuration.maximumBodySize)
            do {
                guard let programme = programme(fields["programme"]) else { throw ClientError(.badRequest, .errorChooseProgramme, field: "programme") }
                guard let rubric = course.rubrics.first(where: { $0.id == fields["rubric"] }) else { throw ClientError(.badRequest, .errorChooseRubric, field: "rubric") }
                var scores: [String: Int] = [:]
                var notApplicable: Set<String> = []
                var notes: [String: String] = [:]
                for criterion in rubric.criteria {
                    let score = fields["score.\(criterion.id)"]
                    if score == "n/a" { notApplicable.insert(criterion.id) }
                    if let score = score.flatMap({ Int($0) }) { scores[criterion.id] = score }
                    if let note = fields["note.\(criterion.id)"], !note.isEmpty { notes[criterion.id] = String(note.prefix(2000)) }
                }
                let result = try await assess(
                    assessor: session.account, candidateLogin: try requiredField(fields, "candidate").lowercased(), programme: programme, rubric: rubric,
                    scores: scores, notApplicable: notApplicable, notes: notes, observedOn: try requiredField(fields, "date"),
                    place: try requiredField(fields, "place")
                )
                return pages.assessResult(session: session, practical: result.0, outcome: result.1, issued: result.2, evaluation: result.3, programme: programme)
            } catch let error as ClientError {
                // The rubric comes back as scored, the message beside the field it concerns.
                let programmes = try await assessable(by: session.account)
                guard let programme = programme(fields["programme"]), let rubric = course.rubrics.first(where: { $0.id == fields["rubric"] }) else {
                    throw error
                }
                let field = ["candidate", "date", "place"].contains(error.field ?? "") ? error.field! : "candidate"
                return pages.assessForm(session: session, programmes: programmes, programme: programme, rubric: rubric,
                                        form: FormState(fields: fields, errors: [field: error.message(pages.strings)]), status: error.status)
            }
        }
        adminRoutes.get("/app/admin/certifications") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            return pages.adminCertifications(session: session, rows: try await lineage(), accounts: try await services.store.accounts())
        }
        adminRoutes.post("/app/admin/certifications") { request, context in
            var request = request
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let fields = try await request.checkedForm(session, limit: services.configuration.maximumBodySize)
            // Checked first, every problem beside its field; then restated to confirm; only then written.
            var errors: [String: String] = [:]
            let programme = programme(fields["programme"] ?? "")
            if programme == nil { errors["programme"] = pages.strings[.errorChoose] }
            let reason = (fields["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if reason.isEmpty { errors["reason"] = pages.strings[.errorRequired] }
            let login = (fields["login"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            let account = login.isEmpty ? nil : try await services.store.account(login: login)
            if login.isEmpty { errors["login"] = pages.strings[.errorRequired] }
            else if account == nil || account?.disabled == true { errors["login"] = pages.strings.format(.unknownLogin, ["login": login]) }
            guard errors.isEmpty, let programme, let account else {
                return pages.adminCertifications(session: session, rows: try await lineage(), accounts: try await services.store.accounts(),
                                                 form: FormState(fields: fields, errors: errors), status: .badRequest)
            }
            guard fields["confirm"] == "yes" else {
                return pages.confirmation(
                    session: session, title: pages.strings[.confirmFoundTitle],
                    text: pages.strings.format(.confirmFoundText, ["name": account.name, "login": account.login, "programme": programme.title, "reason": reason]),
                    action: "app/admin/certifications", fields: [("login", account.login), ("programme", programme.id), ("reason", reason)],
                    button: pages.strings[.confirmFoundButton], back: "app/admin/certifications"
                )
            }
            do {
                _ = try await found(login: login, programmeID: programme.id, reason: reason, by: session.account)
            } catch let error as ClientError {
                return pages.adminCertifications(session: session, rows: try await lineage(), accounts: try await services.store.accounts(),
                                                 form: FormState(fields: fields, errors: ["login": error.message(pages.strings)]), status: error.status)
            }
            return pages.adminCertifications(
                session: session, rows: try await lineage(), accounts: try await services.store.accounts(),
                notice: pages.strings.format(.foundedNotice, ["name": account.name, "programme": programme.title]), status: .created
            )
        }
        adminRoutes.post("/app/admin/certifications/{id}/revoke") { request, context in
            let (pages, session, fields, id) = try await adminAction(request, context)
            // Restated (who, what, why, and what follows) before it is done.
            let reason = (fields["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if fields["confirm"] != "yes", !reason.isEmpty,
               let row = try await lineage().first(where: { $0.certification.id == id && $0.certification.revokedAt == nil }) {
                let title = course.programmes.first { $0.id == row.certification.programme }?.title ?? row.certification.programme
                return pages.confirmation(
                    session: session, title: pages.strings[.confirmRevokeTitle],
                    text: pages.strings.format(.confirmRevokeText, ["name": row.holder, "programme": title, "code": row.certification.code, "reason": reason]),
                    action: "app/admin/certifications/\(id)/revoke", fields: [("reason", reason)], button: pages.strings[.revoke],
                    back: "app/admin/certifications"
                )
            }
            do {
                _ = try await revoke(id: id, reason: reason, by: session.account)
            } catch let error as ClientError where error.field == "reason" {
                // No reason given: the page again, the message beside that certification's reason; nothing revoked.
                return pages.adminCertifications(session: session, rows: try await lineage(), accounts: try await services.store.accounts(),
                                                 revoking: (id, error.message(pages.strings)), status: error.status)
            } catch let error as ClientError {
                throw error.with(field: nil)
            }
            return pages.adminCertifications(session: session, rows: try await lineage(), accounts: try await services.store.accounts(),
                                             notice: pages.strings[.revokedNotice])
        }
        adminRoutes.post("/app/admin/certifications/{id}/review") { request, context in
            let (pages, session, fields, id) = try await adminAction(request, context)
            do {
                try await services.store.clearReview(id: id, note: fields["note"] ?? "", actor: "account:\(session.account.login)")
            } catch {
                throw ClientError(.notFound, .errorNotInReviewQueue)
            }
            return Redirect.to("app/admin/certifications", from: pages)
        }
        addAPIRoutes(to: routes)
        addReviewAPIRoute(to: routes)
        signedInRoutes.get("/api/certifications") { request, context in
            let session = try context.signedIn
            let pages = services.pages(request, context)
            let strings = pages.strings
            struct Item: Encodable { var programme: String; var code: String; var status: String; var issuedAt: Date; var expiresAt: Date? }
            struct Missing: Encodable { var programme: String; var met: Bool; var missing: [String] }
            struct Body: Encodable { var certifications: [Item]; var programmes: [Missing] }
            let now = Date()
            let certifications = try await services.store.certifications(accountID: session.account.id).map {
                Item(programme: $0.programme, code: $0.code, status: $0.held.status(now: now).rawValue, issuedAt: $0.issuedAt, expiresAt: $0.expiresAt)
            }
            let record = try await services.store.candidateRecord(accountID: session.account.id)
            let programmes = pages.course.programmes.map { programme in
                let evaluation = CertificationPolicy.evaluate(record, for: programme, in: pages.course, now: now)
                return Missing(programme: programme.id, met: evaluation.met, missing: evaluation.missing.map(strings.requirement))
            }
            return try APICoding.response(Body(certifications: certifications, programmes: programmes))
        }
    }

    struct PracticalRequest: Decodable {
        var candidate: String
        var programme: String
        var rubric: String
        var scores: [String: Int]
        var notApplicable: [String]?
        var notes: [String: String]?
        var observedOn: String
        var place: String

        enum CodingKeys: String, CodingKey {
            case candidate, programme, rubric, scores, notes, place
            case observedOn = "observed_on"
            case notApplicable = "not_applicable"
        }
    }

    struct FoundingRequest: Decodable {
        var login: String
        var programme: String
        var reason: String
    }

    struct ReasonRequest: Decodable {
        var reason: String
    }

    struct CertificationView: Encodable {
        var id: Int64
        var holder: String
        var programme: String
        var code: String
        var status: String
        var issuedAt: Date
        var expiresAt: Date?
        var foundingReason: String?
        var assessors: [String]
        var needsReview: Bool
    }

    func addAPIRoutes(to routes: Routes) {
        let adminRoutes = routes.group(.admin)
        let anyoneRoutes = routes.group(.anyone)
        let signedInRoutes = routes.group(.signedIn)
        anyoneRoutes.get("/api/verify/{code}") { _, context in
            struct Verification: Encodable { var holder: String; var programme: String; var issuedAt: Date; var expiresAt: Date?; var status: String }
            guard let code = context.parameters.get("code").flatMap(Self.canonicalCode),
                  let certification = try await services.store.certification(code: code),
                  let holder = try await services.store.account(id: certification.accountID)
            else { throw ClientError(.notFound, .errorNoCertificate) }
            return try APICoding.response(Verification(
                holder: holder.name, programme: programme(certification.programme)?.title ?? certification.programme,
                issuedAt: certification.issuedAt, expiresAt: certification.expiresAt, status: certification.held.status(now: Date()).rawValue
            ))
        }
        signedInRoutes.post("/api/practicals") { request, context in
            var request = request
            let session = try context.signedIn
            try CSRF.checkHeader(request, session: session)
            let body = try await request.json(PracticalRequest.self, limit: services.configuration.maximumBodySize)
            guard let programme = programme(body.programme) else { throw ClientError(.badRequest, .errorNoProgramme, ["programme": body.programme], field: "programme") }
            guard let rubric = course.rubrics.first(where: { $0.id == body.rubric }) else { throw ClientError(.badRequest, .errorNoRubric, ["rubric": body.rubric], field: "rubric") }
            let (practical, outcome, issued, evaluation) = try await assess(
                assessor: session.account, candidateLogin: body.candidate.lowercased(), programme: programme, rubric: rubric, scores: body.scores,
                notApplicable: Set(body.notApplicable ?? []), notes: body.notes ?? [:], observedOn: body.observedOn, place: body.place
            )
            struct Result: Encodable { var practical: Int64; var passed: Bool; var reasons: [String]; var certification: String?; var missing: [String] }
            let strings = services.pages(request, context).strings
            return try APICoding.response(Result(practical: practical.id, passed: outcome.passed, reasons: outcome.shortfalls.map(strings.shortfall),
                                                 certification: issued?.code, missing: evaluation.missing.map(strings.requirement)), status: .created)
        }
        adminRoutes.get("/api/admin/certifications") { _, context in
            _ = try context.signedIn
            let now = Date()
            return try APICoding.response(try await lineage().map { row in
                CertificationView(id: row.certification.id, holder: row.holder, programme: row.certification.programme, code: row.certification.code,
                                  status: row.certification.held.status(now: now).rawValue, issuedAt: row.certification.issuedAt,
                                  expiresAt: row.certification.expiresAt, foundingReason: row.certification.foundingReason,
                                  assessors: row.assessors, needsReview: row.certification.needsReview && row.certification.revokedAt == nil)
            })
        }
        adminRoutes.post("/api/admin/certifications") { request, context in
            var request = request
            let session = try context.signedIn
            try CSRF.checkHeader(request, session: session)
            let body = try await request.json(FoundingRequest.self, limit: services.configuration.maximumBodySize)
            let certification = try await found(login: body.login, programmeID: body.programme, reason: body.reason, by: session.account)
            return try APICoding.response(["code": certification.code], status: .created)
        }
        adminRoutes.post("/api/admin/certifications/{id}/revocation") { request, context in
            var request = request
            let session = try context.signedIn
            try CSRF.checkHeader(request, session: session)
            let body = try await request.json(ReasonRequest.self, limit: services.configuration.maximumBodySize)
            guard let id = context.parameters.get("id").flatMap({ Int64($0) }) else { throw ClientError(.notFound, .errorNoCertification) }
            return try APICoding.response(["flagged_for_review": try await revoke(id: id, reason: body.reason, by: session.account)])
        }
    }

    /// A founding certification, for pages and API alike: a known programme, an active account, a written reason.
    func found(login: String, programmeID: String, reason: String, by admin: Account) async throws -> CertificationRecord {
        guard let programme = programme(programmeID) else { throw ClientError(.badRequest, .errorChooseProgramme, field: "programme") }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw ClientError(.badRequest, .errorFoundingReason, field: "reason") }
        let login = login.trimmingCharacters(in: .whitespaces).lowercased()
        guard !login.isEmpty else { throw ClientError(.badRequest, .errorFieldRequired, ["field": "login"], field: "login") }
        guard let account = try await services.store.account(login: login), !account.disabled else {
            throw ClientError(.badRequest, .errorNoActiveAccount, ["login": login], field: "login")
        }
        return try await services.store.issueCertification(
            accountID: account.id, programme: programme.id, expiresAt: CertificationPolicy.expiry(of: programme, issuedAt: Date()), basis: [],
            foundingReason: reason, grantedBy: admin.id, actor: "account:\(admin.login)"
        )
    }

    /// A revocation with a reason; returns the certifications flagged for review.
    func revoke(id: Int64, reason: String, by admin: Account) async throws -> [Int64] {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw ClientError(.badRequest, .errorRevocationReason, field: "reason") }
        do {
            return try await services.store.revokeCertification(id: id, reason: reason, actor: "account:\(admin.login)")
        } catch let error as AcademyStore.CertificationError {
            throw ClientError(error)
        }
    }

    /// An administrator's form action on one certification: the form, and the certification's id.
    func adminAction(_ request: Request, _ context: AppRequestContext) async throws -> (ServerPages, AcademyStore.Session, FormFields, Int64) {
        let (pages, session, fields) = try await context.form(request, services: services, limit: services.configuration.maximumBodySize)
        guard let id = context.parameters.get("id").flatMap({ Int64($0) }) else { throw ClientError(.notFound, .errorNoCertification) }
        return (pages, session, fields, id)
    }

    func addReviewAPIRoute(to routes: Routes) {
        let adminRoutes = routes.group(.admin)
        adminRoutes.post("/api/admin/certifications/{id}/review") { request, context in
            var request = request
            let session = try context.signedIn
            try CSRF.checkHeader(request, session: session)
            let body = try await request.json(ReasonRequest.self, limit: services.configuration.maximumBodySize)
            guard let id = context.parameters.get("id").flatMap({ Int64($0) }) else { throw ClientError(.notFound, .errorNoCertification) }
            do {
                try await services.store.clearReview(id: id, note: body.reason, actor: "account:\(session.account.login)")
            } catch {
                throw ClientError(.notFound, .errorNotInReviewQueue)
            }
            return Response(status: .noContent)
        }
    }

    struct LineageRow: Sendable {
        var certification: CertificationRecord
        var holder: String
        var assessors: [String]
        var grantedBy: String?
    }

    /// Who certified whom: for each certification, the assessors it rests on, or the founding administrator.
    func lineage() async throws -> [LineageRow] {
        let accounts = Dictionary(uniqueKeysWithValues: try await services.store.accounts().map { ($0.id, $0) })
        var rows: [LineageRow] = []
        for certification in try await services.store.certifications() {
            let assessors = try await services.store.assessors(ofCertification: certification.id).compactMap { accounts[$0]?.name }
            rows.append(LineageRow(certification: certification, holder: accounts[certification.accountID]?.name ?? "?", assessors: assessors,
                                   grantedBy: certification.grantedBy.flatMap { accounts[$0]?.name }))
        }
        return rows
    }
}
