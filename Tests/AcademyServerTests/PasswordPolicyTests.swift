@testable import AcademyServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Choosing a new password")
struct PasswordPolicyTests {
    let policy = PasswordPolicy()

    @Test("the shipped list holds at least 10,000 common passwords, Russian and Kyrgyz ones among them")
    func listSize() {
        #expect(CommonPasswords.shared.count >= 10_000)
        for word in ["123456", "password", "qwerty", "parol", "privet", "lyubov", "solnyshko", "пароль", "gfhjkm", "жаным", "janym", "bishkek", "militsiya"] {
            #expect(CommonPasswords.shared.contains(word), "\(word)")
        }
    }

    @Test(
        "common passwords are refused, also with digits and signs around them, in leetspeak, transliterated or typed on the other layout",
        arguments: [
            "password1234", "PASSWORD1234", "P@ssw0rd2024!", "qwerty123456", "123456789012", "111111111111", "abcdefghijkl", "qwertyuiopas",
            "qwertyqwerty", "parol2024!!!", "privet123456", "lyubov123456", "solnyshko123", "ljubov-2024-05", "пароль123456", "солнышко2024",
            "йцукен123456", "gfhjkm123456", "zxcvbnm12345", "bishkek2024!", "janym1234567", "academy-2024", "ala-too-2024-09",
        ]
    )
    func commonRefused(password: String) {
        #expect(policy.problem(with: password, current: "x", login: "cadet1", name: "Aida Cadet") == .common, "\(password)")
    }

    @Test(
        "the login and the name are refused, in any case, with digits around them, repeated, or transliterated",
        arguments: [
            ("cadet1-2024-09", "cadet1", "Aida Cadet"), ("CADET1CADET1", "cadet1", "Aida Cadet"), ("AIDA-1990-0101", "cadet1", "Aida Cadet"),
            ("aidacadet1990", "cadet1", "Aida Cadet"), ("cadetaida1990", "cadet1", "Aida Cadet"), ("aidaaidaaida", "cadet1", "Aida Cadet"),
            ("sydykova1990!", "aigerim", "Айгерим Сыдыкова"), ("Сыдыкова1990", "aigerim", "Айгерим Сыдыкова"),
        ]
    )
    func personalRefused(password: String, login: String, name: String) {
        #expect(policy.problem(with: password, current: "x", login: login, name: name) == .personal, "\(password)")
    }

    @Test("length counts characters, not bytes: twelve Cyrillic letters are enough, eleven are not, and more than 128 are refused")
    func length() {
        #expect(policy.problem(with: "тополь река!", current: "", login: "a1", name: "A B") == nil)
        #expect(policy.problem(with: "тополь река", current: "", login: "a1", name: "A B") == .tooShort)
        #expect(policy.problem(with: String(repeating: "ёлка зонт ", count: 12) + "ёлка зонт", current: "", login: "a1", name: "A B") == .tooLong)
        // "й" written as "и" and a combining breve is one character.
        #expect(PasswordPolicy.length("и\u{306}") == 1)
    }

    @Test(
        "passphrases and the passwords the tests and the walk-through choose are accepted",
        arguments: [
            ("kettle orbit maple cloud", "cadet1", "Aida Cadet"), ("тополь-река-зонтик", "cadet1", "Aida Cadet"),
            ("admin-chosen-pass", "admin", "Administrator"), ("cadet-chosen-pass", "aigerim", "Айгерим Сыдыкова"),
            ("kanykei-chosen-pass", "kanykei", "Каныкей Бекова"), ("inst1-chosen-pass", "inst1", "Нурлан Иманов"),
            ("inst2-chosen-pass", "inst2", "Гулмира Токтосунова"), ("cohort-cadet-pass", "aibek.asanov", "Айбек Асанов"),
            ("a-new-long-password", "cadet1", "Aida <b>Cadet</b>"), ("my-own-password-1", "fresh", "Fresh"),
            ("correct-lamp-97-river", "cadet1", "Aida Cadet"),
        ]
    )
    func accepted(password: String, login: String, name: String) {
        #expect(policy.problem(with: password, current: "one-time-pass-1", login: login, name: name) == nil, "\(password)")
    }

