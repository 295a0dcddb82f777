import AcademyCore
import AcademyServer
import AcademyStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Cohorts: creation, roster import, dashboards and exports")
struct CohortTests {
    static let roster = """
        name,login
        Айгерим Токтогулова,
        "Осмонов, Бакыт",bakyt.osmonov
        Жылдыз Сейитбекова,
        Bad Row,Not A Login!

        """

    func createCohort(_ client: some TestClientProtocol, _ boss: Credentials, code: String = "cadets-2027") async throws -> TestResponse {
        try await client.form("/app/admin/cohorts", [
            "_csrf": boss.csrf, "name": "Кадеты 2027", "code": code, "kind": "pre-service", "track": "pre-service",
            "starts_on": "2027-01-10", "ends_on": "2027-06-30",
        ], cookie: boss.cookie)
    }

    func upload(_ client: some TestClientProtocol, _ boss: Credentials, cohort: String, csv: String, csrf: String? = nil) async throws -> TestResponse {
        let boundary = "----academy-test-boundary"
        var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf ?? boss.csrf)\r\n"
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"roster\"; filename=\"cadets.csv\"\r\nContent-Type: text/csv\r\n\r\n\(csv)\r\n--\(boundary)--\r\n"
        return try await client.execute(
            uri: "/app/admin/cohorts/\(cohort)/import", method: .post,
            headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: boss.cookie], body: ByteBuffer(string: body)
        )
    }

    /// The hidden fields of the preview's confirmation form.
    func confirmFields(_ preview: TestResponse) throws -> (roster: String, digest: String) {
        let roster = try #require(preview.text.firstMatch(of: /name="roster" value="([^"]*)"/)?.output.1)
        let digest = try #require(preview.text.firstMatch(of: /name="digest" value="([0-9a-f]{64})"/)?.output.1)
        let unescaped = String(roster).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        return (unescaped, String(digest))
    }

    @Test("an administrator creates a cohort; bad fields are refused by name and write nothing")
    func create() async throws {
        let services = try await Fixture.services()
        try await buildApplication(services).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            let created = try await createCohort(client, boss)
            #expect(created.status == .seeOther)
            #expect(created.headers[.location]?.hasSuffix("app/admin/cohorts/cadets-2027") == true)
            #expect(try await createCohort(client, boss).status == .conflict)
            // A refused form comes back as it was typed, every problem beside its field, in the person's language.
            let badDates = try await client.form("/app/admin/cohorts", [
                "_csrf": boss.csrf, "name": "Кадеты весна", "code": "x-1", "kind": "pre-service", "track": "pre-service", "starts_on": "2027-05-01", "ends_on": "2027-04-01",
            ], cookie: boss.cookie)
            #expect(badDates.status == .badRequest)
            #expect(badDates.text.contains("<p class=\"field-error\" id=\"cohort-ends-error\">«error_end_before_start»</p>"))
            #expect(badDates.text.contains("value=\"Кадеты весна\"") && badDates.text.contains("value=\"2027-04-01\""))
            #expect(badDates.text.contains("<option value=\"pre-service\" selected>"))
            // A pre-service intake cannot follow another track, nor an in-service course the cadets' one.
            let mismatched = try await client.form("/app/admin/cohorts", [
                "_csrf": boss.csrf, "name": "X", "code": "x-3", "kind": "in-service", "track": "pre-service", "starts_on": "2027-05-01", "ends_on": "2027-06-01",
            ], cookie: boss.cookie)
            #expect(mismatched.status == .badRequest && mismatched.text.contains("id=\"cohort-track-error\">«error_kind_track»"))
            let badCode = try await client.form("/app/admin/cohorts", [
                "_csrf": boss.csrf, "name": String(repeating: "Я", count: 201), "code": "Кадеты", "kind": "pre-service", "track": "pre-service",
                "starts_on": "2027-05-01", "ends_on": "2027-06-01",
            ], cookie: boss.cookie)
            #expect(badCode.status == .badRequest)
            #expect(badCode.text.contains("id=\"cohort-code-error\">«error_code_rule»") && badCode.text.contains("id=\"cohort-name-error\">«error_name_too_long»"))
            let noInstructor = try await client.form("/app/admin/cohorts", [
                "_csrf": boss.csrf, "name": "X", "code": "x-2", "kind": "pre-service", "track": "pre-service", "starts_on": "2027-05-01", "ends_on": "2027-06-01",
                "instructors": "cadet1",
            ], cookie: boss.cookie)
            #expect(noInstructor.status == .badRequest && noInstructor.text.contains("«error_not_certified»"))
            #expect(try await services.store.cohorts().map(\.code) == ["cadets-2027"])
            let list = try await client.send(.get, "/app/admin/cohorts", as: boss)
            #expect(list.text.contains("Кадеты 2027"))
        }
    }

    @Test("a CSV roster is previewed with an error per bad row, then enrolled at once; the passwords download once")
    func importRoster() async throws {
        let services = try await Fixture.services()
        try await buildApplication(services).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            _ = try await createCohort(client, boss)
            let preview = try await upload(client, boss, cohort: "cadets-2027", csv: Self.roster)
            #expect(preview.status == .ok)
            #expect(preview.text.contains("New accounts: 3 · Existing accounts: 0 · Already in the cohort: 0 · Rows rejected: 1"))
            #expect(preview.text.contains("Осмонов, Бакыт"))
            #expect(preview.text.contains("row-rejected"))
            #expect(preview.text.contains("Rejected: the login &#39;Not A Login!&#39; does not follow the rule: 2 to 64 characters"))
            #expect(preview.text.contains("<td data-label=\"«name_label»\">Bad Row</td>"), "a rejected row shows what it held")
            // The result comes before the name, and every cell names its column for a phone's stacked layout.
            #expect(preview.text.contains("<th scope=\"col\">«row_line»</th><th scope=\"col\">«row_result»</th><th scope=\"col\">«name_label»</th>"))
            #expect(preview.text.contains("<table class=\"data-table stacked-table\">"))
            #expect(!preview.text.contains("<td>"), "a cell without its column's name")
            #expect(try await services.store.accountCount() == 3, "the preview wrote nothing")

            let (roster, digest) = try confirmFields(preview)
            // A confirmation that does not match what was previewed goes back to a new preview.
            let stale = try await client.form("/app/admin/cohorts/cadets-2027/import/confirm",
                                              ["_csrf": boss.csrf, "roster": roster, "digest": String(repeating: "0", count: 64)], cookie: boss.cookie)
            #expect(stale.status == .conflict)
            #expect(try await services.store.accountCount() == 3)

            let done = try await client.form("/app/admin/cohorts/cadets-2027/import/confirm",
                                             ["_csrf": boss.csrf, "roster": roster, "digest": digest], cookie: boss.cookie)
            #expect(done.status == .created)
            let cohort = try #require(try await services.store.cohort(code: "cadets-2027"))
            #expect(try await services.store.members(cohortID: cohort.id).map(\.login).sorted() == ["aygerim.toktogulova", "bakyt.osmonov", "zhyldyz.seyitbekova"])
            #expect(!done.text.contains("one_time_password"))

            let link = try #require(done.text.firstMatch(of: /href="[.\/]*(app\/admin\/downloads\/[A-Za-z0-9_-]+)"/)?.output.1)
            let trainee = try await client.signIn("cadet1", Fixture.traineePassword)
            #expect(try await client.send(.get, "/" + link, as: trainee).status == .forbidden)
            let file = try await client.send(.get, "/" + link, as: boss)
            #expect(file.status == .ok)
            #expect(file.headers[.contentDisposition]?.contains("attachment") == true)
            let records = try CSV.parse(file.text)
            #expect(records.first?.fields == ["login", "name", "one_time_password"])
            #expect(records.count == 4)
            let aygerim = try #require(records.first { $0.fields[0] == "aygerim.toktogulova" })
            #expect(aygerim.fields[1] == "Айгерим Токтогулова")
            _ = try await client.signIn("aygerim.toktogulova", aygerim.fields[2])
            #expect(try await client.send(.get, "/" + link, as: boss).status == .notFound, "a password list is handed out once")

            // Importing the same file again changes nothing: everyone is reported as already enrolled.
            let again = try await upload(client, boss, cohort: "cadets-2027", csv: Self.roster)
            #expect(again.text.contains("row-duplicate"))
            #expect(!again.text.contains("name=\"digest\""), "nothing left to enrol, so no confirmation form")
            #expect(!again.text.contains("row-name-differs"), "the same names are not a mismatch")
            // A login that belongs to somebody else in the cohort is not "already enrolled" without a word.
            let mistyped = try await upload(client, boss, cohort: "cadets-2027", csv: "name,login\nБакыт Асанов,aygerim.toktogulova\n")
            #expect(mistyped.text.contains("row-name-differs") && mistyped.text.contains("«result_name_differs»"))
            // The same in the form for one person: the input is kept, the message is beside the login.
            let one = try await client.form("/app/admin/cohorts/cadets-2027/members",
                                            ["_csrf": boss.csrf, "name": "Бакыт Асанов", "login": "aygerim.toktogulova"], cookie: boss.cookie)
            #expect(one.status == .conflict)
            #expect(one.text.contains("id=\"member-login-error\">«result_name_differs»"))
            #expect(one.text.contains("value=\"Бакыт Асанов\""))
        }
    }

    @Test("a pre-service intake cannot follow the in-service track: the form comes back as typed, the message beside the track")
    func preServiceCohortRefusesInServiceTrack() async throws {
        // The fixture course has the pre-service track only; the refusal needs an in-service one to choose.
        let base = try await Fixture.services()
        var course = base.course
        course.tracks.append(Track(id: "in-service", title: "In-service", summary: "", modules: ["questions"], exam: nil))
        let services = AcademyServices(configuration: base.configuration, store: base.store, course: course, site: base.site, openAPI: base.openAPI)
        try await buildApplication(services).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            let refused = try await client.form("/app/admin/cohorts", [
                "_csrf": boss.csrf, "name": "Кадеты осень", "code": "cadets-autumn", "kind": "pre-service", "track": "in-service",
                "starts_on": "2027-09-01", "ends_on": "2027-12-20",
            ], cookie: boss.cookie)
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("<p class=\"field-error\" id=\"cohort-track-error\">«error_kind_track»</p>"))
            #expect(refused.text.contains("value=\"Кадеты осень\"") && refused.text.contains("<option value=\"in-service\" selected>"))
            #expect(try await services.store.cohorts().isEmpty, "a refused cohort was written")
            // The same track for serving investigators is accepted.
            let accepted = try await client.form("/app/admin/cohorts", [
                "_csrf": boss.csrf, "name": "Следователи осень", "code": "investigators-autumn", "kind": "in-service", "track": "in-service",
                "starts_on": "2027-09-01", "ends_on": "2027-12-20",
            ], cookie: boss.cookie)
            #expect(accepted.status == .seeOther)
            #expect(try await services.store.cohorts().map(\.code) == ["investigators-autumn"])
        }
    }

    @Test("a roster name over 200 characters is refused in the preview with its line number; the other rows stand")
    func rosterNameTooLong() async throws {
        let services = try await Fixture.services()
        try await buildApplication(services).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            _ = try await createCohort(client, boss)
            let long = String(repeating: "Айгерим Сыдыкова ", count: 12) + "кызы"  // 208 characters
            #expect(long.count > 200)
            let preview = try await upload(client, boss, cohort: "cadets-2027", csv: "name,login\nЖылдыз Сейитбекова,\n\"\(long)\",\nАсель Иманова,\n")
            #expect(preview.status == .ok)
            #expect(preview.text.contains("New accounts: 2 · Existing accounts: 0 · Already in the cohort: 0 · Rows rejected: 1"))
            // One rejected row, on line 3, saying why; the name is not taken in: shown by its first 60
            // characters, marked as cut, with its whole length.
            let rejected = preview.text.matches(of: /<tr class="row-rejected"><td data-label="«row_line»">(\d+)<\/td>\s*<td data-label="«row_result»">Rejected: «roster_name_too_long»<\/td><td data-label="«name_label»">([^<]*)<span class="meta">([^<]*)<\/span><\/td>/)
            #expect(rejected.count == 1, "\(preview.text)")
            #expect(rejected.first.map { String($0.output.1) } == "3")
            #expect(rejected.first.map { String($0.output.2) } == String(long.prefix(60)) + "… ")
            #expect(rejected.first.map { String($0.output.3) } == "(208 characters in all)")
            #expect(preview.text.contains("<td data-label=\"«row_line»\">2</td>") && preview.text.contains("<td data-label=\"«name_label»\">Жылдыз Сейитбекова</td>"))
            #expect(preview.text.contains("<td data-label=\"«name_label»\">Асель Иманова</td>"))
            // Confirmed, the two good rows are enrolled and no account has a cut name.
            let (roster, digest) = try confirmFields(preview)
            let done = try await client.form("/app/admin/cohorts/cadets-2027/import/confirm", ["_csrf": boss.csrf, "roster": roster, "digest": digest], cookie: boss.cookie)
            #expect(done.status == .created)
            let names = try await services.store.accounts().map(\.name)
            #expect(names.contains("Асель Иманова") && !names.contains { $0.hasPrefix("Айгерим Сыдыкова") })
            #expect(try await services.store.accountCount() == 5)
        }
    }

    @Test("one-time credentials: each hash verifies its own password, at no more than the one-time cost, and the CSV reads back")
    func credentials() async throws {
        let rows = [EnrolmentPlan.Row(line: 2, login: "asel.imanova", name: "Асель, \"Иманова\"", action: .create),
                    EnrolmentPlan.Row(line: 3, login: "bakyt", name: "Бакыт", action: .create)]
        let made = try await OneTimeCredentials.make(for: rows, hashingWith: Passwords(cost: 12))
        #expect(made.entries.map(\.login) == ["asel.imanova", "bakyt"])
        #expect(Set(made.entries.map(\.password)).count == 2)
        for entry in made.entries {
            let hash = try #require(made.hashes[entry.login])
            #expect(hash.contains("$08$"), "hashed at cost 8, not 12")
            #expect(try await Passwords(cost: 4).verify(entry.password, hash: hash))
            #expect(try await !Passwords(cost: 4).verify(entry.password + "x", hash: hash))
        }
        let records = try CSV.parse(made.csv)
        #expect(made.csv.hasPrefix("\u{FEFF}"))
        #expect(records.map(\.fields) == [["login", "name", "one_time_password"]] + made.entries.map { [$0.login, $0.name, $0.password] })
    }

    @Test("uploads are checked: CSRF, encoding, malformed CSV naming the line, size")
    func uploadChecks() async throws {
        let services = try await Fixture.services()
        try await buildApplication(services).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            _ = try await createCohort(client, boss)
            #expect(try await upload(client, boss, cohort: "cadets-2027", csv: Self.roster, csrf: "wrong").status == .forbidden)
            let latin1 = try await upload(client, boss, cohort: "cadets-2027", csv: "name\n\u{00E9}")
            #expect(latin1.status == .ok, "é in UTF-8 is fine")
            let unclosed = try await upload(client, boss, cohort: "cadets-2027", csv: "name\n\"Open quote\n")
            #expect(unclosed.status == .badRequest && unclosed.text.contains("line 2"))
            let noName = try await upload(client, boss, cohort: "cadets-2027", csv: "login\nx\n")
            #expect(noName.status == .badRequest && noName.text.contains("no &#39;name&#39; column"))
            let huge = try await upload(client, boss, cohort: "cadets-2027", csv: "name\n" + String(repeating: "A\n", count: 600_000))
            #expect(huge.status == .contentTooLarge)
            #expect(try await upload(client, boss, cohort: "no-such", csv: Self.roster).status == .notFound)
            #expect(try await services.store.accountCount() == 3)
        }
    }

    @Test("the dashboard shows each trainee by module and draws its charts; it changes as trainees study")
    func dashboard() async throws {
        let services = try await Fixture.services()
        try await buildApplication(services).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            _ = try await createCohort(client, boss)
            let added = try await client.form("/app/admin/cohorts/cadets-2027/members", ["_csrf": boss.csrf, "name": "Aida", "login": "cadet1"], cookie: boss.cookie)
            #expect(added.status == .created)
            let before = try await client.send(.get, "/app/admin/cohorts/cadets-2027", as: boss)
            #expect(before.text.contains("<td class=\"\">0/2</td>"))
            // Nobody has studied yet: the charts say so rather than drawing empty axes.
            #expect(before.text.contains("<p class=\"chart-empty\">") && !before.text.contains("<svg"))
            #expect(!before.text.contains("<b>Cadet</b>"), "names are escaped")

            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let marked = try await client.send(.post, "/api/progress", json: #"{"lesson":"open-prompts"}"#, as: cadet)
            #expect(marked.status == .noContent || marked.status == .ok || marked.status == .created)
            let after = try await client.send(.get, "/app/admin/cohorts/cadets-2027", as: boss)
            #expect(after.text.contains("<td class=\"cell-partial\">1/2</td>"))
            #expect(after.text.contains("50.0%") || after.text.contains("50%"))
            #expect(after.text.contains("<svg") && after.text.contains("role=\"img\""))
            // A passed quiz shows its score with a tick, and falls in the top band of the module's chart.
            let started = try await client.send(.post, "/api/attempts", json: #"{"assessment":"quiz:questions"}"#, as: cadet)
            let attempt = try #require(try JSONSerialization.jsonObject(with: Data(started.text.utf8)) as? [String: Any])["id"] as? Int
            let graded = try await client.send(.post, "/api/attempts/\(try #require(attempt))/submission", json: QuizTests.rightAnswers, as: cadet)
            #expect(graded.status == .ok)
            let passed = try await client.send(.get, "/app/admin/cohorts/cadets-2027", as: boss)
            #expect(passed.text.contains("<td class=\"cell-partial\">1/2 · ✓ 100%</td>"))
            #expect(passed.text.contains("1. Questions 0–19 0, 20–39 0, 40–59 0, 60–79 0, 80–100 1"))

            let record = try await client.send(.get, "/app/admin/trainees/cadet1", as: boss)
            #expect(record.status == .ok && record.text.contains("1/2"))
            #expect(record.text.contains("«status_in_progress»"), "statuses are shown in the page's language")
            #expect(try await client.send(.get, "/app/admin/trainees/boss", as: boss).status == .notFound)
            let twice = try await client.form("/app/admin/cohorts/cadets-2027/members", ["_csrf": boss.csrf, "name": "Aida", "login": "cadet1"], cookie: boss.cookie)
            #expect(twice.status == .conflict)
        }
    }

    @Test("exports: CSV with BOM that parses back, JSON, xAPI; filtered; recorded in the audit log; bad filters refused by field")
    func export() async throws {
        let services = try await Fixture.services()
        try await buildApplication(services).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            _ = try await createCohort(client, boss)
            _ = try await client.form("/app/admin/cohorts/cadets-2027/members", ["_csrf": boss.csrf, "name": "Айгерим Токтогулова"], cookie: boss.cookie)
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            _ = try await client.send(.post, "/api/progress", json: #"{"lesson":"open-prompts"}"#, as: cadet)

            let csv = try await client.form("/app/admin/export", ["_csrf": boss.csrf, "format": "csv", "bom": "1"], cookie: boss.cookie)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            // The header is in the administrator's language (here each UI string is its key).
            #expect(csv.text.hasPrefix("\u{FEFF}«export_col_login»,«export_col_name»,"))
            let rows = try CSV.parse(csv.text)
            let header = try #require(rows.first?.fields)
            let logins = rows.dropFirst().map { $0.fields[header.firstIndex(of: "«export_col_login»")!] }
            #expect(Set(logins) == ["aygerim.toktogulova", "cadet1", "fresh"])
            let studied = try #require(rows.first { $0.fields.first == "cadet1" && $0.fields[header.firstIndex(of: "«export_col_kind»")!] == "module" })
            #expect(studied.fields[header.firstIndex(of: "«export_col_lessons_studied»")!] == "1")
            #expect(studied.fields[header.firstIndex(of: "«export_col_status»")!] == "in-progress")
            #expect(rows.contains { $0.fields[1] == "Айгерим Токтогулова" && $0.fields[2] == "cadets-2027" })

            let cohortOnly = try await client.form("/app/admin/export", ["_csrf": boss.csrf, "format": "json", "cohort": "cadets-2027"], cookie: boss.cookie)
            let array = try #require(try JSONSerialization.jsonObject(with: Data(cohortOnly.text.utf8)) as? [[String: Any]])
            #expect(Set(array.compactMap { $0["login"] as? String }) == ["aygerim.toktogulova"])

            let xapi = try await client.form("/app/admin/export", ["_csrf": boss.csrf, "format": "xapi"], cookie: boss.cookie)
            #expect(xapi.status == .ok)
            #expect(xapi.text.isEmpty, "no statement yet: nothing completed, passed or failed")

            let badDay = try await client.form("/app/admin/export", ["_csrf": boss.csrf, "format": "csv", "since": "2027-02-30"], cookie: boss.cookie)
            #expect(badDay.status == .badRequest && badDay.text.contains("«error_date»"))
            let badCohort = try await client.form("/app/admin/export", ["_csrf": boss.csrf, "format": "csv", "cohort": "nope"], cookie: boss.cookie)
            #expect(badCohort.status == .badRequest)
            let noToken = try await client.form("/app/admin/export", ["format": "csv"], cookie: boss.cookie)
            #expect(noToken.status == .forbidden)

            let exports = try await services.store.auditEntries().filter { $0.action == "export.completions" }
            #expect(exports.count == 3)
            #expect(exports.allSatisfy { $0.actor == "account:boss" })
        }
    }

    @Test("a refused export comes back as typed, every field kept, the message beside the field it concerns")
    func refusedExportKeepsForm() async throws {
        let services = try await Fixture.services()
        try await buildApplication(services).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            _ = try await createCohort(client, boss)
            // A fresh form asks for the byte-order mark.
            let fresh = try await client.send(.get, "/app/admin/export?cohort=cadets-2027", as: boss)
            #expect(fresh.text.contains("name=\"bom\" value=\"1\" checked") && fresh.text.contains("<option value=\"cadets-2027\" selected>"))
            let refused = try await client.form("/app/admin/export", [
                "_csrf": boss.csrf, "format": "json", "cohort": "cadets-2027", "track": "pre-service", "since": "2027-03-01", "until": "2027-02-01",
            ], cookie: boss.cookie)
            #expect(refused.status == .badRequest)
            let page = refused.text
            #expect(page.contains("<option value=\"json\" selected>") && !page.contains("<option value=\"csv\" selected>"))
            #expect(page.contains("<option value=\"cadets-2027\" selected>") && page.contains("<option value=\"pre-service\" selected>"))
            #expect(page.contains("name=\"since\" type=\"date\" value=\"2027-03-01\""))
            #expect(page.contains("name=\"until\" type=\"date\" value=\"2027-02-01\" aria-invalid=\"true\" aria-describedby=\"export-until-error\""))
            // The message just before the "until" field, and nowhere else.
            let message = "<p class=\"field-error\" id=\"export-until-error\">«error_end_before_start»</p>"
            let untilLabel = try #require(page.range(of: "for=\"export-until\""))
            let messageAt = try #require(page.range(of: message))
            let untilInput = try #require(page.range(of: "id=\"export-until\""))
            #expect(untilLabel.upperBound < messageAt.lowerBound && messageAt.upperBound < untilInput.lowerBound)
            #expect(page.components(separatedBy: "«error_end_before_start»").count == 2)
            #expect(page.contains("«error_check_fields»"))
            // The byte-order mark left unticked stays unticked.
            #expect(!page.contains("name=\"bom\" value=\"1\" checked"))
            let ticked = try await client.form("/app/admin/export", ["_csrf": boss.csrf, "format": "csv", "since": "2027-02-30", "bom": "1"], cookie: boss.cookie)
            #expect(ticked.status == .badRequest && ticked.text.contains("name=\"bom\" value=\"1\" checked"))
            #expect(ticked.text.contains("id=\"export-since-error\">«error_date»"))
            #expect(try await services.store.auditEntries().filter { $0.action == "export.completions" }.isEmpty, "a refused export was recorded")
        }
    }
}
