import AcademyCore
import AcademyServer
import AcademyStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Certification through the server")
struct CertificationServerTests {
    /// Instructors i1 and i2 (trainees who will be founded), and a candidate who has done the coursework.
    func services() async throws -> AcademyServices {
        let services = try await Fixture.services()
        let passwords = Passwords(cost: 4)
        for login in ["i1", "i2"] {
            _ = try await services.store.createAccount(login: login, name: "Instructor \(login)", role: .trainee, track: "pre-service",
                                                       passwordHash: try await passwords.hash("instructor-pass-1"), mustChangePassword: false)
        }
        let candidate = try #require(try await services.store.account(login: "cadet1"))
        for lesson in ["open-prompts", "phases"] { try await services.store.recordProgress(accountID: candidate.id, lesson: lesson, contentHash: "h") }
        for assessment in ["quiz:questions", "exam:final"] {
            let attempt = try await services.store.startAttempt(accountID: candidate.id, assessment: assessment, now: Date(), draw: { (1, []) },
                                                                deadline: Date().addingTimeInterval(600), contentHash: "c", check: { _ in })
            _ = try await services.store.submit(attempt, answers: [], percent: 100, passed: true, now: Date())
        }
        return services
    }

    func assess(_ client: some TestClientProtocol, as assessor: Credentials, candidate: String, programme: String, rubric: String, scores: [String: String]) async throws -> TestResponse {
        var fields = ["_csrf": assessor.csrf, "programme": programme, "rubric": rubric, "candidate": candidate, "date": "2026-11-29", "place": "Academy, Bishkek"]
        for (criterion, score) in scores { fields["score.\(criterion)"] = score }
        fields["note.transition"] = "Open and <b>neutral</b>."
        return try await client.form("/app/assess", fields, cookie: assessor.cookie)
    }

