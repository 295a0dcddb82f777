import AcademyCore
import AcademyServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Guards and ways back: sign-in returns, examination prerequisites, incomplete submissions, the quiz list")
struct GuardTests {
    /// The fixture's services over a course changed by `change`.
    static func services(_ change: (inout Course) -> Void) async throws -> AcademyServices {
        let base = try await Fixture.services()
        var course = base.course
        change(&course)
        return AcademyServices(configuration: base.configuration, store: base.store, course: course, site: base.site, openAPI: base.openAPI)
    }

    @Test("a signed-out visitor is told why sign-in is needed and taken back to the page afterwards, never to another site")
    func signInReturns() async throws {
        let services = try await Fixture.services()
        try await buildApplication(services).test(.router) { client in
            let asked = try await client.send(.get, "/app/quiz/questions")
            let location = try #require(asked.headers[.location])
            #expect(location.contains("app/sign-in?required&next=%2Fapp%2Fquiz%2Fquestions"), "got \(location)")
            let page = try await client.send(.get, "/app/sign-in?required&next=%2Fapp%2Fquiz%2Fquestions")
            #expect(page.text.contains("«sign_in_required»"))
            #expect(page.text.contains("name=\"next\" value=\"/app/quiz/questions\""))
            let token = try #require(page.cookie(named: "academy_form"))
            func signIn(next: String) async throws -> String? {
                try await client.form("/app/sign-in", ["_csrf": token, "login": "cadet1", "password": Fixture.traineePassword, "next": next],
                                      cookie: "academy_form=\(token)").headers[.location]
            }
            #expect(try await signIn(next: "/app/quiz/questions") == "../app/quiz/questions")
            #expect(try await signIn(next: "/en/questions/phases/index.html?x=1") == "../en/questions/phases/index.html?x=1")
            for hostile in ["//evil.example/x", "/\\evil.example", "https://evil.example/", "/app/sign-out", "javascript:alert(1)", "/a b"] {
                #expect(try await signIn(next: hostile) == "../app/", "\(hostile) was followed")
            }
        }
    }

