import AcademyServer
import AcademyStore
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
            #expect(noTrack.status == .badRequest && noTrack.text.contains("id=\"new-track-error\">«error_choose»"))
            // A name over 200 characters is refused, not cut; the form keeps what was typed.
            let long = String(repeating: "Айгерим ", count: 30)
            let tooLong = try await client.form("/app/admin/accounts", ["_csrf": boss.csrf, "login": "cadet4", "name": long, "role": "trainee", "track": "pre-service"], cookie: boss.cookie)
            #expect(tooLong.status == .badRequest && tooLong.text.contains("id=\"new-name-error\">«error_name_too_long»"))
            #expect(tooLong.text.contains("value=\"cadet4\""))
            #expect(try await services.store.account(login: "cadet4") == nil)
            #expect(try await services.store.account(login: "cadet3") == nil)

            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let reset = try await client.form("/app/admin/accounts/cadet1/reset-password", ["_csrf": boss.csrf], cookie: boss.cookie)
            #expect(reset.status == .ok)
            #expect(try await client.send(.get, "/api/me", as: cadet).status == .unauthorized)
            #expect(try await services.store.account(login: "cadet1")?.mustChangePassword == true)
        }
    }

    @Test("disabling an account is confirmed first, ends its sessions and blocks sign-in; it can be enabled again; the last administrator stays")
    func disable() async throws {
        let services = try await Fixture.services()
        try await buildApplication(services).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            // The list links to a page that restates who, and only its form disables.
            let list = try await client.send(.get, "/app/admin/accounts", as: boss)
            #expect(list.text.contains("href=\"../../app/admin/accounts/cadet1/disable\""))
            #expect(!list.text.contains("method=\"post\" action=\"../../app/admin/accounts/cadet1/disable\""), "disabling takes one click")
            let asked = try await client.send(.get, "/app/admin/accounts/cadet1/disable", as: boss)
            #expect(asked.text.contains("«confirm_disable_text»") && asked.text.contains("method=\"post\""))
            #expect(try await client.send(.get, "/api/me", as: cadet).status == .ok, "asking disabled the account")
            let done = try await client.form("/app/admin/accounts/cadet1/disable", ["_csrf": boss.csrf], cookie: boss.cookie)
            #expect(done.status == .ok && done.text.contains("«account_disabled_notice»"))
            #expect(try await client.send(.get, "/api/me", as: cadet).status == .unauthorized)
            #expect(try await client.send(.post, "/api/session", json: #"{"login":"cadet1","password":"\#(Fixture.traineePassword)"}"#).status == .unauthorized)
            // Enabled again, the same password works.
            let enabled = try await client.form("/app/admin/accounts/cadet1/enable", ["_csrf": boss.csrf], cookie: boss.cookie)
            #expect(enabled.status == .ok && enabled.text.contains("«account_enabled_notice»"))
            _ = try await client.signIn("cadet1", Fixture.traineePassword)
            #expect(try await client.form("/app/admin/accounts/boss/disable", ["_csrf": boss.csrf], cookie: boss.cookie).status == .badRequest)
            #expect(try await client.form("/app/admin/accounts/nobody/disable", ["_csrf": boss.csrf], cookie: boss.cookie).status == .notFound)
            // Another administrator cannot disable the last active one.
            _ = try await services.store.createAccount(login: "deputy", name: "Deputy", role: .admin, track: nil,
                                                       passwordHash: try await Passwords(cost: 4).hash(Fixture.adminPassword), mustChangePassword: false)
            let deputy = try await client.signIn("deputy", Fixture.adminPassword)
            #expect(try await client.form("/app/admin/accounts/boss/disable", ["_csrf": deputy.csrf], cookie: deputy.cookie).status == .ok)
            await #expect(throws: StoreError.lastAdministrator("deputy")) { try await services.store.disable(login: "deputy") }
            #expect(try await services.store.account(login: "deputy")?.disabled == false)
        }
    }

    @Test("the last active administrator disabling their own account through the page is refused with a message, and nothing changes")
    func lastAdministratorRefusedOnThePage() async throws {
        let services = try await Fixture.services()
        // A second administrator, disabled: boss is the last active one.
        _ = try await services.store.createAccount(login: "deputy", name: "Deputy", role: .admin, track: nil,
                                                   passwordHash: try await Passwords(cost: 4).hash(Fixture.adminPassword), mustChangePassword: false)
        #expect(try await services.store.disable(login: "deputy"))
        try await buildApplication(services).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            let audited = try await services.store.auditEntries().count
            // The list offers it like any other account, and the page before restates who.
            let asked = try await client.send(.get, "/app/admin/accounts/boss/disable", as: boss)
            #expect(asked.status == .ok && asked.text.contains("«confirm_disable_text»"))
            let refused = try await client.form("/app/admin/accounts/boss/disable", ["_csrf": boss.csrf, "confirm": "yes"], cookie: boss.cookie)
            #expect(refused.status == .badRequest)
            // The refusal is said on the accounts page, as an alert, and no notice says it was done.
            #expect(refused.text.contains("<p class=\"notice notice-error\" role=\"alert\">«self_disable_refused»</p>"))
            #expect(refused.text.contains("class=\"account-list\"") && !refused.text.contains("«account_disabled_notice»"))
            // Nothing changed: the account is active, its session goes on, the other administrator stays disabled,
            // and the audit log has no new entry.
            #expect(try await services.store.account(login: "boss")?.disabled == false)
            #expect(try await client.send(.get, "/api/me", as: boss).status == .ok)
            #expect(try await client.send(.get, "/app/admin", as: boss).status == .ok)
            #expect(try await services.store.account(login: "deputy")?.disabled == true)
            #expect(try await services.store.auditEntries().count == audited)
            _ = try await client.signIn("boss", Fixture.adminPassword)
        }
    }
}
