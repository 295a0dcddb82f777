import AcademyCore
import Foundation
import Testing

@Suite("CSV, rosters and completion exports")
struct ExportTests {
    @Test("CSV reads quotes, doubled quotes, line breaks inside quotes, CRLF and a byte-order mark, with record lines")
    func parseCSV() throws {
        let text = "\u{FEFF}name,login\r\n\"Осмонов, Бакыт\",bakyt\r\n\r\n\"She said \"\"hi\"\"\nthen left\",x\n"
        let records = try CSV.parse(text)
        #expect(records.map(\.fields) == [["name", "login"], ["Осмонов, Бакыт", "bakyt"], ["She said \"hi\"\nthen left", "x"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test("malformed CSV names the line")
    func malformedCSV() {
        #expect(throws: CSV.ParseError(line: 2, reason: .unclosedQuote)) { try CSV.parse("a\n\"open,b\n") }
        #expect(throws: CSV.ParseError.self) { try CSV.parse("a\nab\"c\n") }
        #expect(throws: CSV.ParseError.self) { try CSV.parse("a\n\"ab\"c\n") }
    }

    @Test("written fields are quoted only when needed, and formula-like text is defused")
    func writeCSV() throws {
        #expect(CSV.line(["plain", "a,b", "say \"x\"", "line\nbreak", "=HYPERLINK(1)"]) == "plain,\"a,b\",\"say \"\"x\"\"\",\"line\nbreak\",'=HYPERLINK(1)\r\n")
        #expect(CSV.line(["+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]) == "'+1,'-1,'@SUM(A1),'\t=1,\"'\r=1\"\r\n")
        // Quoted, so a spreadsheet splitting on semicolons keeps it one cell that starts with "x".
        #expect(CSV.line(["x;=1+1;"]) == "\"x;=1+1;\"\r\n")
        let fields = ["Айгерим", "a,\"b\"", "c\r\nd"]
        #expect(try CSV.parse(CSV.line(fields)).first?.fields == fields)
    }

    @Test("a roster needs a name column, rejects bad rows with their line, and makes logins from Cyrillic names")
    func roster() throws {
        #expect(throws: CSV.ParseError.self) { try Roster.parse("login\nx\n") }
        #expect(throws: CSV.ParseError.self) { try Roster.parse("name,rank\nx,y\n") }
        let roster = try Roster.parse("Name , Login\nЖылдыз Сейитбекова,\nӨмүр Ңаа,\nA,b,c\n,\nX,UPPER.ok\nY,upper.ok\n", existingLogins: ["zhyldyz.seyitbekova"])
        #expect(roster.entries.map(\.login) == ["zhyldyz.seyitbekova2", "omur.ngaa", "upper.ok"])
        #expect(roster.rejections.map(\.line) == [4, 5, 7])
        #expect(roster.rejections.last?.message.contains("line 6") == true)
    }

    @Test("a roster of namesakes gets one login each, numbered in order, skipping logins already taken")
    func namesakes() throws {
        let text = "name\n" + String(repeating: "Асель Токтогулова\n", count: Roster.maximumRows)
        let roster = try Roster.parse(text, existingLogins: ["asel.toktogulova", "asel.toktogulova3"])
        #expect(roster.rejections.isEmpty)
        #expect(roster.entries.count == Roster.maximumRows)
        #expect(Set(roster.entries.map(\.login)).count == Roster.maximumRows)
        #expect(roster.entries.prefix(3).map(\.login) == ["asel.toktogulova2", "asel.toktogulova4", "asel.toktogulova5"])
        #expect(roster.entries.last?.login == "asel.toktogulova\(Roster.maximumRows + 2)")
    }

    @Test("days parse strictly and print back")
    func days() {
        #expect(Day("2028-02-29")?.description == "2028-02-29")
        #expect(Day("2027-02-29") == nil)
        #expect(Day("2027-1-01") == nil)
        #expect(Day("1970-01-01")?.daysSinceEpoch == 0)
        #expect(isoTimestamp(Date(timeIntervalSince1970: 1_795_000_000)) == "2026-11-18T11:06:40Z")
    }

    static let record = CompletionRecord(
        login: "aygerim", name: "Айгерим \"Ая\", Токтогулова", cohorts: ["cadets-2027"], track: "pre-service", kind: .module, unit: "first-response",
        title: "First response", lessonsStudied: 4, lessonsTotal: 4, startedAt: Date(timeIntervalSince1970: 1_800_000_000),
        completedAt: Date(timeIntervalSince1970: 1_800_100_000), score: 85, attempts: 2, status: .completed, certificationCode: nil,
        certificationExpires: nil, lastActivity: Date(timeIntervalSince1970: 1_800_100_000), lastAttemptAt: Date(timeIntervalSince1970: 1_800_100_000)
    )

    @Test("CSV export: header, optional BOM, one parseable row per record")
    func csvExport() throws {
        var export = CompletionExport(format: .csv, byteOrderMark: true, baseURL: "https://academy.example/")
        var out = export.header()
        export.append(Self.record, to: &out)
        out += export.footer()
        #expect(out.hasPrefix("\u{FEFF}login,name,"))
        let records = try CSV.parse(out)
        #expect(records.count == 2)
        let row = Dictionary(uniqueKeysWithValues: zip(records[0].fields, records[1].fields))
        #expect(row["name"] == "Айгерим \"Ая\", Токтогулова")
        #expect(row["score"] == "85" && row["status"] == "completed" && row["completed_at"] == "2027-01-16T11:46:40Z")
    }

    @Test("a CSV row of a programme leaves module-only columns empty, writes its code and expiry, and defuses formulas")
    func csvProgrammeRow() throws {
        var export = CompletionExport(format: .csv, baseURL: "x")
        var other = Self.record
        other.kind = .programme
        other.name = "=cmd|' /C calc'!A0"
        other.score = nil
        other.certificationCode = "ABCD-2345"
        other.certificationExpires = Date(timeIntervalSince1970: 1_900_000_000)
        var bytes: [UInt8] = []
        export.append(other, to: &bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        let row = Dictionary(uniqueKeysWithValues: zip(CompletionExport.columns, try #require(try CSV.parse(text).first).fields))
        #expect(row["lessons_studied"] == "" && row["lessons_total"] == "" && row["attempts"] == "" && row["score"] == "")
        #expect(row["certification_code"] == "ABCD-2345")
        #expect(row["certification_expires"] == isoTimestamp(other.certificationExpires) && row["certification_expires"] == "2030-03-17T17:46:40Z")
        #expect(text.contains("'=cmd|' /C calc'!A0"))
    }

    @Test("JSON export is one array that JSONSerialization reads, empty or not")
    func jsonExport() throws {
        let empty = CompletionExport(format: .json, baseURL: "x")
        #expect(try JSONSerialization.jsonObject(with: Data((empty.header() + empty.footer()).utf8)) as? [Any] != nil)
        var export = CompletionExport(format: .json, baseURL: "x")
        var out = export.header()
        export.append(Self.record, to: &out)
        export.append(Self.record, to: &out)
        out += export.footer()
        let array = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        #expect(array.count == 2)
        #expect(array[0]["name"] as? String == Self.record.name)
        #expect(array[0]["cohort"] as? [String] == ["cadets-2027"])
        #expect(array[0]["certification_code"] is NSNull)
        _ = empty
    }

    @Test("xAPI: a completed module with a score gives completed and passed statements, actor as an account, stable ids")
    func xapiExport() throws {
        var export = CompletionExport(format: .xapi, baseURL: "https://academy.example/")
        var out = ""
        export.append(Self.record, to: &out)
        let lines = out.split(separator: "\n")
        #expect(lines.count == 2)
        let statements = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let verbs = statements.compactMap { ($0["verb"] as? [String: Any])?["id"] as? String }
        #expect(verbs == ["http://adlnet.gov/expapi/verbs/completed", "http://adlnet.gov/expapi/verbs/passed"])
        let actor = try #require(statements[1]["actor"] as? [String: Any])
        let account = try #require(actor["account"] as? [String: Any])
        #expect(account["homePage"] as? String == "https://academy.example/" && account["name"] as? String == "aygerim")
        let score = try #require((statements[1]["result"] as? [String: Any])?["score"] as? [String: Any])
        #expect(score["scaled"] as? Double == 0.85)
        #expect(statements[1]["timestamp"] as? String == "2027-01-16T11:46:40Z")
        #expect(statements[0]["version"] as? String == "1.0.3")
        let id = try #require(statements[0]["id"] as? String)
        #expect(UUID(uuidString: id) != nil)
        var again = ""
        export.append(Self.record, to: &again)
        #expect(again == out)

        var failed = Self.record
        failed.status = .inProgress
        failed.completedAt = nil
        failed.score = 40
        var failedOut = ""
        export.append(failed, to: &failedOut)
        #expect(failedOut.contains("verbs/failed") && !failedOut.contains("verbs/completed") && failedOut.contains("\"scaled\":0.4"))
    }
}