    @Test("the current (one-time) password is refused as the new one, also in capitals")
    func sameAsCurrent() {
        #expect(policy.problem(with: "k7mq2xw9ph4tr8vd", current: "k7mq2xw9ph4tr8vd", login: "a1", name: "A B") == .sameAsCurrent)
        #expect(policy.problem(with: "K7MQ2XW9PH4TR8VD", current: "k7mq2xw9ph4tr8vd", login: "a1", name: "A B") == .sameAsCurrent)
    }

    @Test("loading the list takes well under a second")
    func loadTime() {
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = CommonPasswords(lists: [CommonPasswordList.zxcvbn, CommonPasswordList.academy]).count }
        #expect(elapsed < .seconds(2), "\(elapsed)")
    }
}

@Suite("The password form")
struct PasswordFormTests {
    /// Signs in through the form's JSON twin and returns what the password form needs.
    func form(_ client: some TestClientProtocol, _ login: String, _ password: String) async throws -> (cookie: String, csrf: String) {
        let credentials = try await client.signIn(login, password)
        return (credentials.cookie, credentials.csrf)
    }

    func change(
        _ client: some TestClientProtocol, as signedIn: (cookie: String, csrf: String), current: String, new: String, repeat again: String? = nil
    ) async throws -> TestResponse {
        try await client.form(
            "/app/password", ["_csrf": signedIn.csrf, "current_password": current, "new_password": new, "repeat_password": again ?? new],
            cookie: signedIn.cookie
        )
    }

