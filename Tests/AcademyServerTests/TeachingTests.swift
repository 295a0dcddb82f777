import AcademyCore
@testable import AcademyServer
import AcademyStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Teaching a cohort: the instructors' workspace, pre- and post-tests, attendance, feedback and the programme report")
struct TeachingTests {
    static let password = "teacher-password-1"

    /// Cohort `alpha` taught by `teacher` with cadet1, cadet2 and cadet3; cohort `beta` taught by `other` with cadet4.
    func setUp() async throws -> AcademyServices {
        let services = try await Fixture.services()
        let store = services.store
        let hash = try await Passwords(cost: 4).hash(Self.password)
        for login in ["teacher", "other"] {
            let account = try await store.createAccount(login: login, name: login.capitalized, role: .trainee, track: "pre-service",
                                                        passwordHash: hash, mustChangePassword: false)
            _ = try await store.issueCertification(accountID: account.id, programme: "instructor", expiresAt: nil, basis: [], foundingReason: "f",
                                                   grantedBy: nil, actor: "test")
        }
        for login in ["cadet2", "cadet3", "cadet4"] {
            _ = try await store.createAccount(login: login, name: login.capitalized, role: .trainee, track: "pre-service",
                                              passwordHash: hash, mustChangePassword: false)
        }
        for (code, teacher, roster) in [("alpha", "teacher", "name,login\nAida,cadet1\nCadet2,cadet2\nCadet3,cadet3\n"), ("beta", "other", "name,login\nCadet4,cadet4\n")] {
            let cohort = try await store.createCohort(code: code, name: "Cohort \(code)", kind: .preService, track: "pre-service",
                                                      startsOn: Day("2027-01-10")!, endsOn: Day("2027-06-30")!, instructors: [teacher], actor: "test")
            let plan = try await store.planEnrolment(cohort: cohort, roster: roster)
            try await store.enrol(plan: plan, roster: roster, passwordHashes: [:], actor: "test")
        }
        return services
    }

    func phase(_ client: some TestClientProtocol, _ who: Credentials, _ cohort: String, _ phase: String, _ action: String = "open") async throws -> TestResponse {
        try await client.form("/app/instructor/cohorts/\(cohort)/phases", ["_csrf": who.csrf, "phase": phase, "action": action], cookie: who.cookie)
    }

