import AcademyCore
import AcademyServer
import AcademyStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Quizzes and examinations")
struct QuizTests {
    struct Payload: Decodable {
        struct Option: Decodable { var index: Int; var text: String }
        struct Question: Decodable { var id: String; var kind: String; var options: [Option]?; var left: [String]? }
        var id: Int64
        var status: String
        var questions: [Question]?
        var percent: Int?
        var passed: Bool?
    }

    func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(T.self, from: Data(response.text.utf8))
    }

    /// The right answers to every fixture question, as JSON.
    static let rightAnswers = #"""
    {"answers":{"q-single":{"choice":1},"q-multiple":{"choices":[0,1]},"q-truth":{"truth":true},"q-order":{"order":[0,1,2]},
    "q-match":{"matches":[0,1,2]},"q-classify":{"prompt_type":"cued-invitation"}}}
    """#

    @Test("an attempt is drawn, shown without any key, graded on the server, and reviewed")
    func apiRoundTrip() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let started = try await client.send(.post, "/api/attempts", json: #"{"assessment":"quiz:questions"}"#, as: cadet)
            #expect(started.status == .created)
            let attempt = try decode(Payload.self, started)
            #expect(attempt.status == "in-progress")
            #expect(Set(attempt.questions?.map(\.id) ?? []) == Set(Fixture.questions.map(\.id)))
            // Starting again resumes the same attempt.
            #expect(try decode(Payload.self, try await client.send(.post, "/api/attempts", json: #"{"assessment":"quiz:questions"}"#, as: cadet)).id == attempt.id)

            let submitted = try await client.send(.post, "/api/attempts/\(attempt.id)/submission", json: Self.rightAnswers, as: cadet)
            #expect(submitted.status == .ok)
            let result = try decode(Payload.self, submitted)
            #expect(result.percent == 100)
            #expect(result.passed == true)
            #expect(result.questions == nil)

            let again = try await client.send(.post, "/api/attempts/\(attempt.id)/submission", json: Self.rightAnswers, as: cadet)
            #expect(again.status == .conflict)

            let review = try await client.send(.get, "/api/attempts/\(attempt.id)/review", as: cadet)
            #expect(review.status == .ok)
            #expect(review.text.contains("SECRET-EXPLANATION-single"))
            #expect(review.text.contains(#""correct_answer":{"prompt_type":"cued-invitation"}"#))
        }
    }

    @Test("partial and wrong answers are graded, and the review shows the feedback for wrong choices")
    func partialCredit() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let attempt = try decode(Payload.self, try await client.send(.post, "/api/attempts", json: #"{"assessment":"quiz:questions"}"#, as: cadet))
            // single wrong (0), multiple half (0.5), truth right (1), order wrong (0), matching 1/3, classification wrong (0): 1.83/6 = 30%.
            let answers = #"{"answers":{"q-single":{"choice":0},"q-multiple":{"choices":[0]},"q-truth":{"truth":true},"q-order":{"order":[1,0,2]},"q-match":{"matches":[0,2,1]},"q-classify":{"prompt_type":"directive"}}}"#
            let result = try decode(Payload.self, try await client.send(.post, "/api/attempts/\(attempt.id)/submission", json: answers, as: cadet))
            #expect(result.percent == 30)
            #expect(result.passed == false)
            let review = try await client.send(.get, "/api/attempts/\(attempt.id)/review", as: cadet)
            #expect(review.text.contains("SECRET-FEEDBACK-classify"))
        }
    }

    @Test("tampered submissions are refused and change nothing", arguments: [
        (#"{"answers":{"q-unknown":{"choice":0}}}"#, HTTPResponse.Status.badRequest, "q-unknown"),
        (#"{"answers":{"q-single":{"truth":true}}}"#, .badRequest, "q-single"),
        (#"{"answers":{"q-single":{"choice":99}}}"#, .badRequest, "q-single"),
        (#"{"answers":{"q-order":{"order":[0,0,1]}}}"#, .badRequest, "q-order"),
        (#"{"answers":{"q-single":{"choice":"one"}}}"#, .badRequest, "q-single"),
        (#"{"answers":{"q-single":{"choice":1.5}}}"#, .badRequest, "q-single"),
        (#"{"answers":{"q-single":{"choice":0,"truth":true}}}"#, .badRequest, "q-single"),
        (#"{"answer":{}}"#, .badRequest, "answers"),
        (#"{"answers":[]}"#, .badRequest, "answers"),
        (#"{"answers":{"q-single":{"choice":1}}}"# + String(repeating: " ", count: 5000), .contentTooLarge, ""),
    ])
    func tampered(body: String, status: HTTPResponse.Status, field: String) async throws {
        let services = try await Fixture.services()
        try await buildApplication(services).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let attempt = try decode(Payload.self, try await client.send(.post, "/api/attempts", json: #"{"assessment":"quiz:questions"}"#, as: cadet))
            let response = try await client.send(.post, "/api/attempts/\(attempt.id)/submission", json: body, as: cadet)
            #expect(response.status == status)
            if !field.isEmpty { #expect(response.text.contains(#""field":"\#(field)"#), "\(response.text)") }
            #expect(try await services.store.attempt(id: attempt.id)?.submittedAt == nil)
        }
    }

    @Test("a submission after the time limit is recorded as expired, scored nothing, and counts as an attempt")
    func lateSubmission() async throws {
        let services = try await Fixture.services()
        let account = try #require(try await services.store.account(login: "cadet1"))
        let past = Date().addingTimeInterval(-3600)
        let attempt = try await services.store.startAttempt(
            accountID: account.id, assessment: "quiz:questions", now: past,
            draw: { (7, DrawPlan(bank: Fixture.course.questionBanks[0]).draw(seed: 7)) },
            deadline: past.addingTimeInterval(20 * 60), contentHash: "c", check: { _ in }
        )
        try await buildApplication(services).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let response = try await client.send(.post, "/api/attempts/\(attempt.id)/submission", json: Self.rightAnswers, as: cadet)
            #expect(response.status == .ok)
            let result = try decode(Payload.self, response)
            #expect(result.status == "expired")
            #expect(result.percent == nil)
            #expect(result.passed == false)
            #expect(try await client.send(.get, "/api/attempts/\(attempt.id)/review", as: cadet).status == .forbidden)
        }
        #expect(try await services.store.answers(attemptID: attempt.id).isEmpty)
    }

    @Test("a body that is JSON but does not fit (a number too large) is told apart from one that is not JSON")
    func oversizedNumber() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let started = try decode(Payload.self, try await client.send(.post, "/api/attempts", json: #"{"assessment":"quiz:questions"}"#, as: cadet))
            let huge = try await client.send(.post, "/api/attempts/\(started.id)/submission",
                                             json: #"{"answers":{"q-single":{"choice":-23906951750080261226162552832}}}"#, as: cadet)
            #expect(huge.status == .badRequest)
            #expect(!huge.text.contains("not valid JSON"))
            let broken = try await client.send(.post, "/api/attempts/\(started.id)/submission", json: #"{"answers":"#, as: cadet)
            #expect(broken.status == .badRequest && broken.text.contains("not valid JSON"))
            let again = try decode(Payload.self, try await client.send(.get, "/api/attempts/\(started.id)", as: cadet))
            #expect(again.status == "open" || again.percent == nil, "nothing was recorded")
        }
    }

    @Test("attempts allowed, and no second attempt at an exam allowing one")
    func attemptLimits() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let exam = try decode(Payload.self, try await client.send(.post, "/api/attempts", json: #"{"assessment":"exam:final"}"#, as: cadet))
            #expect(exam.questions?.count == 3)
            _ = try await client.send(.post, "/api/attempts/\(exam.id)/submission", json: #"{"answers":{}}"#, as: cadet)
            let refused = try await client.send(.post, "/api/attempts", json: #"{"assessment":"exam:final"}"#, as: cadet)
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("all 1 attempts have been used"))
            // The exam's review policy is "never".
            #expect(try await client.send(.get, "/api/attempts/\(exam.id)/review", as: cadet).status == .forbidden)
            #expect(try await client.send(.post, "/api/attempts", json: #"{"assessment":"quiz:nothing"}"#, as: cadet).status == .notFound)
        }
    }

    @Test("another trainee's attempt is not found")
    func ownership() async throws {
        let services = try await Fixture.services()
        let passwords = Passwords(cost: 4)
        _ = try await services.store.createAccount(login: "cadet2", name: "Other", role: .trainee, track: "pre-service",
                                                   passwordHash: try await passwords.hash("other-password-1"), mustChangePassword: false)
        try await buildApplication(services).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let attempt = try decode(Payload.self, try await client.send(.post, "/api/attempts", json: #"{"assessment":"quiz:questions"}"#, as: cadet))
            let other = try await client.signIn("cadet2", "other-password-1")
            #expect(try await client.send(.get, "/api/attempts/\(attempt.id)", as: other).status == .notFound)
            #expect(try await client.send(.post, "/api/attempts/\(attempt.id)/submission", json: Self.rightAnswers, as: other).status == .notFound)
        }
    }

    @Test("no answer key, feedback or explanation reaches the browser before submission")
    func noLeakage() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let payload = try await client.send(.post, "/api/attempts", json: #"{"assessment":"quiz:questions"}"#, as: cadet)
            let attempt = try decode(Payload.self, payload)
            let page = try await client.send(.get, "/app/attempts/\(attempt.id)", as: cadet)
            let intro = try await client.send(.get, "/app/quiz/questions", as: cadet)
            for response in [payload, page, intro] {
                #expect(!response.text.contains("SECRET-"), "\(response.text)")
                #expect(!response.text.contains("correct"))
                #expect(!response.text.contains("\"prompt_type\""))
                #expect(!response.text.contains("\"answer\""))
                #expect(!response.text.contains(" checked"))
            }
            // Every kind is on the page with native controls.
            for kind in QuestionKind.allCases { #expect(page.text.contains("question-\(kind.rawValue)")) }
        }
    }

    @Test("the pages: start from the quiz page, answer in the form, see the result and the review")
    func pages() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let intro = try await client.send(.get, "/app/quiz/questions", as: cadet)
            #expect(intro.status == .ok)
            let started = try await client.form("/app/quiz/questions", ["_csrf": cadet.csrf], cookie: cadet.cookie)
            #expect(started.status == .seeOther)
            let location = try #require(started.headers[.location])
            let id = try #require(location.split(separator: "/").last.flatMap { Int64($0) })
            let form = [
                "_csrf": cadet.csrf, "q.q-single": "1", "q.q-multiple": "0", "q.q-truth": "true",
                "q.q-order.0": "1", "q.q-order.1": "2", "q.q-order.2": "3",
                "q.q-match.0": "0", "q.q-match.1": "1", "q.q-match.2": "2", "q.q-classify": "cued-invitation",
            ]
            let submitted = try await client.form("/app/attempts/\(id)", form, cookie: cadet.cookie)
            #expect(submitted.status == .seeOther)
            let result = try await client.send(.get, "/app/attempts/\(id)", as: cadet)
            // Everything right but half of the multiple choice: 5.5 / 6 = 91%.
            #expect(result.text.contains("Score 91%"))
            #expect(result.text.contains("SECRET-EXPLANATION-order"))
            #expect(result.text.contains("result-passed"))
            let dashboard = try await client.send(.get, "/app/dashboard", as: cadet)
            #expect(dashboard.text.contains("best 91%"))
            #expect(dashboard.text.contains("Classify prompts."))
        }
    }

    @Test("the classification drill gives feedback at once and records nothing")
    func drill() async throws {
        let services = try await Fixture.services()
        try await buildApplication(services).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let page = try await client.send(.get, "/app/drill", as: cadet)
            #expect(page.text.contains("Tell me more about the garage."))
            #expect(!page.text.contains("SECRET-"))
            let wrong = try await client.form("/app/drill", ["_csrf": cadet.csrf, "question": "q-classify", "answer": "directive"], cookie: cadet.cookie)
            #expect(wrong.text.contains("SECRET-FEEDBACK-classify"))
            #expect(wrong.text.contains("status-wrong"))
            let right = try await client.form("/app/drill", ["_csrf": cadet.csrf, "question": "q-classify", "answer": "cued-invitation"], cookie: cadet.cookie)
            #expect(right.text.contains("status-done"))
        }
        let account = try #require(try await services.store.account(login: "cadet1"))
        #expect(try await services.store.attempts(accountID: account.id).isEmpty)
    }

    @Test("the drill does not give away the answer to a question of the trainee's attempt in progress")
    func drillDuringAttempt() async throws {
        let services = try await Fixture.services()
        let account = try #require(try await services.store.account(login: "cadet1"))
        let attempt = try await services.store.startAttempt(
            accountID: account.id, assessment: "quiz:questions", now: Date(), draw: { (1, [DrawnQuestion(id: "q-classify", order: [])]) },
            deadline: Date().addingTimeInterval(20 * 60), contentHash: "c", check: { _ in })
        try await buildApplication(services).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let asked = try await client.form("/app/drill", ["_csrf": cadet.csrf, "question": "q-classify", "answer": "directive"], cookie: cadet.cookie)
            #expect(asked.status == .conflict)
            #expect(!asked.text.contains("SECRET-"))
            #expect(asked.text.contains("<main") && asked.text.contains("Submit it, then practise."), "a page, not JSON, for a form")
            // Nor is it offered: it is the fixture's only classification item.
            let page = try await client.send(.get, "/app/drill", as: cadet)
            #expect(page.status == .notFound)
            #expect(!page.text.contains("Tell me more about the garage."))
            #expect(page.text.contains("Submit it, then practise."), "the page says why and what to do")

            _ = try await services.store.submit(attempt, answers: [], percent: 0, passed: false, now: Date())
            let after = try await client.form("/app/drill", ["_csrf": cadet.csrf, "question": "q-classify", "answer": "directive"], cookie: cadet.cookie)
            #expect(after.status == .ok)
            #expect(after.text.contains("SECRET-FEEDBACK-classify"))
        }
    }
}