    @Test(
        "each rule is refused beside the new password field, with its own message",
        arguments: [
            ("short-pass1", "password_too_short"), (String(repeating: "long words ", count: 12), "password_too_long"),
            ("cadet1-2024-09", "password_personal"), ("password1234", "password_common"), ("йцукен123456", "password_common"),
        ]
    )
    func ruleRefused(new: String, key: String) async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let cadet = try await form(client, "cadet1", Fixture.traineePassword)
            let response = try await change(client, as: cadet, current: Fixture.traineePassword, new: new)
            #expect(response.status == .badRequest)
            #expect(response.text.contains("<p class=\"field-error\" id=\"new-error\">«\(key)»</p><input id=\"new\" name=\"new_password\""), "\(response.text)")
            // As on every form: the summary above, the message beside its field.
            #expect(response.text.contains("<p class=\"notice notice-error\" role=\"alert\">«error_check_fields»</p>"))
            #expect(response.text.contains("aria-describedby=\"new-hint new-error\" aria-invalid=\"true\""))
            #expect(!response.text.contains(new), "the typed password is not sent back")
            // Nothing changed: the old password still signs in.
            _ = try await client.signIn("cadet1", Fixture.traineePassword)
        }
    }

    @Test("the one-time password is refused as the new password")
    func oneTimeRefused() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let fresh = try await form(client, "fresh", "one-time-pass-1")
            let response = try await change(client, as: fresh, current: "one-time-pass-1", new: "one-time-pass-1")
            #expect(response.status == .badRequest)
            #expect(response.text.contains("<p class=\"field-error\" id=\"new-error\">«password_same_as_current»"))
            let api = try await client.send(.post, "/api/password", json: #"{"current_password":"one-time-pass-1","new_password":"one-time-pass-1"}"#,
                                            as: Credentials(cookie: fresh.cookie, csrf: fresh.csrf))
            #expect(api.status == .badRequest)
            #expect(api.text.contains("\"field\":\"new_password\""))
            #expect(api.text.contains(#""code":"password_same_as_current""#) && api.text.contains(#""message":"«password_same_as_current»""#))
        }
    }

    @Test("a common password is refused by the JSON API too, naming the field")
    func commonRefusedByAPI() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let response = try await client.send(.post, "/api/password", json: #"{"current_password":"\#(Fixture.traineePassword)","new_password":"password1234"}"#, as: cadet)
            #expect(response.status == .badRequest)
            #expect(response.text.contains("\"field\":\"new_password\""))
            #expect(response.text.contains(#""code":"password_common""#) && response.text.contains(#""message":"«password_common»""#))
        }
    }

    @Test("wrong current passwords count with wrong sign-ins, so a stolen session is no way to guess the password")
    func currentPasswordThrottled() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let body = #"{"current_password":"not-my-password","new_password":"kettle orbit maple cloud"}"#
            for _ in 0..<5 { #expect(try await client.send(.post, "/api/password", json: body, as: cadet).status == .badRequest) }
            let refused = try await client.send(.post, "/api/password", json: body, as: cadet)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] == "1")
            #expect(refused.text.contains("\"field\":\"current_password\""))
        }
    }

    @Test("every field's problem is shown beside it at once: wrong current password, a common new one, a different repetition")
    func allProblemsAtOnce() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let cadet = try await form(client, "cadet1", Fixture.traineePassword)
            let response = try await change(client, as: cadet, current: "not-my-password", new: "qwerty123456", repeat: "qwerty1234567")
            #expect(response.status == .badRequest)
            #expect(response.text.contains("<p class=\"field-error\" id=\"current-error\">«wrong_password»"))
            #expect(response.text.contains("<p class=\"field-error\" id=\"new-error\">«password_common»"))
            #expect(response.text.contains("<p class=\"field-error\" id=\"repeat-error\">«passwords_differ»"))
            // One summary above the form, not a boxed alert per field.
            #expect(response.text.components(separatedBy: "«error_check_fields»").count - 1 == 1)
            #expect(response.text.components(separatedBy: "role=\"alert\"").count - 1 == 1)
        }
    }

    @Test("the form states the rules in plain words beside the new password")
    func hint() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let page = try await client.send(.get, "/app/password", as: cadet)
            #expect(page.text.contains("<p class=\"meta\" id=\"new-hint\">«password_hint»</p>"))
            #expect(page.text.contains("name=\"new_password\" type=\"password\" autocomplete=\"new-password\" minlength=\"12\" required aria-describedby=\"new-hint\""))
            // Under the field, the strength line academy.js fills as the person types: empty in the page, so
            // that without the script the rules say it; announced politely; its words in the page's language.
            #expect(page.text.contains("<p class=\"password-strength\" id=\"new-strength\" aria-live=\"polite\" data-for=\"new\""))
            #expect(page.text.contains("data-label-short=\"«password_strength_short»\"") && page.text.contains("data-label-strong=\"«password_strength_strong»\""))
            #expect(page.text.contains("data-label-obvious=\"«password_strength_obvious»\"") && page.text.contains("data-label-acceptable=\"«password_strength_acceptable»\""))
            #expect(page.text.contains("data-name=\"Aida &lt;b&gt;Cadet&lt;/b&gt;\""), "the name is escaped in the attribute")
            #expect(page.text.contains("«password_strength_strong»\"></p><p class=\"meta\" id=\"new-hint\">"), "the strength line is not just under the field, before the rules")
            #expect(!page.text.contains("«error_check_fields»"), "a form not yet sent is not refused")
            // The first sign-in's page, which changes the one-time password, has it too.
            let fresh = try await client.signIn("fresh", "one-time-pass-1")
            let first = try await client.send(.get, "/app/password", as: fresh)
            #expect(first.text.contains("«must_change_password»") && first.text.contains("id=\"new-strength\" aria-live=\"polite\""))
        }
    }

    @Test("a strong password is accepted, the next page says so once, and the new password signs in")
    func strongAccepted() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let fresh = try await form(client, "fresh", "one-time-pass-1")
            let response = try await change(client, as: fresh, current: "one-time-pass-1", new: "kettle orbit maple cloud")
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "../app/")
            let notice = try #require(response.cookie(named: "academy_notice"))
            #expect(response.setCookieHeader(named: "academy_notice")?.contains("HttpOnly") == true)
            let next = try await client.send(.get, "/app/dashboard", headers: [.cookie: "\(fresh.cookie); academy_notice=\(notice)"])
            #expect(next.status == .ok)
            #expect(next.text.contains("<p class=\"notice\" role=\"status\">«password_changed»</p>"))
            #expect(next.setCookieHeader(named: "academy_notice")?.contains("Max-Age=0") == true, "shown once")
            // An unknown value in the cookie puts nothing on the page.
            let forged = try await client.send(.get, "/app/dashboard", headers: [.cookie: "\(fresh.cookie); academy_notice=%3Cscript%3E"])
            #expect(!forged.text.contains("«password_changed»") && !forged.text.contains("script%3E"))
            _ = try await client.signIn("fresh", "kettle orbit maple cloud")
        }
    }
}