    @Test("a first sign-in changes its one-time password, then goes on to the page it was for, never to another site",
          arguments: [("/app/quiz/questions", "../app/quiz/questions"), ("//evil.example", "../app/"), ("https://evil.example/x", "../app/")])
    func firstSignInReturns(next: String, expected: String) async throws {
        let services = try await Fixture.services()
        try await buildApplication(services).test(.router) { client in
            let signedIn = try await client.form("/app/sign-in", ["_csrf": "form-token", "login": "fresh", "password": "one-time-pass-1", "next": next],
                                                 cookie: "academy_form=form-token")
            let session = try #require(signedIn.cookie(named: "academy_session"))
            let cookie = "academy_session=\(session)"
            let kept = expected != "../app/"
            // The password comes first, the way on carried in the query only when it is a path of this site.
            #expect(signedIn.headers[.location] == (kept ? "../app/password?next=%2Fapp%2Fquiz%2Fquestions" : "../app/password"))
            // The password page checks the query again, and keeps the way on in its form.
            let form = try await client.send(.get, "/app/password?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                                             headers: [.cookie: cookie])
            #expect(form.status == .ok)
            #expect(form.text.contains("name=\"next\" value=\"\(next)\"") == kept, "\(next) in the password form")
            let me = try await client.send(.get, "/api/me", headers: [.cookie: cookie])
            let csrf = try #require(me.text.firstMatch(of: /"csrf_token":"([^"]+)"/)?.output.1)
            // A refused change keeps the way on.
            let refused = try await client.form("/app/password", [
                "_csrf": String(csrf), "current_password": "not-the-password", "new_password": "a-long-new-passphrase-7",
                "repeat_password": "a-long-new-passphrase-7", "next": next,
            ], cookie: cookie)
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("name=\"next\" value=\"\(next)\"") == kept)
            // Even a crafted form's `next` leads only to a path of this site.
            let changed = try await client.form("/app/password", [
                "_csrf": String(csrf), "current_password": "one-time-pass-1", "new_password": "a-long-new-passphrase-7",
                "repeat_password": "a-long-new-passphrase-7", "next": next,
            ], cookie: cookie)
            #expect(changed.status == .seeOther)
            #expect(changed.headers[.location] == expected)
            if kept { #expect(try await client.send(.get, next, headers: [.cookie: cookie]).status == .ok) }
        }
    }

    @Test("an examination names its prerequisites: the server says what is missing, and refuses another track's trainee")
    func examPrerequisites() async throws {
        let services = try await Self.services { course in
            course.exams[0].prerequisites = .init(lessonsStudied: true, quizzesPassed: true)
            course.tracks.append(Track(id: "in-service", title: "In-service", summary: "", modules: ["questions"], exam: nil))
        }
        _ = try await services.store.createAccount(login: "officer", name: "Officer", role: .trainee, track: "in-service",
                                                   passwordHash: try await Passwords(cost: 4).hash(Fixture.traineePassword), mustChangePassword: false)
        try await buildApplication(services).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let refused = try await client.send(.post, "/api/attempts", json: #"{"assessment":"exam:final"}"#, as: cadet)
            #expect(refused.status == .conflict)
            // The API says it in the words of the examination's page, with a code to branch on.
            #expect(refused.text.contains(#""code":"exam_prerequisites""#))
            #expect(refused.text.contains("«exam_before» «exam_missing_lessons» «exam_missing_quizzes»"))
            let intro = try await client.send(.get, "/app/exam/final", as: cadet)
            #expect(intro.text.contains("«exam_before»") && intro.text.contains("«exam_missing_lessons»"))
            #expect(!intro.text.contains("«start_attempt»"), "the examination offers a start button before its prerequisites")
            // Study both lessons: the lessons are no longer missing, the quiz still is.
            for lesson in ["open-prompts", "phases"] {
                _ = try await client.send(.post, "/api/progress", json: #"{"lesson":"\#(lesson)"}"#, as: cadet)
            }
            let still = try await client.send(.post, "/api/attempts", json: #"{"assessment":"exam:final"}"#, as: cadet)
            #expect(still.status == .conflict && !still.text.contains("«exam_missing_lessons»") && still.text.contains("«exam_missing_quizzes»"))
            // Another track's trainee is refused outright.
            let officer = try await client.signIn("officer", Fixture.traineePassword)
            let other = try await client.send(.post, "/api/attempts", json: #"{"assessment":"exam:final"}"#, as: officer)
            #expect(other.status == .forbidden && other.text.contains(#""code":"exam_other_track""#))
            let cadetID = try #require(try await services.store.account(login: "cadet1")).id
            #expect(try await services.store.attempts(accountID: cadetID).isEmpty)
        }
    }

    @Test("an incomplete submission comes back as filled in, asking to confirm, and uses no attempt until confirmed")
    func incompleteSubmission() async throws {
        let services = try await Fixture.services()
        try await buildApplication(services).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let started = try await client.send(.post, "/api/attempts", json: #"{"assessment":"quiz:questions"}"#, as: cadet)
            let id = try #require(started.text.firstMatch(of: /"id":(\d+)/)?.output.1)
            let fields = ["_csrf": cadet.csrf, "q.q-truth": "true", "q.q-single": "1"]
            let back = try await client.form("/app/attempts/\(id)", fields, cookie: cadet.cookie)
            #expect(back.status == .ok)
            #expect(back.text.contains("«confirm_incomplete»") && back.text.contains("name=\"confirm\" value=\"incomplete\""))
            // What was answered stays chosen; what was not is marked.
            #expect(back.text.contains("name=\"q.q-truth\" value=\"true\" checked"))
            #expect(back.text.contains("name=\"q.q-single\" value=\"1\" checked"))
            #expect(back.text.components(separatedBy: "question-unanswered").count - 1 == 4)
            #expect(try await services.store.attempt(id: Int64(id)!)?.submittedAt == nil, "the attempt was used up without confirmation")
            // Confirmed, it is graded.
            var confirmed = fields
            confirmed["confirm"] = "incomplete"
            #expect(try await client.form("/app/attempts/\(id)", confirmed, cookie: cadet.cookie).status == .seeOther)
            #expect(try await services.store.attempt(id: Int64(id)!)?.submittedAt != nil)
        }
    }

    @Test("the dashboard lists each module's quiz in track order with its status, best score and attempts left, then the examination")
    func quizzesOnDashboard() async throws {
        let services = try await Fixture.services()
        try await buildApplication(services).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let before = try await client.send(.get, "/app/dashboard", as: cadet).text
            #expect(before.contains("id=\"quizzes\""))
            #expect(before.contains("href=\"../app/quiz/questions\">Questions</a> <span class=\"meta\">«quiz_not_started» · «quiz_attempts_left»"))
            #expect(before.contains("href=\"../app/exam/final\">Final</a>"))
            #expect(before.range(of: "app/quiz/questions")!.lowerBound < before.range(of: "app/exam/final")!.lowerBound)
            // After a failed attempt: failed, the best score, one attempt used.
            let started = try await client.send(.post, "/api/attempts", json: #"{"assessment":"quiz:questions"}"#, as: cadet)
            let id = try #require(started.text.firstMatch(of: /"id":(\d+)/)?.output.1)
            _ = try await client.send(.post, "/api/attempts/\(id)/submission", json: #"{"answers":{"q-truth":{"truth":true}}}"#, as: cadet)
            let after = try await client.send(.get, "/app/dashboard", as: cadet).text
            #expect(after.contains(/«failed» · best \d+% · «quiz_attempts_left»/), "got \(after)")
        }
    }

    struct Standing: Decodable, Equatable {
        var status: String
        var best: Int?
        var attemptsUsed: Int
        var attemptsAllowed: Int
    }

    func standing(_ response: TestResponse) throws -> Standing {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Standing.self, from: Data(response.text.utf8))
    }

    @Test("GET /api/quizzes/{module} says where the trainee stands with that module's quiz only, as the dashboard does")
    func quizStandingAPI() async throws {
        // A second module with a quiz of its own (and three attempts), in the same track.
        let services = try await Self.services { course in
            var second = course.modules[0]
            second.id = "second"
            second.number = 2
            course.modules.append(second)
            course.tracks[0].modules.append("second")
            var bank = course.questionBanks[0]
            bank.module = "second"
            bank.rules.attemptsAllowed = 3
            bank.questions = bank.questions.map { question in
                var question = question
                question.id = "second-" + question.id
                return question
            }
            course.questionBanks.append(bank)
        }
        try await buildApplication(services).test(.router) { client in
            // Signed out: 401 as JSON, never the page's redirect; an administrator is not a trainee.
            let anonymous = try await client.send(.get, "/api/quizzes/questions")
            #expect(anonymous.status == .unauthorized && anonymous.text.contains(#""code":"sign_in_first""#))
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            #expect(try await client.send(.get, "/api/quizzes/questions", as: boss).status == .forbidden)

            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let before = try await client.send(.get, "/api/quizzes/questions", as: cadet)
            #expect(before.status == .ok)
            #expect(before.headers[.cacheControl] == "no-store")
            #expect(!before.text.contains("best"), "a best score before any attempt: \(before.text)")
            #expect(try standing(before) == Standing(status: "not-started", best: nil, attemptsUsed: 0, attemptsAllowed: 2))
            // An attempt open: in progress, one attempt used.
            let started = try await client.send(.post, "/api/attempts", json: #"{"assessment":"quiz:questions"}"#, as: cadet)
            let id = try #require(started.text.firstMatch(of: /"id":(\d+)/)?.output.1)
            #expect(try standing(try await client.send(.get, "/api/quizzes/questions", as: cadet))
                == Standing(status: "in-progress", best: nil, attemptsUsed: 1, attemptsAllowed: 2))
            // Failed: the best score, as the attempt was graded.
            let graded = try await client.send(.post, "/api/attempts/\(id)/submission", json: #"{"answers":{"q-truth":{"truth":true}}}"#, as: cadet)
            let percent = try #require(graded.text.firstMatch(of: /"percent":(\d+)/).flatMap { Int($0.output.1) })
            #expect(try standing(try await client.send(.get, "/api/quizzes/questions", as: cadet))
                == Standing(status: "failed", best: percent, attemptsUsed: 1, attemptsAllowed: 2))
            // The other module's quiz is untouched by it, with its own rules.
            #expect(try standing(try await client.send(.get, "/api/quizzes/second", as: cadet))
                == Standing(status: "not-started", best: nil, attemptsUsed: 0, attemptsAllowed: 3))
            // Passed, after the failure: passed, the best of the two.
            let again = try await client.send(.post, "/api/attempts", json: #"{"assessment":"quiz:questions"}"#, as: cadet)
            let second = try #require(again.text.firstMatch(of: /"id":(\d+)/)?.output.1)
            _ = try await client.send(.post, "/api/attempts/\(second)/submission", json: QuizTests.rightAnswers, as: cadet)
            #expect(try standing(try await client.send(.get, "/api/quizzes/questions", as: cadet))
                == Standing(status: "passed", best: 100, attemptsUsed: 2, attemptsAllowed: 2))
            // Another trainee's standing is their own.
            let other = try await services.store.createAccount(login: "cadet2", name: "Cadet Two", role: .trainee, track: "pre-service",
                                                               passwordHash: try await Passwords(cost: 4).hash(Fixture.traineePassword), mustChangePassword: false)
            #expect(other.login == "cadet2")
            let cadet2 = try await client.signIn("cadet2", Fixture.traineePassword)
            #expect(try standing(try await client.send(.get, "/api/quizzes/questions", as: cadet2)).status == "not-started")
            // An unknown module, or a module's id that is an examination's: 404 naming it.
            for unknown in ["nowhere", "final"] {
                let missing = try await client.send(.get, "/api/quizzes/\(unknown)", as: cadet)
                #expect(missing.status == .notFound, "\(unknown): \(missing.status)")
                #expect(missing.text.contains("«error_no_quiz»") || missing.text.contains(unknown), "\(missing.text)")
            }
        }
    }
}
