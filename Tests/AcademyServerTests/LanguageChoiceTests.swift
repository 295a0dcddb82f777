import AcademyCore
import AcademyServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Which language a person is answered in, and how they choose it: the browser's languages by default,
/// a cookie while signed out, the account's setting once signed in; and the course's texts in it.
@Suite("Choosing the language")
struct LanguageChoiceTests {
    /// The fixture in three languages, with a Russian text for one question whose English has changed
    /// since it was translated.
    static func services() async throws -> AcademyServices {
        let base = try await LanguageTests.services()
        var course = base.course
        var text = CourseTranslation()
        var question = CourseTranslation.QuestionText(state: TranslationState(machineAssisted: true, sourceUpdated: "2026-11-30"))
        question.prompt = "ПЕРЕВЕДЁННЫЙ ВОПРОС: какой вопрос открытый?"
        text.questions["q-single"] = question
        text.modules["questions"] = .init(title: "Вопросы", summary: nil, objectives: [:], lessons: [:])
        course.translations = ["ru": text]
        return AcademyServices(configuration: base.configuration, store: base.store, course: course, site: base.site, openAPI: base.openAPI)
    }

    static func language(of page: TestResponse) -> String? {
        page.text.firstMatch(of: /<html lang="([a-z]+)">/).map { String($0.output.1) }
    }

    @Test("signed out: the browser's language, then a language chosen with ?lang=, which a cookie remembers")
    func signedOut() async throws {
        try await buildApplication(try await Self.services()).test(.router) { client in
            let russian = try await client.send(.get, "/app/sign-in", headers: [.acceptLanguage: "ru-RU,ru;q=0.9,en;q=0.8"])
            #expect(Self.language(of: russian) == "ru")
            let plain = try await client.send(.get, "/app/sign-in", headers: [.acceptLanguage: "de-DE,fr;q=0.8"])
            #expect(Self.language(of: plain) == "en", "a browser language the course lacks falls back to the default")
            let chosen = try await client.send(.get, "/app/sign-in?lang=ky", headers: [.acceptLanguage: "ru"])
            #expect(Self.language(of: chosen) == "ky")
            #expect(chosen.setCookieHeader(named: "academy_lang")?.hasPrefix("academy_lang=ky;") == true)
            // The switcher's links stay on this page.
            #expect(chosen.text.contains("href=\"sign-in?lang=ru\""))
            let remembered = try await client.send(.get, "/app/sign-in", headers: [.acceptLanguage: "ru", .cookie: "academy_lang=ky"])
            #expect(Self.language(of: remembered) == "ky", "the cookie comes before the browser's language")
        }
    }

    @Test("a first sign-in keeps the language it was made in; the account's setting then decides every page")
    func accountLanguage() async throws {
        try await buildApplication(try await Self.services()).test(.router) { client in
            // Sign in through the form of the Russian sign-in page.
            let page = try await client.send(.get, "/app/sign-in?lang=ru")
            let token = try #require(page.cookie(named: "academy_form"))
            let signedIn = try await client.form(
                "/app/sign-in", ["_csrf": token, "login": "cadet1", "password": Fixture.traineePassword],
                cookie: "academy_form=\(token); academy_lang=ru"
            )
            #expect(signedIn.status == .seeOther)
            let session = try #require(signedIn.cookie(named: "academy_session"))
            let cookie = "academy_session=\(session)"
            let me = try await client.send(.get, "/api/me", headers: [.cookie: cookie])
            #expect(me.text.contains("\"language\":\"ru\""), "\(me.text)")
            // Pages follow the account, whatever the browser says; the switcher is a form that saves it.
            let dashboard = try await client.send(.get, "/app/dashboard", headers: [.cookie: cookie, .acceptLanguage: "en"])
            #expect(Self.language(of: dashboard) == "ru")
            #expect(dashboard.text.contains("action=\"language\"") || dashboard.text.contains("app/language"))
            let csrf = try #require(dashboard.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.output.1)
            let saved = try await client.form("/app/language", ["_csrf": String(csrf), "language": "ky", "back": "/app/quiz/questions"], cookie: cookie)
            #expect(saved.status == .seeOther && saved.headers[.location] == "../app/quiz/questions")
            let quiz = try await client.send(.get, "/app/quiz/questions", headers: [.cookie: cookie])
            #expect(Self.language(of: quiz) == "ky")
            // An API request says what it wants in its own header.
            let refused = try await client.send(.get, "/api/attempts/999", headers: [.cookie: cookie, .acceptLanguage: "ru"])
            let russian = UIStrings(language: "ru", values: try LocaleFile.values("Curriculum/locales/ru.yaml"))
            #expect(refused.status == .notFound && refused.text.contains(russian[.errorAttemptNotFound].prefix(20)), "\(refused.text)")
        }
    }

    @Test("a language the course does not have, or a form without its token, changes nothing")
    func refusedChoice() async throws {
        try await buildApplication(try await Self.services()).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let unknown = try await client.form("/app/language", ["_csrf": cadet.csrf, "language": "de", "back": "/app/dashboard"], cookie: cadet.cookie)
            #expect(unknown.status == .badRequest)
            let forged = try await client.form("/app/language", ["_csrf": "forged", "language": "ru", "back": "/app/dashboard"], cookie: cadet.cookie)
            #expect(forged.status == .forbidden)
            let me = try await client.send(.get, "/api/me", as: cadet)
            #expect(!me.text.contains("\"language\":\"de\"") && !me.text.contains("\"language\":\"ru\""), "\(me.text)")
            // A return address that leaves the site goes home instead.
            let away = try await client.form("/app/language", ["_csrf": cadet.csrf, "language": "ru", "back": "//evil.example"], cookie: cadet.cookie)
            #expect(away.status == .seeOther && away.headers[.location] == "../app/")
        }
    }

    @Test("an attempt shows its questions in the page's language, with a note where the English changed since")
    func translatedAttempt() async throws {
        try await buildApplication(try await Self.services()).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let attempt = try await client.send(.post, "/api/attempts", json: #"{"assessment":"quiz:questions"}"#, as: cadet)
            let id = try #require(attempt.text.firstMatch(of: /"id":(\d+)/)?.output.1)
            let russian = try await client.send(.get, "/app/attempts/\(id)?lang=ru", as: cadet)
            let english = try await client.send(.get, "/app/attempts/\(id)?lang=en", as: cadet)
            // The fixture's quiz draws all six of its questions.
            #expect(russian.text.contains("ПЕРЕВЕДЁННЫЙ ВОПРОС") && !english.text.contains("ПЕРЕВЕДЁННЫЙ ВОПРОС"))
            #expect(russian.text.contains("notice-stale") && russian.text.contains("30 ноября 2026"), "no note that the English changed")
            #expect(russian.text.contains("href=\"\(id)?lang=en\""))
            // The same controls in both languages: answers refer to positions, never to texts.
            let names = { (page: TestResponse) in page.text.matches(of: /name="(q\.[^"]+)" value="([^"]*)"/).map { "\($0.output.1)=\($0.output.2)" } }
            #expect(names(russian) == names(english) && !names(russian).isEmpty)
            #expect(russian.text.contains("<h1>Вопросы</h1>"), "the quiz's title is not the module's Russian title")
        }
    }
}