    /// Starts the trainee's test of the cohort from its page and submits, through the API, the answers
    /// given for the form it turned out to be.
    func takeTest(_ client: some TestClientProtocol, _ who: Credentials, cohort: String, answers: [String: String]) async throws -> (form: String, percent: Int) {
        let started = try await client.form("/app/cohorts/\(cohort)/test", ["_csrf": who.csrf], cookie: who.cookie)
        #expect(started.status == .seeOther)
        let id = try #require(started.headers[.location]?.split(separator: "/").last.map(String.init))
        let attempt = try await client.send(.get, "/api/attempts/\(id)", as: who)
        let assessment = try #require(try JSONSerialization.jsonObject(with: Data(attempt.text.utf8)) as? [String: Any])["assessment"] as? String
        let form = String(assessment?.split(separator: ":").last ?? "")
        let submitted = try await client.send(.post, "/api/attempts/\(id)/submission", json: #"{"answers": \#(answers[form] ?? "{}")}"#, as: who)
        #expect(submitted.status == .ok)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(submitted.text.utf8)) as? [String: Any])
        return (form, body["percent"] as? Int ?? -1)
    }

    /// Right answers to every item of form A (all three) or of form B (none right).
    static let formA = #"{"q-single": {"choice": 1}, "q-truth": {"truth": true}, "q-classify": {"prompt_type": "cued-invitation"}}"#
    static let formBWrong = #"{"q-multiple": {"choices": [2]}, "q-order": {"order": [2, 1, 0]}, "q-match": {"matches": [1, 0, 2]}}"#

    @Test("an instructor sees only the cohorts they teach; another cohort's instructor and trainees are refused")
    func workspaceIsTheirs() async throws {
        let services = try await setUp()
        try await buildApplication(services).test(.router) { client in
            let teacher = try await client.signIn("teacher", Self.password)
            let home = try await client.send(.get, "/app/instructor", as: teacher)
            #expect(home.status == .ok && home.text.contains("Cohort alpha") && !home.text.contains("Cohort beta"))
            #expect(home.text.contains("app/instructor\""), "the instructor's navigation links their workspace")
            let own = try await client.send(.get, "/app/instructor/cohorts/alpha", as: teacher)
            #expect(own.status == .ok && own.text.contains("Cadet2"))
            // The instructor of cohort A trying cohort B, each page of it.
            for path in ["", "/attendance", "/report", "/report.csv", "/trainees/cadet4"] {
                let refused = try await client.send(.get, "/app/instructor/cohorts/beta\(path)", as: teacher)
                #expect(refused.status == .forbidden, "\(path)")
                #expect(!refused.text.contains("Cadet4"))
            }
            let post = try await phase(client, teacher, "beta", "pre-test")
            #expect(post.status == .forbidden)
            #expect(try await services.store.phases(cohortID: try #require(await services.store.cohort(code: "beta")).id).isEmpty)
            // A trainee of the cohort is no instructor; a member of another cohort is not shown this one's trainee.
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            #expect(try await client.send(.get, "/app/instructor/cohorts/alpha", as: cadet).status == .forbidden)
            #expect(try await client.send(.get, "/app/instructor/cohorts/alpha/trainees/cadet4", as: teacher).status == .notFound)
            let record = try await client.send(.get, "/app/instructor/cohorts/alpha/trainees/cadet2", as: teacher)
            #expect(record.status == .ok && record.text.contains("Cadet2"))
        }
    }

    @Test("pre-test, post-test on the other form, counterbalanced; the gain is in the report")
    func prePost() async throws {
        let services = try await setUp()
        try await buildApplication(services).test(.router) { client in
            let teacher = try await client.signIn("teacher", Self.password)
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            // Nothing is open yet.
            #expect(try await client.form("/app/cohorts/alpha/test", ["_csrf": cadet.csrf], cookie: cadet.cookie).status == .conflict)
            #expect(try await phase(client, teacher, "alpha", "pre-test").status == .ok)
            let alpha = try #require(await services.store.cohort(code: "alpha"))
            var orders: [FormOrder] = []
            for login in ["cadet1", "cadet2", "cadet3"] {
                let account = try #require(await services.store.account(login: login))
                orders.append(try #require(await services.store.formOrder(cohortID: alpha.id, accountID: account.id).order))
            }
            #expect(abs(orders.count { $0 == .aFirst } - orders.count { $0 == .bFirst }) == 1, "half the cohort takes each form first")
            let dashboard = try await client.send(.get, "/app/dashboard", as: cadet)
            #expect(dashboard.text.contains("app/cohorts/alpha/test"))
            let pre = try await takeTest(client, cadet, cohort: "alpha", answers: ["pre-a": Self.formA, "pre-b": Self.formBWrong])
            // The wrong form, and a second start, are refused.
            let otherForm = pre.form == "pre-a" ? "pre-b" : "pre-a"
            let wrong = try await client.send(.post, "/api/attempts", json: #"{"assessment": "test:alpha:\#(otherForm)"}"#, as: cadet)
            #expect(wrong.status == .forbidden)
            #expect(try await client.form("/app/cohorts/alpha/test", ["_csrf": cadet.csrf], cookie: cadet.cookie).status == .conflict)
            // A trainee of another cohort cannot start this one's test.
            let outsider = try await client.signIn("cadet4", Self.password)
            #expect(try await client.send(.get, "/app/cohorts/alpha/test", as: outsider).status == .notFound)
            #expect(try await client.send(.post, "/api/attempts", json: #"{"assessment": "test:alpha:pre-a"}"#, as: outsider).status == .notFound)

            #expect(try await phase(client, teacher, "alpha", "post-test").status == .ok)
            let post = try await takeTest(client, cadet, cohort: "alpha", answers: ["pre-a": Self.formA, "pre-b": Self.formBWrong])
            #expect(post.form != pre.form, "the post-test is the other form")
            let report = try await client.send(.get, "/app/instructor/cohorts/alpha/report", as: teacher)
            #expect(report.status == .ok)
            let gain = post.percent - pre.percent
            #expect(report.text.contains("<th scope=\"row\">«report_pairs»</th><td>1</td>"))
            #expect(report.text.contains("<th scope=\"row\">«report_mean_gain»</th><td>\(gain).0</td>"))
            let csv = try await client.send(.get, "/app/instructor/cohorts/alpha/report.csv", as: teacher)
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.contains("summary,«report_pairs»,1\r\n"))
            // The same report through the JSON API: figures, no names; refused to another cohort's instructor and to nobody signed in.
            let json = try await client.send(.get, "/api/instructor/cohorts/alpha/report", as: teacher)
            let payload = try #require(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any])
            #expect((payload["gain"] as? [String: Any])?["pairs"] as? Int == 1 && payload["enrolled"] as? Int == 3)
            #expect((payload["gain"] as? [String: Any])?["mean_gain"] as? Double == Double(gain))
            #expect(!json.text.contains("cadet1") && !json.text.contains("Aida"))
            // Per objective: form A answered right (1.0 on each objective), form B wrong (partial credit at most), whichever came first.
            let objectives = try #require(payload["objectives"] as? [[String: Any]])
            #expect(objectives.map { $0["objective"] as? String } == ["q-1", "q-2"])
            let rightPhase = pre.form == "pre-a" ? "pre" : "post", wrongPhase = pre.form == "pre-a" ? "post" : "pre"
            #expect(objectives.allSatisfy { $0[rightPhase] as? Double == 1 && ($0[wrongPhase] as? Double ?? 1) < 0.5 })
            let other = try await client.signIn("other", Self.password)
            #expect(try await client.send(.get, "/api/instructor/cohorts/alpha/report", as: other).status == .forbidden)
            #expect(try await client.send(.get, "/api/instructor/cohorts/alpha/report").status == .unauthorized)
            // Test attempts are not quiz results: the mastery by objective leaves them out.
            #expect(try await services.store.objectiveMastery(cohortID: alpha.id).isEmpty)
        }
    }

    @Test("attendance is recorded per session, corrected in place, and refused with the input kept")
    func attendance() async throws {
        let services = try await setUp()
        try await buildApplication(services).test(.router) { client in
            let teacher = try await client.signIn("teacher", Self.password)
            let bad = try await client.form("/app/instructor/cohorts/alpha/attendance", [
                "_csrf": teacher.csrf, "day": "2027-02-30", "session": "questions", "present.cadet1": "1", "reason.cadet2": "ill",
            ], cookie: teacher.cookie)
            #expect(bad.status == .badRequest && bad.text.contains("value=\"ill\"") && bad.text.contains("«error_date»"))
            let alpha = try #require(await services.store.cohort(code: "alpha"))
            #expect(try await services.store.attendance(cohortIDs: [alpha.id]).isEmpty)
            let fields = ["_csrf": teacher.csrf, "day": "2027-02-01", "session": "questions", "present.cadet1": "1", "present.cadet3": "1", "reason.cadet2": "ill"]
            #expect(try await client.form("/app/instructor/cohorts/alpha/attendance", fields, cookie: teacher.cookie).status == .ok)
            var marks = try #require(await services.store.attendance(cohortIDs: [alpha.id])[alpha.id])
            #expect(marks.map(\.login) == ["cadet1", "cadet2", "cadet3"] && marks.map(\.present) == [true, false, true])
            #expect(marks[1].reason == "ill")
            // The same session again replaces the marks: cadet2 arrived after all.
            var corrected = fields
            corrected["present.cadet2"] = "1"
            #expect(try await client.form("/app/instructor/cohorts/alpha/attendance", corrected, cookie: teacher.cookie).status == .ok)
            marks = try #require(await services.store.attendance(cohortIDs: [alpha.id])[alpha.id])
            #expect(marks.count == 3 && marks.allSatisfy(\.present) && marks[1].reason == "")
            #expect(try await services.store.auditEntries().contains { $0.action == "attendance.record" && $0.actor == "account:teacher" })
        }
    }

    @Test("feedback is anonymous, once per trainee, and hidden below five answers")
    func feedback() async throws {
        let services = try await setUp()
        try await buildApplication(services).test(.router) { client in
            let teacher = try await client.signIn("teacher", Self.password)
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            var answers = ["_csrf": cadet.csrf, "relevance": "5", "clarity": "4", "confidence": "4", "instructors": "5", "most-useful": "The drill"]
            #expect(try await client.form("/app/cohorts/alpha/feedback", answers, cookie: cadet.cookie).status == .conflict, "not open yet")
            #expect(try await phase(client, teacher, "alpha", "feedback").status == .ok)
            answers["clarity"] = "9"
            let refused = try await client.form("/app/cohorts/alpha/feedback", answers, cookie: cadet.cookie)
            #expect(refused.status == .badRequest && refused.text.contains("The drill"))
            answers["clarity"] = "4"
            #expect(try await client.form("/app/cohorts/alpha/feedback", answers, cookie: cadet.cookie).status == .created)
            #expect(try await client.form("/app/cohorts/alpha/feedback", answers, cookie: cadet.cookie).status == .conflict)
            let report = try await client.send(.get, "/app/instructor/cohorts/alpha/report", as: teacher)
            #expect(report.text.contains("«feedback_hidden»") && !report.text.contains("The drill"))
        }
    }

    @Test("feedback from five answers is shown in the report: counts per rating, means and the free text")
    func feedbackShown() async throws {
        let services = try await setUp()
        let store = services.store
        let alpha = try #require(await store.cohort(code: "alpha"))
        let hash = try await Passwords(cost: 4).hash(Self.password)
        var roster = "name,login\n"
        for index in 1...3 {
            _ = try await store.createAccount(login: "extra\(index)", name: "Extra \(index)", role: .trainee, track: "pre-service",
                                              passwordHash: hash, mustChangePassword: false)
            roster += "Extra \(index),extra\(index)\n"
        }
        try await store.enrol(plan: try await store.planEnrolment(cohort: alpha, roster: roster), roster: roster, passwordHashes: [:], actor: "test")
        try await store.openPhase(.feedback, cohort: alpha, actor: "test")
        for (index, login) in ["cadet1", "cadet2", "cadet3", "extra1", "extra2"].enumerated() {
            let account = try #require(await store.account(login: login))
            let ratings = Dictionary(uniqueKeysWithValues: FeedbackSurvey.ratingItems.map { ($0, index + 1) })
            try await store.submitFeedback(cohort: alpha, accountID: account.id, answer: .init(ratings: ratings, texts: ["most-useful": "Answer \(index)"]))
        }
        let report = try await ProgrammeReport.build(services: services, cohorts: [alpha], since: nil, until: nil)
        #expect(report.feedback.answered == 5 && report.feedback.shown)
        #expect(report.feedback.distributions.first?.counts == [1, 1, 1, 1, 1] && report.feedback.distributions.first?.mean == 3)
        #expect(report.feedback.texts["most-useful"] == ["Answer 0", "Answer 1", "Answer 2", "Answer 3", "Answer 4"])
        #expect(report.enrolled == 6)
    }

    @Test("no column of the schema links a feedback answer to an account")
    func anonymityInSchema() async throws {
        let services = try await setUp()
        let alpha = try #require(await services.store.cohort(code: "alpha"))
        let cadet = try #require(await services.store.account(login: "cadet1"))
        try await services.store.openPhase(.feedback, cohort: alpha, actor: "test")
        try await services.store.submitFeedback(cohort: alpha, accountID: cadet.id, answer: .init(ratings: ["relevance": 3], texts: [:]))
        let columns = try await services.store.columns(of: "feedback_answer")
        #expect(Set(columns) == ["id", "cohort_id", "answers"])
        let given = try await services.store.columns(of: "feedback_given")
        #expect(Set(given) == ["cohort_id", "account_id"], "who answered, with no time to match an answer by")
        #expect(try await services.store.auditEntries().allSatisfy { !$0.action.contains("feedback") })
    }

    @Test("an administrator removes a trainee after confirming; the trainee's records stay")
    func removeMember() async throws {
        let services = try await setUp()
        try await buildApplication(services).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            let cadet = try #require(await services.store.account(login: "cadet2"))
            try await services.store.recordProgress(accountID: cadet.id, lesson: "open-prompts", contentHash: "h")
            let confirm = try await client.send(.get, "/app/admin/cohorts/alpha/members/cadet2/remove", as: boss)
            #expect(confirm.status == .ok && confirm.text.contains("«remove_member_text»") && confirm.text.contains("name=\"confirm\""))
            let alpha = try #require(await services.store.cohort(code: "alpha"))
            #expect(try await services.store.members(cohortID: alpha.id).count == 3, "nothing is removed before the confirmation")
            let removed = try await client.form("/app/admin/cohorts/alpha/members/cadet2/remove", ["_csrf": boss.csrf, "confirm": "yes"], cookie: boss.cookie)
            #expect(removed.status == .ok && removed.text.contains("«member_removed»"))
            #expect(try await !services.store.members(cohortID: alpha.id).contains { $0.login == "cadet2" })
            #expect(try await services.store.progress(accountID: cadet.id).count == 1)
            #expect(try await services.store.auditEntries().contains { $0.action == "cohort.remove" && $0.details == "account cadet2" })
            #expect(try await client.form("/app/admin/cohorts/alpha/members/cadet2/remove", ["_csrf": boss.csrf, "confirm": "yes"], cookie: boss.cookie).status == .notFound)
        }
    }

    @Test("exports carry the pre/post tests and attendance: CSV rows, and xAPI attempted, scored and attended")
    func exports() async throws {
        let services = try await setUp()
        try await buildApplication(services).test(.router) { client in
            let teacher = try await client.signIn("teacher", Self.password)
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            _ = try await phase(client, teacher, "alpha", "pre-test")
            let pre = try await takeTest(client, cadet, cohort: "alpha", answers: ["pre-a": Self.formA, "pre-b": Self.formBWrong])
            _ = try await client.form("/app/instructor/cohorts/alpha/attendance", [
                "_csrf": teacher.csrf, "day": "2027-02-01", "session": "questions", "present.cadet1": "1", "reason.cadet2": "ill",
            ], cookie: teacher.cookie)
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            let csv = try await client.form("/app/admin/export", ["_csrf": boss.csrf, "format": "csv", "cohort": "alpha"], cookie: boss.cookie)
            #expect(csv.status == .ok)
            let lines = csv.text.split(separator: "\r\n").map(String.init)
            #expect(lines.contains { $0.hasPrefix("cadet1,") && $0.contains(",test,alpha/pre-test,") && $0.contains(",\(pre.percent),1,taken,") })
            #expect(lines.contains { $0.hasPrefix("cadet1,") && $0.contains(",attendance,alpha/2027-02-01/questions,") && $0.contains(",present,") })
            #expect(lines.contains { $0.hasPrefix("cadet2,") && $0.contains(",attendance,alpha/2027-02-01/questions,") && $0.contains(",absent,") })
            let xapi = try await client.form("/app/admin/export", ["_csrf": boss.csrf, "format": "xapi", "cohort": "alpha"], cookie: boss.cookie)
            let statements = xapi.text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            func verbs(_ login: String) -> [String] {
                statements.filter { (($0["actor"] as? [String: Any])?["account"] as? [String: Any])?["name"] as? String == login }
                    .compactMap { ($0["verb"] as? [String: Any])?["id"] as? String }
            }
            #expect(verbs("cadet1").contains("http://adlnet.gov/expapi/verbs/attempted"))
            #expect(verbs("cadet1").contains("http://adlnet.gov/expapi/verbs/scored"))
            #expect(verbs("cadet1").contains("http://adlnet.gov/expapi/verbs/attended"))
            #expect(!verbs("cadet2").contains("http://adlnet.gov/expapi/verbs/attended"), "an absence is no attendance statement")
            let scored = statements.first { ($0["verb"] as? [String: Any])?["id"] as? String == "http://adlnet.gov/expapi/verbs/scored" }
            #expect(((scored?["result"] as? [String: Any])?["score"] as? [String: Any])?["raw"] as? Int == pre.percent)
        }
    }

    @Test("the period report covers the cohorts running in it; a bad period comes back with the message beside its field")
    func periodReport() async throws {
        let services = try await setUp()
        try await buildApplication(services).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            #expect(try await client.send(.get, "/app/admin/report", as: boss).status == .ok)
            let bad = try await client.send(.get, "/app/admin/report?since=2027-03-01&until=2027-01-01", as: boss)
            #expect(bad.status == .badRequest && bad.text.contains("value=\"2027-03-01\""))
            let report = try await client.send(.get, "/app/admin/report?since=2027-01-01&until=2027-12-31", as: boss)
            #expect(report.status == .ok && report.text.contains("<th scope=\"row\">«report_cohorts»</th><td>2</td>"))
            #expect(report.text.contains("<th scope=\"row\">«report_enrolled»</th><td>4</td>"))
            #expect(report.text.contains("<th scope=\"row\">«report_instructors»</th><td>2</td>"))
            let none = try await client.send(.get, "/app/admin/report?since=2030-01-01", as: boss)
            #expect(none.text.contains("<th scope=\"row\">«report_cohorts»</th><td>0</td>"))
        }
    }
}
