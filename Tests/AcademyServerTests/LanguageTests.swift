import AcademyCore
import AcademyServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Every message the server shows comes from the UI strings: a page or an API error asked for in Russian
/// or Kyrgyz has no English sentence in it, and every API error has a code to branch on.
@Suite("Messages in the request's language")
struct LanguageTests {
    /// The fixture course in English, Russian and Kyrgyz, with the course's own locale files, and a quiz
    /// that makes a trainee wait an hour after a failed attempt.
    static func services() async throws -> AcademyServices {
        let base = try await Fixture.services()
        var course = base.course
        course.languages = ["en", "ru", "ky"]
        course.strings = try Dictionary(uniqueKeysWithValues: course.languages.map { ($0, try LocaleFile.values("Curriculum/locales/\($0).yaml")) })
        course.questionBanks[0].rules = AttemptRules(passMark: 80, timeLimitMinutes: 20, attemptsAllowed: 3, cooldownMinutes: 60, review: .immediately)
        return AcademyServices(configuration: base.configuration, store: base.store, course: course, site: base.site, openAPI: base.openAPI)
    }

    /// English words that no Russian or Kyrgyz page needs, found in what a reader sees (text, not markup).
    /// The fixture's own content (titles such as "Mock interview", names) has none of them.
    static func english(in html: String) -> [String] {
        var text = html.replacing(/<script[\s\S]*?<\/script>/, with: " ").replacing(/<style[\s\S]*?<\/style>/, with: " ")
        text = text.replacing(/<[^>]*>/, with: " ").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
        let words: Set<String> = [
            "the", "of", "is", "are", "has", "have", "not", "yet", "at", "before", "by", "your", "you", "this", "and", "or", "to", "no", "with",
            "opens", "next", "attempt", "attempts", "passed", "studied", "lessons", "quizzes", "module", "current", "held", "below", "scored",
            "been", "already", "used", "all", "sign", "first", "such", "page", "role", "needs", "certification", "assessing", "critical",
        ]
        return text.matches(of: /[A-Za-z]+(?:'[a-z]+)?/).map { String($0.output).lowercased() }.filter(words.contains)
    }

    @Test("the quiz cool-down, the certification checklist and the refusal pages have no English sentence", arguments: ["ru", "ky"])
    func pagesInLanguage(language: String) async throws {
        let services = try await Self.services()
        try await buildApplication(services).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let attempt = try await client.send(.post, "/api/attempts?lang=\(language)", json: #"{"assessment":"quiz:questions"}"#, as: cadet)
            let id = try #require(attempt.text.firstMatch(of: /"id":(\d+)/)?.output.1)
            _ = try await client.send(.post, "/api/attempts/\(id)/submission", json: #"{"answers":{}}"#, as: cadet)

            // The quiz's page after a failed attempt: the cool-down, in the page's language.
            let quiz = try await client.send(.get, "/app/quiz/questions?lang=\(language)", as: cadet)
            let strings = UIStrings(language: language, values: services.course.strings[language] ?? [:])
            let waitPrefix = String(strings[.quizCoolingDown].prefix { $0 != "{" })
            #expect(quiz.status == .ok && quiz.text.contains(waitPrefix), "no cool-down message in \(language)")
            #expect(Self.english(in: quiz.text).isEmpty, "English on the \(language) quiz page: \(Self.english(in: quiz.text))")

            // The certification checklist.
            let certifications = try await client.send(.get, "/app/certifications?lang=\(language)", as: cadet)
            #expect(certifications.text.contains("class=\"checklist\"") && certifications.text.contains(strings.requirement(.lessons(studied: 0, total: 2))))
            #expect(Self.english(in: certifications.text).isEmpty, "English on the \(language) checklist: \(Self.english(in: certifications.text))")

            // Refusals on pages: an attempt that does not exist, another role's page, assessing without certification.
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            for (path, who, status) in [("/app/attempts/999", cadet, HTTPResponse.Status.notFound), ("/app/admin", cadet, .forbidden),
                                        ("/app/assess", boss, .forbidden), ("/app/drill/nothing", cadet, .notFound)] {
                let separator = path.contains("?") ? "&" : "?"
                let page = try await client.send(.get, path + separator + "lang=\(language)", as: who)
                #expect(page.status == status, "\(path)")
                #expect(page.text.contains("<main"), "\(path) is not a page")
                #expect(Self.english(in: page.text).isEmpty, "English on the \(language) page \(path): \(Self.english(in: page.text))")
            }
            // The same page in English does show English: the check above can fail.
            let english = try await client.send(.get, "/app/quiz/questions?lang=en", as: cadet)
            #expect(Self.english(in: english.text).contains("opens"))
        }
    }

    @Test("an API error has a stable code, and its message is in the request's language", arguments: ["en", "ru", "ky"])
    func apiErrors(language: String) async throws {
        let services = try await Self.services()
        try await buildApplication(services).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let attempt = try await client.send(.post, "/api/attempts", json: #"{"assessment":"quiz:questions"}"#, as: cadet)
            let id = try #require(attempt.text.firstMatch(of: /"id":(\d+)/)?.output.1)
            _ = try await client.send(.post, "/api/attempts/\(id)/submission", json: #"{"answers":{}}"#, as: cadet)
            let strings = UIStrings(language: language, values: services.course.strings[language] ?? [:])
            let cases: [(response: TestResponse, status: HTTPResponse.Status, code: String, message: String?)] = [
                (try await client.send(.get, "/api/progress?lang=\(language)"), .unauthorized, "sign_in_first", strings[.errorSignInFirst]),
                (try await client.send(.post, "/api/attempts?lang=\(language)", json: #"{"assessment":"quiz:questions"}"#, as: cadet),
                 .conflict, "cooling_down", nil),
                (try await client.send(.post, "/api/attempts/\(id)/submission?lang=\(language)", json: #"{"answers":{}}"#, as: cadet),
                 .conflict, "attempt_closed", strings[.errorAttemptClosed]),
                (try await client.send(.post, "/api/attempts?lang=\(language)", json: #"{"assessment":"quiz:nothing"}"#, as: cadet),
                 .notFound, "no_assessment", strings.format(.errorNoAssessment, ["assessment": "quiz:nothing"])),
                (try await client.send(.post, "/api/attempts?lang=\(language)", json: #"{"assessment":"#, as: cadet),
                 .badRequest, "body_not_json", strings[.errorBodyNotJson]),
                (try await client.send(.post, "/api/attempts?lang=\(language)", json: #"{"assessment":"quiz:questions"}"#, as: cadet, csrf: false),
                 .forbidden, "csrf_header", strings[.errorCsrfHeader]),
                (try await client.send(.delete, "/api/attempts?lang=\(language)"), .methodNotAllowed, "method_not_allowed", nil),
                (try await client.send(.get, "/api/nothing-here?lang=\(language)"), .notFound, "no_route", strings[.errorNoRoute]),
                (try await client.send(.get, "/api/admin/certifications?lang=\(language)", as: cadet), .forbidden, "wrong_role", nil),
                (try await client.send(.post, "/api/session?lang=\(language)", json: #"{"login":"cadet1","password":"wrong-password-1"}"#),
                 .unauthorized, "wrong_credentials", nil),
            ]
            for (response, status, code, message) in cases {
                #expect(response.status == status, "\(code)")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(code)")
                let body = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any], "\(code): \(response.text)")
                #expect(body["code"] as? String == code, "\(response.text)")
                let text = try #require(body["message"] as? String)
                #expect(body["error"] as? String == text, "`error` repeats the message for older clients")
                if let message { #expect(text == message, "\(code)") }
                if language != "en" { #expect(Self.english(in: text).isEmpty, "English in the \(language) message of \(code): \(text)") }
            }
        }
    }
}
