import AcademyCore
import AcademyServer
@testable import AcademyStore
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Finding your way: one navigation per role, an administrators' home, the audit log")
struct NavigationTests {
    @Test("every app page a person may open carries their role's navigation and the sign-out button")
    func everyPageHasNavigation() async throws {
        let services = try await Fixture.services()
        let (router, table) = buildRoutes(services)
        let pages = router.routes.filter { $0.method == .get && "\($0.path)".hasPrefix("/app") && !"\($0.path)".contains(":") }
            .map { "\($0.path)" }
        #expect(pages.count > 8)
        try await buildApplication(services).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            for path in pages {
                guard let access = table.all["GET \(path)"] else { continue }
                for (who, credentials) in [("admin", boss), ("trainee", cadet)] {
                    let response = try await client.send(.get, path, as: credentials)
                    guard response.status == .ok, response.headers[.contentType]?.hasPrefix("text/html") == true else { continue }
                    #expect(response.text.contains("class=\"app-nav\""), "\(who) \(path) (\(access.rawValue)) has no navigation")
                    #expect(response.text.contains("app/sign-out"), "\(who) \(path) has no sign-out")
                    let adminLinks = response.text.contains("app/admin/audit")
                    #expect(adminLinks == (who == "admin"), "\(who) \(path): administrators' links \(adminLinks ? "shown" : "missing")")
                }
            }
        }
    }

    @Test("administrators land on /app/admin, also from a trainee's bookmark; the current page is marked")
    func adminHome() async throws {
        let services = try await Fixture.services()
        try await buildApplication(services).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            let landing = try await client.send(.get, "/app", as: boss).headers[.location]
            #expect(landing?.hasSuffix("app/admin") == true, "landed on \(landing ?? "")")
            #expect(try await client.send(.get, "/app/dashboard", as: boss).headers[.location]?.hasSuffix("app/admin") == true)
            let home = try await client.send(.get, "/app/admin", as: boss)
            #expect(home.status == .ok)
            #expect(home.text.contains("href=\"../app/admin\" aria-current=\"page\""))
            for link in ["app/admin/accounts", "app/admin/cohorts", "app/admin/certifications", "app/admin/export", "app/admin/audit", "app/trainer"] {
                #expect(home.text.contains("href=\"../\(link)\""), "the administrators' navigation lacks \(link)")
            }
            // A trainee's navigation: their own pages, no administrator's or instructor's.
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let dashboard = try await client.send(.get, "/app/dashboard", as: cadet)
            #expect(dashboard.text.contains("href=\"../app/certifications\"") && dashboard.text.contains("href=\"../app/dashboard#quizzes\""))
            #expect(!dashboard.text.contains("app/trainer") && !dashboard.text.contains("app/assess\""))
            // The name is escaped in the navigation too.
            #expect(dashboard.text.contains("Aida &lt;b&gt;Cadet&lt;/b&gt;") && !dashboard.text.contains("<b>Cadet</b>"))
        }
    }

    @Test("an instructor's navigation adds their cohorts, the assessments and the trainer pack to a trainee's")
    func instructorNavigation() async throws {
        let services = try await Fixture.services()
        // An instructor is a trainee account holding a current instructor certification.
        let teacher = try await services.store.createAccount(login: "teacher", name: "Teacher", role: .trainee, track: "pre-service",
                                                             passwordHash: try await Passwords(cost: 4).hash(Fixture.traineePassword), mustChangePassword: false)
        _ = try await services.store.issueCertification(accountID: teacher.id, programme: "instructor", expiresAt: nil, basis: [], foundingReason: "f",
                                                        grantedBy: nil, actor: "test")
        try await buildApplication(services).test(.router) { client in
            let instructor = try await client.signIn("teacher", Fixture.traineePassword)
            for path in ["/app/dashboard", "/app/certifications", "/app/instructor", "/app/assess", "/app/trainer"] {
                let page = try await client.send(.get, path, as: instructor)
                #expect(page.status == .ok, "\(path): \(page.status)")
                let nav = try #require(page.text.firstMatch(of: /<nav class="app-nav"[^>]*>(.*?)<\/ul>/.dotMatchesNewlines())?.output.1, "\(path) has no navigation")
                for (link, label) in [("app/dashboard", "«dashboard»"), ("app/certifications", "«certifications»"), ("app/instructor", "«my_cohorts»"),
                                      ("app/assess", "«nav_assessments»"), ("app/trainer", "«trainer_pack»")] {
                    #expect(nav.contains("href=\"../\(link)\"") && nav.contains(">\(label)</a>"), "\(path): the navigation lacks \(link)")
                }
                #expect(!nav.contains("app/admin"), "\(path): an instructor is shown administrators' links")
                // The page it is on is marked.
                #expect(nav.contains("href=\"..\(path)\" aria-current=\"page\""), "\(path) is not marked as the current page")
            }
            // A trainee without the certification sees none of the three.
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let dashboard = try await client.send(.get, "/app/dashboard", as: cadet).text
            #expect(!dashboard.contains("«my_cohorts»") && !dashboard.contains("«nav_assessments»") && !dashboard.contains("«trainer_pack»"))
        }
    }

    @Test("a long name in the navigation stays inside the signed-in line, escaped, and the sign-out follows it")
    func longNameInNavigation() async throws {
        let services = try await Fixture.services()
        let name = "Жылдызкан <i>Абдыкадырова</i> " + String(repeating: "Сейитбекова-", count: 10) + String(repeating: "Я", count: 40)
        #expect(name.count > 180 && name.count <= 200)
        _ = try await services.store.createAccount(login: "longname", name: name, role: .trainee, track: "pre-service",
                                                   passwordHash: try await Passwords(cost: 4).hash(Fixture.traineePassword), mustChangePassword: false)
        try await buildApplication(services).test(.router) { client in
            let cadet = try await client.signIn("longname", Fixture.traineePassword)
            let escaped = name.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            for path in ["/app/dashboard", "/app/certifications", "/app/password"] {
                let page = try await client.send(.get, path, as: cadet).text
                #expect(!page.contains("<i>Абдыкадырова</i>"), "\(path): the name is not escaped")
                // The whole name, in the span of the signed-in line, then the password link and the sign-out, then
                // the navigation ends: nothing of the name spills out of it.
                let line = try #require(page.firstMatch(of: /<p class="signed-in"><span>([^<]*)<\/span>(.*?)<\/p><\/nav>/.dotMatchesNewlines()), "\(path): no signed-in line")
                #expect(String(line.output.1) == "Signed in as \(escaped)", "\(path): \(line.output.1)")
                #expect(line.output.2.contains("app/password") && line.output.2.contains("app/sign-out"))
                // (The password page also gives it, unseen, to the strength hint: a password that is the name is easy to guess.)
                let shown = page.replacingOccurrences(of: "data-name=\"\(escaped)\"", with: "")
                #expect(shown.components(separatedBy: escaped).count == 2, "\(path): the name is shown elsewhere too or not at all")
            }
        }
    }

    @Test("an administrator following the manual's link to a quiz, the examination or the drill goes home, not to a refusal")
    func administratorFollowsTraineeLink() async throws {
        let services = try await Fixture.services()
        try await buildApplication(services).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            for path in ["/app/quiz/questions", "/app/exam/final?lang=en", "/app/drill"] {
                let followed = try await client.send(.get, path, as: boss)
                #expect(followed.status == .seeOther, "\(path): \(followed.status)")
                #expect(followed.headers[.location]?.hasSuffix("app/admin") == true, "\(path) led to \(followed.headers[.location] ?? "nowhere")")
                #expect(!followed.text.contains("«error_other_role_page»"))
            }
            #expect(try await client.send(.get, "/app/admin", as: boss).status == .ok)
            // Only those pages, read: the drill's answer and a trainee's attempt are still refused.
            let answered = try await client.form("/app/drill", ["_csrf": boss.csrf, "question": "q-classify", "answer": "invitation"], cookie: boss.cookie)
            #expect(answered.status == .forbidden && answered.text.contains("«error_other_role_page»"))
            #expect(try await client.send(.get, "/app/attempts/1", as: boss).status == .forbidden)
            // A trainee still opens them.
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            #expect(try await client.send(.get, "/app/quiz/questions", as: cadet).status == .ok)
        }
    }

    @Test("the trainer pack's index lists each module's materials under the module, and the rest by kind")
    func trainerIndexByModule() async throws {
        let base = try await Fixture.services()
        var course = base.course
        course.trainerMaterials.append(TrainerMaterial(id: "plan", title: "Session plan <1>", kind: .sessionPlan, html: ""))
        course.modules[0].trainerMaterials = ["cards", "plan"]
        let services = AcademyServices(configuration: base.configuration, store: base.store, course: course, site: base.site, openAPI: base.openAPI)
        try await buildApplication(services).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            let index = try await client.send(.get, "/app/trainer", as: boss).text
            let module = try #require(index.range(of: "<h3>«module» 1. Questions</h3>"))
            let plan = try #require(index.range(of: "Session plan &lt;1&gt;"))
            let cards = try #require(index.range(of: "Cards &lt;set&gt;"))
            // The session plan first, then the materials in the note's order; nothing left over by kind.
            #expect(module.upperBound < plan.lowerBound && plan.upperBound < cards.lowerBound)
            #expect(!index.contains("«trainer_kind_cards»"))
        }
        var unlinked = course
        unlinked.modules[0].trainerMaterials = []
        let unplaced = AcademyServices(configuration: base.configuration, store: base.store, course: unlinked, site: base.site, openAPI: base.openAPI)
        try await buildApplication(unplaced).test(.router) { client in
            let admin = try await client.signIn("boss", Fixture.adminPassword)
            #expect(try await client.send(.get, "/app/trainer", as: admin).text.contains("<h2>«trainer_kind_cards»</h2>"))
        }
    }

    @Test("an address the server does not have answers a page with a way on; the API keeps its plain 404")
    func unknownAddress() async throws {
        let services = try await Fixture.services()
        try await buildApplication(services).test(.router) { client in
            let page = try await client.send(.get, "/no/such/page.html")
            #expect(page.status == .notFound && page.text.contains("«not_found»") && page.text.contains("app/sign-in"))
            let api = try await client.send(.get, "/api/no-such-thing")
            #expect(api.status == .notFound && !api.text.contains("<html"))
            // A new one-time password is asked for first, like disabling.
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            let asked = try await client.send(.get, "/app/admin/accounts/cadet1/reset-password", as: boss)
            #expect(asked.status == .ok && asked.text.contains("«confirm_reset_text»"))
            #expect(try await services.store.account(login: "cadet1")?.mustChangePassword == false, "asking reset the password")
        }
    }

    @Test("the audit log is read-only, filtered by who, what and text, paged newest first, with the chain's status")
    func auditLog() async throws {
        let services = try await Fixture.services()
        for index in 1...60 {
            try await services.store.audit(actor: index % 2 == 0 ? "boss" : "other", action: index % 3 == 0 ? "export" : "account.create", subject: "account:\(index)")
        }
        try await buildApplication(services).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            let first = try await client.send(.get, "/app/admin/audit", as: boss)
            #expect(first.status == .ok)
            #expect(first.text.contains("«audit_chain_ok»"))
            // Newest first, 50 to a page, and a link to the older ones.
            #expect(first.text.contains("<td>account:60</td>") && !first.text.contains("<td>account:10</td>"))
            let older = try #require(first.text.firstMatch(of: /href="([^"]*before=\d+)"/)?.output.1)
            let second = try await client.send(.get, "/" + older.replacingOccurrences(of: "../", with: "").replacingOccurrences(of: "&amp;", with: "&"), as: boss)
            #expect(second.text.contains("<td>account:10</td>") && !second.text.contains("<td>account:60</td>"))
            // Filters combine; the text filter looks in the subject.
            let filtered = try await client.send(.get, "/app/admin/audit?actor=boss&action=export&q=account:1", as: boss)
            let subjects = filtered.text.matches(of: /<td>(account:\d+)<\/td>/).map { String($0.output.1) }
            #expect(subjects == ["account:18", "account:12"], "got \(subjects)")
            #expect(filtered.text.contains("<option value=\"boss\" selected>"))
            // A changed entry breaks the chain, and the page says where.
            try await services.store.writer.write { try $0.execute(sql: "UPDATE audit SET details = 'changed' WHERE id = 5") }
            #expect(try await client.send(.get, "/app/admin/audit", as: boss).text.contains("«audit_chain_broken»"))
            // Nothing on the page changes the log: its only form reads with GET.
            #expect(!first.text.contains("method=\"post\" action=\"../app/admin/audit"))
        }
    }
}
