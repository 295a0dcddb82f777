import AcademyServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Account administration")
struct AdminTests {
    @Test("an administrator creates a trainee, who must change the one-time password; a reset ends the trainee's sessions")
    func createAndReset() async throws {
        let services = try await Fixture.services()
        try await buildApplication(services).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            let created = try await client.form("/app/admin/accounts", ["_csrf": boss.csrf, "login": "Cadet2", "name": "Бакыт Асанов", "role": "trainee", "track": "pre-service"], cookie: boss.cookie)
            #expect(created.status == .created)
            #expect(created.text.contains("Бакыт Асанов"))
            let account = try #require(try await services.store.account(login: "cadet2"))
            #expect(account.mustChangePassword)
            #expect(account.track == "pre-service")
            // The one-time password is shown once, on the page, and works for the first sign-in.
            let shown = try #require(created.text.firstMatch(of: /One-time password for cadet2: ([a-z0-9]{16})/)?.output.1)
            let newcomer = try await client.signIn("cadet2", String(shown))
            #expect(try await client.send(.get, "/api/me", as: newcomer).text.contains("\"must_change_password\":true"))

            let duplicate = try await client.form("/app/admin/accounts", ["_csrf": boss.csrf, "login": "cadet2", "name": "Again", "role": "trainee", "track": "pre-service"], cookie: boss.cookie)
            #expect(duplicate.status == .conflict)
            let badLogin = try await client.form("/app/admin/accounts", ["_csrf": boss.csrf, "login": "no spaces!", "name": "X", "role": "trainee", "track": "pre-service"], cookie: boss.cookie)
            #expect(badLogin.status == .badRequest)
            let noTrack = try await client.form("/app/admin/accounts", ["_csrf": boss.csrf, "login": "cadet3", "name": "X", "role": "trainee", "track": "nope"], cookie: boss.cookie)
            #expect(noTrack.status == .badRequest)
            #expect(try await services.store.account(login: "cadet3") == nil)

            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let reset = try await client.form("/app/admin/accounts/cadet1/reset-password", ["_csrf": boss.csrf], cookie: boss.cookie)
            #expect(reset.status == .ok)
            #expect(try await client.send(.get, "/api/me", as: cadet).status == .unauthorized)
            #expect(try await services.store.account(login: "cadet1")?.mustChangePassword == true)
        }
    }

    @Test("disabling an account ends its sessions and blocks sign-in; nobody disables themself")
    func disable() async throws {
        let services = try await Fixture.services()
        try await buildApplication(services).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            #expect(try await client.form("/app/admin/accounts/cadet1/disable", ["_csrf": boss.csrf], cookie: boss.cookie).status == .seeOther)
            #expect(try await client.send(.get, "/api/me", as: cadet).status == .unauthorized)
            #expect(try await client.send(.post, "/api/session", json: #"{"login":"cadet1","password":"\#(Fixture.traineePassword)"}"#).status == .unauthorized)
            #expect(try await client.form("/app/admin/accounts/boss/disable", ["_csrf": boss.csrf], cookie: boss.cookie).status == .badRequest)
            #expect(try await client.form("/app/admin/accounts/nobody/disable", ["_csrf": boss.csrf], cookie: boss.cookie).status == .notFound)
        }
    }
}