    @Test("founding, two assessments, a specialist; two peers, an instructor; public verification; revocation puts dependents in review")
    func wholeJourney() async throws {
        let services = try await services()
        try await buildApplication(services).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            // A mistyped login comes back in the form, the message beside it, nothing written.
            let mistyped = try await client.form("/app/admin/certifications", ["_csrf": boss.csrf, "login": "i9", "programme": "instructor", "reason": "Founding pool"], cookie: boss.cookie)
            #expect(mistyped.status == .badRequest && mistyped.text.contains("id=\"found-login-error\">«unknown_login»"))
            #expect(mistyped.text.contains("value=\"i9\"") && mistyped.text.contains(">Founding pool</textarea>"))
            for login in ["i1", "i2"] {
                let fields = ["_csrf": boss.csrf, "login": login, "programme": "instructor", "reason": "Founding pool, decision of the Academy council"]
                // First the founding is restated, and nothing is written until it is confirmed.
                let asked = try await client.form("/app/admin/certifications", fields, cookie: boss.cookie)
                #expect(asked.status == .ok && asked.text.contains("«confirm_found_text»") && asked.text.contains("name=\"confirm\" value=\"yes\""))
                let account = try #require(try await services.store.account(login: login))
                #expect(try await services.store.certifications(accountID: account.id).isEmpty)
                let founded = try await client.form("/app/admin/certifications", fields.merging(["confirm": "yes"]) { $1 }, cookie: boss.cookie)
                #expect(founded.status == .created && founded.text.contains("«founded_notice»"))
            }
            let i1 = try await client.signIn("i1", "instructor-pass-1")
            let i2 = try await client.signIn("i2", "instructor-pass-1")
            // A mistyped candidate brings the rubric back as scored, the message beside the login.
            let wrongCandidate = try await assess(client, as: i1, candidate: "cadett1", programme: "specialist", rubric: "mock", scores: ["transition": "2", "balance": "3"])
            #expect(wrongCandidate.status == .badRequest && wrongCandidate.text.contains("id=\"candidate-error\""))
            #expect(wrongCandidate.text.contains("value=\"cadett1\"") && wrongCandidate.text.contains("value=\"Academy, Bishkek\""))
            #expect(wrongCandidate.text.contains("name=\"score.balance\" value=\"3\" required checked"))
            #expect(wrongCandidate.text.contains("Open and &lt;b&gt;neutral&lt;/b&gt;.</textarea>"))
            let first = try await assess(client, as: i1, candidate: "cadet1", programme: "specialist", rubric: "mock", scores: ["transition": "2", "balance": "2"])
            #expect(first.status == .ok)
            #expect(first.text.contains("«assessment_passed»"))
            #expect(first.text.contains("Mock interview: 1 of 2 passed"))
            let failing = try await assess(client, as: i1, candidate: "cadet1", programme: "specialist", rubric: "mock", scores: ["transition": "0", "balance": "3"])
            #expect(failing.text.contains("«assessment_failed»"))
            #expect(failing.text.contains("critical criterion &#39;Transition&#39; scored 0, below 1"))
            let second = try await assess(client, as: i1, candidate: "cadet1", programme: "specialist", rubric: "mock", scores: ["transition": "3", "balance": "2"])
            #expect(second.text.contains("«certified_now»"))
            let cadet = try #require(try await services.store.account(login: "cadet1"))
            let specialist = try #require(try await services.store.certifications(accountID: cadet.id).first)
            #expect(specialist.programme == "specialist")
            #expect(specialist.expiresAt != nil)

            // The teach-back needs two distinct instructors.
            _ = try await assess(client, as: i1, candidate: "cadet1", programme: "instructor", rubric: "teach", scores: ["objectives": "3"])
            let sameAgain = try await assess(client, as: i1, candidate: "cadet1", programme: "instructor", rubric: "teach", scores: ["objectives": "4"])
            #expect(sameAgain.text.contains("by 1 of 2 distinct certified assessors"))
            let peer = try await assess(client, as: i2, candidate: "cadet1", programme: "instructor", rubric: "teach", scores: ["objectives": "3"])
            #expect(peer.text.contains("«certified_now»"))
            let held = try await services.store.certifications(accountID: cadet.id)
            #expect(Set(held.map(\.programme)) == ["specialist", "instructor"])

            // Public verification shows the holder, programme, dates and status, nothing more.
            let verification = try await client.send(.get, "/verify/\(specialist.code)")
            #expect(verification.status == .ok)
            #expect(verification.text.contains("Aida &lt;b&gt;Cadet&lt;/b&gt;"))
            #expect(verification.text.contains("Specialist &lt;interviewer&gt;"))
            #expect(verification.text.contains("«status_valid»"))
            for hidden in ["cadet1", "Academy, Bishkek", "neutral", "Instructor i1", "Founding pool"] {
                #expect(!verification.text.contains(hidden), "the verification page shows \(hidden)")
            }
            let unknown = try await client.send(.get, "/verify/AAAAA-BBBBB-CCCCC-DDDDD")
            #expect(unknown.status == .notFound)
            #expect(unknown.text.contains("«verify_not_found»") && unknown.text.contains("name=\"code\""))

            // The candidate sees results and feedback; the certificate prints.
            let mine = try await client.signIn("cadet1", Fixture.traineePassword)
            let page = try await client.send(.get, "/app/certifications", as: mine)
            #expect(page.text.contains("Open and &lt;b&gt;neutral&lt;/b&gt;."))
            #expect(try await client.send(.get, "/app/certificates/\(specialist.code)", as: mine).text.contains(specialist.code))
            #expect(try await client.send(.get, "/app/certificates/\(specialist.code)", as: i2).status == .notFound)
            // Assessors see what they recorded.
            let recorded = try await client.send(.get, "/app/certifications", as: i1)
            #expect(recorded.text.contains("class=\"recorded\""))
            #expect(recorded.text.contains("Aida &lt;b&gt;Cadet&lt;/b&gt;: Mock interview, 2026-11-29, Academy, Bishkek"))

            // Revoking i1 flags both certifications that rest on i1's assessments.
            let founder = try #require(try await services.store.account(login: "i1"))
            let founding = try #require(try await services.store.certifications(accountID: founder.id).first)
            // Revoking is restated first and happens only when confirmed.
            let asked = try await client.form("/app/admin/certifications/\(founding.id)/revoke", ["_csrf": boss.csrf, "reason": "Left the service"], cookie: boss.cookie)
            #expect(asked.status == .ok && asked.text.contains("«confirm_revoke_text»") && asked.text.contains("name=\"confirm\" value=\"yes\""))
            #expect(try await services.store.certifications().first { $0.id == founding.id }?.revokedAt == nil, "asking revoked it")
            let revoked = try await client.form("/app/admin/certifications/\(founding.id)/revoke", ["_csrf": boss.csrf, "reason": "Left the service", "confirm": "yes"], cookie: boss.cookie)
            #expect(revoked.status == .ok && revoked.text.contains("«revoked_notice»"))
            let queue = try await services.store.certifications(needingReview: true)
            #expect(Set(queue.map(\.programme)) == ["specialist", "instructor"])
            #expect(try await client.send(.get, "/verify/\(founding.code)").text.contains("«status_revoked»"))
            let admin = try await client.send(.get, "/app/admin/certifications", as: boss)
            #expect(admin.text.contains("review-queue"))
            #expect(admin.text.contains("Instructor i1"))
        }
        let verification = try await services.store.verifyAudit()
        #expect(verification.firstBroken == nil)
        let actions = try await services.store.auditEntries().map(\.action)
        #expect(actions.filter { $0 == "certification.found" }.count == 2)
        #expect(actions.filter { $0 == "certification.issue" }.count == 2)
        #expect(actions.contains("certification.revoke"))
    }

    @Test("a trainee without certification, an expired instructor and a self-assessment are all refused")
    func refusals() async throws {
        let services = try await services()
        let i2 = try #require(try await services.store.account(login: "i2"))
        // i2's instructor certification expired yesterday.
        _ = try await services.store.issueCertification(accountID: i2.id, programme: "instructor", expiresAt: Date().addingTimeInterval(-86_400),
                                                        basis: [], foundingReason: "old", grantedBy: nil, actor: "test", now: Date().addingTimeInterval(-90_000))
        let i1 = try #require(try await services.store.account(login: "i1"))
        _ = try await services.store.issueCertification(accountID: i1.id, programme: "instructor", expiresAt: nil, basis: [], foundingReason: "f", grantedBy: nil, actor: "test")
        try await buildApplication(services).test(.router) { client in
            let trainee = try await client.signIn("cadet1", Fixture.traineePassword)
            #expect(try await client.send(.get, "/app/assess", as: trainee).status == .forbidden)
            let byTrainee = try await assess(client, as: trainee, candidate: "i1", programme: "specialist", rubric: "mock", scores: ["transition": "3", "balance": "3"])
            #expect(byTrainee.status == .forbidden)
            let expired = try await client.signIn("i2", "instructor-pass-1")
            let byExpired = try await assess(client, as: expired, candidate: "cadet1", programme: "specialist", rubric: "mock", scores: ["transition": "3", "balance": "3"])
            #expect(byExpired.status == .forbidden)
            let instructor = try await client.signIn("i1", "instructor-pass-1")
            let selfAssessed = try await assess(client, as: instructor, candidate: "i1", programme: "specialist", rubric: "mock", scores: ["transition": "3", "balance": "3"])
            #expect(selfAssessed.status == .forbidden)
            #expect(selfAssessed.text.contains("nobody assesses themself"))
            let incomplete = try await assess(client, as: instructor, candidate: "cadet1", programme: "specialist", rubric: "mock", scores: ["transition": "3"])
            #expect(incomplete.status == .badRequest)
        }
        #expect(try await services.store.practicals().isEmpty)
    }

    @Test("an assessor marks a criterion not applicable where the rubric allows it; the pass rule leaves it out")
    func notApplicable() async throws {
        let services = try await services()
        let i1 = try #require(try await services.store.account(login: "i1"))
        _ = try await services.store.issueCertification(accountID: i1.id, programme: "instructor", expiresAt: nil, basis: [], foundingReason: "f", grantedBy: nil, actor: "test")
        try await buildApplication(services).test(.router) { client in
            let instructor = try await client.signIn("i1", "instructor-pass-1")
            let form = try await client.send(.get, "/app/assess?programme=specialist&rubric=mock", as: instructor)
            #expect(form.text.contains("name=\"score.balance\" value=\"n/a\""))
            #expect(!form.text.contains("name=\"score.transition\" value=\"n/a\""))
            let critical = try await assess(client, as: instructor, candidate: "cadet1", programme: "specialist", rubric: "mock", scores: ["transition": "n/a", "balance": "3"])
            #expect(critical.status == .badRequest)
            #expect(critical.text.contains("always applies"))
            let page = try await assess(client, as: instructor, candidate: "cadet1", programme: "specialist", rubric: "mock", scores: ["transition": "2", "balance": "n/a"])
            #expect(page.text.contains("«assessment_passed»"))
        }
        let recorded = try await services.store.practicals()
        #expect(recorded.count == 1)
        #expect(recorded.first?.notApplicable == ["balance"])
        #expect(recorded.first?.scores == ["transition": 2])
    }

    @Test("the trainer pack: a certified instructor and an administrator read it; a trainee, an expired instructor and a stranger do not")
    func trainerPack() async throws {
        let services = try await services()
        let i1 = try #require(try await services.store.account(login: "i1"))
        _ = try await services.store.issueCertification(accountID: i1.id, programme: "instructor", expiresAt: nil, basis: [], foundingReason: "f", grantedBy: nil, actor: "test")
        let i2 = try #require(try await services.store.account(login: "i2"))
        _ = try await services.store.issueCertification(accountID: i2.id, programme: "instructor", expiresAt: Date().addingTimeInterval(-60), basis: [],
                                                        foundingReason: "f", grantedBy: nil, actor: "test", now: Date().addingTimeInterval(-86_400))
        try await buildApplication(services).test(.router) { client in
            let instructor = try await client.signIn("i1", "instructor-pass-1")
            let page = try await client.send(.get, "/app/trainer/cards", as: instructor)
            #expect(page.status == .ok)
            #expect(page.text.contains("TRAINER-ONLY key") && page.text.contains("Cards &lt;set&gt;"))
            let index = try await client.send(.get, "/app/trainer", as: instructor)
            #expect(index.text.contains("href=\"../app/trainer/cards\""))
            #expect(try await client.send(.get, "/app/trainer/nope", as: instructor).status == .notFound)
            let admin = try await client.signIn("boss", Fixture.adminPassword)
            #expect(try await client.send(.get, "/app/trainer/cards", as: admin).status == .ok)
            let expired = try await client.signIn("i2", "instructor-pass-1")
            #expect(try await client.send(.get, "/app/trainer/cards", as: expired).status == .forbidden)
            let trainee = try await client.signIn("cadet1", Fixture.traineePassword)
            let refused = try await client.send(.get, "/app/trainer/cards", as: trainee)
            #expect(refused.status == .forbidden && !refused.text.contains("TRAINER-ONLY"))
            #expect(try await client.send(.get, "/app/trainer/cards").status == .seeOther)
        }
    }

    @Test("renewal: within 180 days of expiry one passed mock interview renews, from the old expiry; earlier it does not")
    func renewal() async throws {
        for (daysLeft, renews) in [(30.0, true), (300.0, false)] {
            let services = try await services()
            let cadet = try #require(try await services.store.account(login: "cadet1"))
            let i1 = try #require(try await services.store.account(login: "i1"))
            _ = try await services.store.issueCertification(accountID: i1.id, programme: "instructor", expiresAt: nil, basis: [], foundingReason: "f", grantedBy: nil, actor: "test")
            let expiry = Date().addingTimeInterval(daysLeft * 86_400)
            let old = try await services.store.issueCertification(accountID: cadet.id, programme: "specialist", expiresAt: expiry, basis: [],
                                                                  foundingReason: "earlier", grantedBy: nil, actor: "test", now: Date().addingTimeInterval(-600 * 86_400))
            try await buildApplication(services).test(.router) { client in
                let assessor = try await client.signIn("i1", "instructor-pass-1")
                let page = try await CertificationServerTests().assess(client, as: assessor, candidate: "cadet1", programme: "specialist", rubric: "mock",
                                                                       scores: ["transition": "3", "balance": "3"])
                #expect(page.text.contains("«certified_now»") == renews, "\(daysLeft) days left")
            }
            let held = try await services.store.certifications(accountID: cadet.id)
            #expect(held.count == (renews ? 2 : 1))
            if renews {
                let renewed = try #require(held.first { $0.id != old.id })
                let expected = try #require(Calendar(identifier: .gregorian).date(byAdding: .month, value: 24, to: expiry))
                #expect(abs(try #require(renewed.expiresAt).timeIntervalSince(expected)) < 1)
                #expect(try await services.store.auditEntries().contains { $0.action == "certification.renew" })
            }
        }
    }

    @Test("the dashboard warns 60 days before a certification expires")
    func expiryWarning() async throws {
        let services = try await services()
        let cadet = try #require(try await services.store.account(login: "cadet1"))
        _ = try await services.store.issueCertification(accountID: cadet.id, programme: "specialist", expiresAt: Date().addingTimeInterval(30 * 86_400),
                                                        basis: [], foundingReason: "test", grantedBy: nil, actor: "test")
        try await buildApplication(services).test(.router) { client in
            let mine = try await client.signIn("cadet1", Fixture.traineePassword)
            let page = try await client.send(.get, "/app/dashboard", as: mine)
            #expect(page.text.contains("Specialist &lt;interviewer&gt;: «expires_soon»"))
        }
    }

    @Test("revoking without a reason brings the certifications page back, the message beside that reason, nothing revoked")
    func revokeWithoutReason() async throws {
        let services = try await services()
        try await buildApplication(services).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            let founded = try await client.send(.post, "/api/admin/certifications", json: #"{"login":"i1","programme":"instructor","reason":"founding pool"}"#, as: boss)
            #expect(founded.status == .created)
            let founder = try #require(try await services.store.account(login: "i1"))
            let founding = try #require(try await services.store.certifications(accountID: founder.id).first)
            for fields in [["reason": "   "], ["reason": "", "confirm": "yes"], [:]] {
                let refused = try await client.form("/app/admin/certifications/\(founding.id)/revoke", fields.merging(["_csrf": boss.csrf]) { $1 }, cookie: boss.cookie)
                #expect(refused.status == .badRequest, "\(fields): \(refused.status)")
                let page = refused.text
                // The certifications page, not a bare error page: the message just before that certification's reason field.
                #expect(page.contains("«error_check_fields»") && page.contains("class=\"lineage\""))
                let id = "lineage-reason-\(founding.id)"
                #expect(page.contains("<p class=\"field-error\" id=\"\(id)-error\">«error_revocation_reason»</p>"))
                #expect(page.contains("id=\"\(id)\" name=\"reason\" required placeholder=\"«reason_label»\" aria-invalid=\"true\" aria-describedby=\"\(id)-error\""))
            }
            #expect(try await services.store.certifications().first { $0.id == founding.id }?.revokedAt == nil, "a blank reason revoked it")
            #expect(!(try await services.store.auditEntries().contains { $0.action == "certification.revoke" }))
        }
    }
}

