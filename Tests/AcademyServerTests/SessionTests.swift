import AcademyServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Signing in, sessions and passwords")
struct SessionTests {
    @Test("the session cookie is found among other cookies, by its exact name")
    func sessionCookieAmongOthers() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let token = String(cadet.cookie.dropFirst("academy_session=".count))
            func me(_ cookie: String) async throws -> HTTPResponse.Status {
                try await client.send(.get, "/api/me", headers: [.cookie: cookie]).status
            }
            #expect(try await me("theme=dark; academy_session_old=stale;  academy_session=\(token); lang=ru") == .ok)
            // Names are case-sensitive, a longer name is another cookie, and the first of two is the one used.
            #expect(try await me("ACADEMY_SESSION=\(token)") == .unauthorized)
            #expect(try await me("academy_sessionx=\(token)") == .unauthorized)
            #expect(try await me("academy_session=; academy_session=\(token)") == .unauthorized)
            #expect(try await me("academy_session=forged; academy_session=\(token)") == .unauthorized)
        }
    }

    @Test("signing in with the right password sets an HttpOnly, SameSite session cookie and returns a CSRF token")
    func signIn() async throws {
        let app = buildApplication(try await Fixture.services())
        try await app.test(.router) { client in
            let response = try await client.send(.post, "/api/session", json: #"{"login":"cadet1","password":"\#(Fixture.traineePassword)"}"#)
            #expect(response.status == .ok)
            let header = try #require(response.setCookieHeader(named: "academy_session"))
            #expect(header.contains("HttpOnly"))
            #expect(header.contains("SameSite=Lax"))
            #expect(!header.contains("Secure"))
            #expect(response.text.contains("\"csrf_token\":\""))
            #expect(response.text.contains("\"role\":\"trainee\""))
            #expect(!response.text.contains("password_hash"))
        }
    }

    @Test("Secure cookies when asked for")
    func secureCookies() async throws {
        let services = try await Fixture.services()
        var configuration = services.configuration
        configuration.secureCookies = true
        let app = buildApplication(AcademyServices(configuration: configuration, store: services.store, course: services.course, site: services.site))
        try await app.test(.router) { client in
            let response = try await client.send(.post, "/api/session", json: #"{"login":"cadet1","password":"\#(Fixture.traineePassword)"}"#)
            #expect(response.setCookieHeader(named: "academy_session")?.contains("Secure") == true)
        }
    }

    @Test("a wrong password, an unknown login and a disabled account are all refused alike")
    func wrongPassword() async throws {
        let services = try await Fixture.services()
        try await services.store.disable(login: "fresh")
        try await buildApplication(services).test(.router) { client in
            for body in [#"{"login":"cadet1","password":"wrong-password-1"}"#, #"{"login":"nobody","password":"x"}"#,
                         #"{"login":"fresh","password":"one-time-pass-1"}"#] {
                let response = try await client.send(.post, "/api/session", json: body)
                #expect(response.status == .unauthorized)
                #expect(response.cookie(named: "academy_session") == nil)
            }
        }
    }

    @Test("an unknown or disabled login is checked against a placeholder hash at the server's cost, so it is refused no faster")
    func placeholderHash() async throws {
        let passwords = Passwords(cost: 5)
        let hash = try await passwords.placeholderHash()
        #expect(hash.hasPrefix("$2b$05$"))
        #expect(try await passwords.placeholderHash() == hash, "made once")
        #expect(try await passwords.verify("", hash: hash) == false)
        #expect(try await Passwords(cost: 4).placeholderHash().hasPrefix("$2b$04$"))
    }

    @Test("a missing field is a 400 that names it")
    func missingField() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let response = try await client.send(.post, "/api/session", json: #"{"login":"cadet1"}"#)
            #expect(response.status == .badRequest)
            #expect(response.text.contains("\"field\":\"password\""))
        }
    }

    @Test("after the free wrong passwords, that login waits from that address, even with the right password; other logins do not")
    func throttlePerLoginAndAddress() async throws {
        try await buildApplication(try await Fixture.services(signInLimits: SignInLimits(freeFailures: 3, firstDelay: 60))).test(.router) { client in
            for _ in 0..<3 {
                #expect(try await client.send(.post, "/api/session", json: #"{"login":"cadet1","password":"wrong"}"#).status == .unauthorized)
            }
            let blocked = try await client.send(.post, "/api/session", json: #"{"login":"cadet1","password":"\#(Fixture.traineePassword)"}"#)
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers[.retryAfter] == "60")
            // Another account from the same address is not held up by this one's failures.
            #expect(try await client.send(.post, "/api/session", json: #"{"login":"boss","password":"\#(Fixture.adminPassword)"}"#).status == .ok)
        }
    }

    @Test("one address failing on many logins is throttled across them")
    func throttlePerAddress() async throws {
        try await buildApplication(try await Fixture.services(signInLimits: SignInLimits(firstDelay: 60, addressCeiling: 4))).test(.router) { client in
            for login in ["a1", "a2", "a3", "a4"] {
                #expect(try await client.send(.post, "/api/session", json: #"{"login":"\#(login)","password":"x"}"#).status == .unauthorized)
            }
            let blocked = try await client.send(.post, "/api/session", json: #"{"login":"cadet1","password":"\#(Fixture.traineePassword)"}"#)
            #expect(blocked.status == .tooManyRequests)
        }
    }

    @Test("a session ends after it has been idle too long")
    func idleExpiry() async throws {
        // Two seconds, not one: with the whole suite running, signing in and asking again can take a second.
        try await buildApplication(try await Fixture.services(idleTimeout: 2)).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            #expect(try await client.send(.get, "/api/me", as: cadet).status == .ok)
            try await Task.sleep(for: .milliseconds(2500))
            #expect(try await client.send(.get, "/api/me", as: cadet).status == .unauthorized)
        }
    }

    @Test("sessions survive a new application over the same store (a restart)")
    func sessionsPersist() async throws {
        let services = try await Fixture.services()
        let cadet = try await buildApplication(services).test(.router) { client in try await client.signIn("cadet1", Fixture.traineePassword) }
        try await buildApplication(services).test(.router) { client in
            let response = try await client.send(.get, "/api/me", as: cadet)
            #expect(response.status == .ok)
        }
    }

    @Test("signing out ends the session")
    func signOut() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            #expect(try await client.send(.delete, "/api/session", as: cadet).status == .noContent)
            #expect(try await client.send(.get, "/api/me", as: cadet).status == .unauthorized)
        }
    }

    @Test("changing the password checks the current one, enforces length, and ends other sessions")
    func passwordChange() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let first = try await client.signIn("cadet1", Fixture.traineePassword)
            let second = try await client.signIn("cadet1", Fixture.traineePassword)
            let wrong = try await client.send(.post, "/api/password", json: #"{"current_password":"nope","new_password":"a-new-long-password"}"#, as: first)
            #expect(wrong.status == .badRequest)
            #expect(wrong.text.contains("\"field\":\"current_password\""))
            let short = try await client.send(.post, "/api/password", json: #"{"current_password":"\#(Fixture.traineePassword)","new_password":"short"}"#, as: first)
            #expect(short.status == .badRequest)
            #expect(short.text.contains("\"field\":\"new_password\""))
            let changed = try await client.send(.post, "/api/password", json: #"{"current_password":"\#(Fixture.traineePassword)","new_password":"a-new-long-password"}"#, as: first)
            #expect(changed.status == .noContent)
            #expect(try await client.send(.get, "/api/me", as: first).status == .ok)
            #expect(try await client.send(.get, "/api/me", as: second).status == .unauthorized)
            #expect(try await client.send(.post, "/api/session", json: #"{"login":"cadet1","password":"\#(Fixture.traineePassword)"}"#).status == .unauthorized)
            _ = try await client.signIn("cadet1", "a-new-long-password")
        }
    }

    @Test("a one-time password must be changed before anything else")
    func oneTimePassword() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let fresh = try await client.signIn("fresh", "one-time-pass-1")
            #expect(try await client.send(.get, "/api/me", as: fresh).text.contains("\"must_change_password\":true"))
            #expect(try await client.send(.get, "/api/progress", as: fresh).status == .forbidden)
            let page = try await client.send(.get, "/app/dashboard", as: fresh)
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "../app/password")
            #expect(try await client.send(.post, "/api/password", json: #"{"current_password":"one-time-pass-1","new_password":"my-own-password-1"}"#, as: fresh).status == .noContent)
            #expect(try await client.send(.get, "/api/progress", as: fresh).status == .ok)
        }
    }

    @Test("the sign-in form works with its double-submit token and refuses without it")
    func signInForm() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let page = try await client.send(.get, "/app/sign-in")
            #expect(page.status == .ok)
            let token = try #require(page.cookie(named: "academy_form"))
            #expect(page.text.contains("name=\"_csrf\" value=\"\(token)\""))
            let refused = try await client.form("/app/sign-in", ["_csrf": token, "login": "cadet1", "password": Fixture.traineePassword])
            #expect(refused.status == .forbidden)
            let accepted = try await client.form("/app/sign-in", ["_csrf": token, "login": "cadet1", "password": Fixture.traineePassword], cookie: "academy_form=\(token)")
            #expect(accepted.status == .seeOther)
            #expect(accepted.cookie(named: "academy_session") != nil)
            let wrong = try await client.form("/app/sign-in", ["_csrf": token, "login": "cadet1", "password": "wrong"], cookie: "academy_form=\(token)")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("«wrong_credentials»"))
        }
    }
}