@Suite("Certification JSON API")
struct CertificationAPITests {
    @Test("found, assess to completion, verify, revoke: all through JSON")
    func api() async throws {
        let services = try await CertificationServerTests().services()
        try await buildApplication(services).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            let founded = try await client.send(.post, "/api/admin/certifications", json: #"{"login":"i1","programme":"instructor","reason":"founding pool"}"#, as: boss)
            #expect(founded.status == .created)
            let noReason = try await client.send(.post, "/api/admin/certifications", json: #"{"login":"i2","programme":"instructor","reason":" "}"#, as: boss)
            #expect(noReason.status == .badRequest)
            let i1 = try await client.signIn("i1", "instructor-pass-1")
            let body = #"{"candidate":"cadet1","programme":"specialist","rubric":"mock","scores":{"transition":3,"balance":2},"observed_on":"2026-11-29","place":"Academy"}"#
            let first = try await client.send(.post, "/api/practicals", json: body, as: i1)
            #expect(first.status == .created)
            #expect(first.text.contains(#""missing":["Mock interview: 1 of 2 passed"]"#))
            let second = try await client.send(.post, "/api/practicals", json: body, as: i1)
            let code = try #require(second.text.firstMatch(of: /"certification":"([A-Z0-9-]+)"/)?.output.1)
            let verified = try await client.send(.get, "/api/verify/\(code)")
            #expect(verified.text.contains(#""status":"valid""#))
            #expect(try await client.send(.get, "/api/verify/NOPE").status == .notFound)
            let badScores = #"{"candidate":"cadet1","programme":"specialist","rubric":"mock","scores":{"transition":9,"balance":2},"observed_on":"2026-11-29","place":"Academy"}"#
            let refused = try await client.send(.post, "/api/practicals", json: badScores, as: i1)
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains(#""field":"scores""#))
            let lineage = try await client.send(.get, "/api/admin/certifications", as: boss)
            #expect(lineage.text.contains(#""assessors":["Instructor i1"]"#))
            let founder = try #require(try await services.store.account(login: "i1"))
            let founding = try #require(try await services.store.certifications(accountID: founder.id).first)
            let revoked = try await client.send(.post, "/api/admin/certifications/\(founding.id)/revocation", json: #"{"reason":"left"}"#, as: boss)
            #expect(revoked.status == .ok)
            #expect(try await client.send(.post, "/api/admin/certifications/\(founding.id)/revocation", json: #"{"reason":"again"}"#, as: boss).status == .conflict)
            #expect(try await client.send(.get, "/api/admin/certifications", as: boss).text.contains(#""needs_review":true"#))
            let flagged = try #require(try await services.store.certifications(needingReview: true).first)
            #expect(try await client.send(.post, "/api/admin/certifications/\(flagged.id)/review", json: #"{"reason":"re-observed"}"#, as: boss).status == .noContent)
            #expect(try await services.store.certifications(needingReview: true).isEmpty)
            #expect(try await client.send(.post, "/api/admin/certifications/\(flagged.id)/review", json: #"{"reason":"again"}"#, as: boss).status == .notFound)
        }
    }
}
