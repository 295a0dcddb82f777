import AcademyCore
import AcademyStore
import Foundation
import GRDB
import Testing

@Suite("Cohorts, enrolment, completion records and backups in the store")
struct CohortStoreTests {
    static let day1 = Day("2027-01-10")!
    static let day2 = Day("2027-06-30")!

    func cohort(_ store: AcademyStore, code: String = "cadets-2027") async throws -> Cohort {
        try await store.createCohort(code: code, name: "Cadets 2027", kind: .preService, track: "pre-service",
                                     startsOn: Self.day1, endsOn: Self.day2, instructors: [], actor: "test")
    }

    @Test("a cohort keeps its fields and instructors; codes are unique; an unknown instructor writes nothing")
    func createCohort() async throws {
        let store = try AcademyStore.inMemory()
        _ = try await store.createAccount(login: "teacher", name: "T", role: .trainee, track: "instructor", passwordHash: "h", mustChangePassword: false)
        let made = try await store.createCohort(code: "inv-1", name: "Investigators, spring", kind: .inService, track: "in-service",
                                                startsOn: Self.day1, endsOn: Self.day2, instructors: ["teacher"], actor: "test")
        #expect(try await store.cohort(code: "inv-1") == made)
        #expect(made.instructors == ["teacher"])
        await #expect(throws: StoreError.duplicateCohort("inv-1")) { _ = try await self.cohort(store, code: "inv-1") }
        await #expect(throws: StoreError.unknownAccount("ghost")) {
            _ = try await store.createCohort(code: "inv-2", name: "x", kind: .inService, track: "in-service",
                                             startsOn: Self.day1, endsOn: Self.day2, instructors: ["ghost"], actor: "test")
        }
        #expect(try await store.cohorts().map(\.code) == ["inv-1"])
    }

    @Test("the preview classifies every row and writes nothing")
    func preview() async throws {
        let store = try AcademyStore.inMemory()
        let cohort = try await cohort(store)
        _ = try await store.createAccount(login: "old.cadet", name: "Старый", role: .trainee, track: "pre-service", passwordHash: "h", mustChangePassword: false)
        _ = try await store.createAccount(login: "boss", name: "B", role: .admin, track: nil, passwordHash: "h", mustChangePassword: false)
        _ = try await store.createAccount(login: "investigator", name: "I", role: .trainee, track: "in-service", passwordHash: "h", mustChangePassword: false)
        let roster = "name,login\r\nАйгерим Токтогулова,\r\nOld Cadet,old.cadet\r\n,empty.name\r\nBoss,boss\r\nInv,investigator\r\nАйгерим Токтогулова,\r\nBad,Bad Login!\r\n"
        let plan = try await store.planEnrolment(cohort: cohort, roster: roster)
        #expect(plan.rows.map(\.line) == [2, 3, 4, 5, 6, 7, 8])
        #expect(plan.creations.map(\.login) == ["aygerim.toktogulova", "aygerim.toktogulova2"])
        #expect(plan.creations.first?.name == "Айгерим Токтогулова")
        #expect(plan.enrolments.map(\.login) == ["old.cadet"])
        #expect(plan.rejections.count == 4)
        #expect(try await store.accountCount() == 3)
        #expect(try await store.members(cohortID: cohort.id).isEmpty)
    }

    @Test("confirming enrols every accepted row at once; a second run reports them as duplicates")
    func enrol() async throws {
        let store = try AcademyStore.inMemory()
        let cohort = try await cohort(store)
        let roster = "name\nАсель Иманова\nБакыт Осмонов\n"
        let plan = try await store.planEnrolment(cohort: cohort, roster: roster)
        try await store.enrol(plan: plan, roster: roster, passwordHashes: ["asel.imanova": "h1", "bakyt.osmonov": "h2"], actor: "account:admin")
        let members = try await store.members(cohortID: cohort.id)
        #expect(members.map(\.name) == ["Асель Иманова", "Бакыт Осмонов"])
        #expect(members.allSatisfy { $0.mustChangePassword && $0.track == "pre-service" })
        let again = try await store.planEnrolment(cohort: cohort, roster: roster)
        #expect(again.duplicates.count == 2 && again.creations.isEmpty)
        #expect(try await store.auditEntries().contains { $0.action == "cohort.enrol" && $0.details.hasPrefix("2 created") })
    }

    @Test("if an account appears between preview and confirmation, nothing is written")
    func enrolAllOrNothing() async throws {
        let store = try AcademyStore.inMemory()
        let cohort = try await cohort(store)
        let roster = "name,login\nFirst,first\nSecond,second\n"
        let plan = try await store.planEnrolment(cohort: cohort, roster: roster)
        _ = try await store.createAccount(login: "second", name: "S", role: .admin, track: nil, passwordHash: "h", mustChangePassword: false)
        await #expect(throws: StoreError.self) {
            try await store.enrol(plan: plan, roster: roster, passwordHashes: ["first": "h", "second": "h"], actor: "test")
        }
        #expect(try await store.account(login: "first") == nil)
        #expect(try await store.members(cohortID: cohort.id).isEmpty)
    }

    @Test("completion records follow the track: studied lessons, best score, status; filters by cohort and dates")
    func completions() async throws {
        let store = try AcademyStore.inMemory()
        let course = StoreFixture.course
        let cohort = try await cohort(store)
        let roster = "name,login\nFirst,first\nSecond,second\n"
        let plan = try await store.planEnrolment(cohort: cohort, roster: roster)
        try await store.enrol(plan: plan, roster: roster, passwordHashes: ["first": "h", "second": "h"], actor: "test")
        _ = try await store.createAccount(login: "outsider", name: "O", role: .trainee, track: "pre-service", passwordHash: "h", mustChangePassword: false)
        let first = try #require(try await store.account(login: "first"))
        let studied = Day("2027-02-01")!.start
        try await store.recordProgress(accountID: first.id, lesson: "l1", contentHash: "x", now: studied)
        try await store.recordProgress(accountID: first.id, lesson: "l2", contentHash: "x", now: studied.addingTimeInterval(3600))
        let attempt = try await store.startAttempt(accountID: first.id, assessment: "quiz:m1", now: studied.addingTimeInterval(7200), draw: { (1, []) },
                                                   deadline: studied.addingTimeInterval(9000), contentHash: "c", check: { _ in })
        _ = try await store.submit(attempt, answers: [], percent: 90, passed: true, now: studied.addingTimeInterval(7300))

        var all: [CompletionRecord] = []
        try await store.completions(CompletionFilter(), course: course, batchSize: 1) { all += $0 }
        #expect(all.map(\.login) == ["first", "first", "outsider", "outsider", "second", "second"])
        let row = try #require(all.first)
        #expect(row.status == .completed && row.score == 90 && row.lessonsStudied == 2 && row.cohorts == ["cadets-2027"])
        #expect(row.completedAt == studied.addingTimeInterval(7300))
        #expect(all[1].kind == .exam && all[1].status == .notStarted)

        var inCohort: [CompletionRecord] = []
        try await store.completions(CompletionFilter(cohort: "cadets-2027"), course: course) { inCohort += $0 }
        #expect(Set(inCohort.map(\.login)) == ["first", "second"])

        var inFebruary: [CompletionRecord] = []
        try await store.completions(CompletionFilter(since: Day("2027-02-01"), until: Day("2027-02-01")), course: course) { inFebruary += $0 }
        #expect(inFebruary.map(\.login) == ["first"])
        var later: [CompletionRecord] = []
        try await store.completions(CompletionFilter(since: Day("2027-02-02")), course: course) { later += $0 }
        #expect(later.isEmpty)
        await #expect(throws: StoreError.unknownCohort("nope")) { try await store.completions(CompletionFilter(cohort: "nope"), course: course) { _ in } }
    }

    @Test("an export streams header, rows and footer through the exporter and counts its records; recording it names the filter")
    func export() async throws {
        let store = try AcademyStore.inMemory()
        _ = try await store.createAccount(login: "solo", name: "Соло", role: .trainee, track: "pre-service", passwordHash: "h", mustChangePassword: false)
        var bytes: [UInt8] = []
        var writes = 0
        let count = try await store.export(CompletionFilter(), course: StoreFixture.course, through: CompletionExport(format: .json, baseURL: "x")) {
            bytes += $0
            writes += 1
        }
        #expect(count == 2 && writes == 2)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [[String: Any]])
        #expect(array.map { $0["unit"] as? String } == ["m1", "final"])
        try await store.recordExport(CompletionFilter(cohort: "c1", track: "pre-service", since: Day("2027-01-01")), format: .csv, actor: "cli")
        let entry = try #require(try await store.auditEntries().last)
        #expect(entry.action == "export.completions" && entry.subject == "cohort:c1" && entry.details == "csv, track pre-service, since 2027-01-01")
    }

    @Test("a backup taken while the store is open restores to the same records; restore keeps the database it replaces")
    func backupAndRestore() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("academy-backup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let live = folder.appendingPathComponent("live")
        let store = try AcademyStore.open(folder: live)
        let cohort = try await cohort(store)
        let roster = "name\nАсель Иманова\n"
        let plan = try await store.planEnrolment(cohort: cohort, roster: roster)
        try await store.enrol(plan: plan, roster: roster, passwordHashes: ["asel.imanova": "h"], actor: "test")
        let asel = try #require(try await store.account(login: "asel.imanova"))
        try await store.recordProgress(accountID: asel.id, lesson: "l1", contentHash: "x")
        let file = folder.appendingPathComponent("copy.sqlite")
        #expect(try await store.backup(to: file) > 0)
        await #expect(throws: BackupError.exists(file.path)) { try await store.backup(to: file) }
        // A write after the backup is not in it.
        try await store.recordProgress(accountID: asel.id, lesson: "l2", contentHash: "x")

        let restoredFolder = folder.appendingPathComponent("restored")
        _ = try AcademyStore.open(folder: restoredFolder)  // something there already, to be kept aside
        let kept = try AcademyStore.restore(from: file, into: restoredFolder)
        #expect(kept?.hasPrefix("academy.sqlite.before-restore-") == true)
        #expect(FileManager.default.fileExists(atPath: restoredFolder.appendingPathComponent(kept ?? "?").path))
        let restored = try AcademyStore.open(folder: restoredFolder)
        #expect(try await restored.accounts() == (try await store.accounts()))
        #expect(try await restored.cohorts() == (try await store.cohorts()))
        #expect(try await restored.progress(accountID: asel.id).map(\.lesson) == ["l1"])
        #expect(try await restored.verifyAudit().firstBroken == nil)
        #expect(try await restored.auditEntries() == (try await store.auditEntries()))
    }

    @Test("restore refuses a folder a server holds, and a file that is not a database")
    func restoreRefusals() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("academy-restore-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let lock = try #require(try DataFolderLock(folder: folder))
        let junk = folder.appendingPathComponent("junk.sqlite")
        try Data("not a database".utf8).write(to: junk)
        #expect(throws: BackupError.folderInUse(folder.path)) { try AcademyStore.restore(from: junk, into: folder) }
        withExtendedLifetime(lock) {}
        let other = folder.appendingPathComponent("other")
        #expect(throws: BackupError.self) { try AcademyStore.restore(from: junk, into: other) }
        #expect(!FileManager.default.fileExists(atPath: other.appendingPathComponent("academy.sqlite").path))
    }
}

/// A course with one track of one two-lesson module, a quiz bank and an examination.
enum StoreFixture {
    static var course: Course {
        let lessons = ["l1", "l2"].map { LessonInfo(id: $0, title: $0, minutes: 10, objectives: ["o1"], contentHash: "x", words: 10, translations: []) }
        let module = Module(id: "m1", number: 1, title: "Module one", summary: "", duration: 20, tracks: ["pre-service"],
                            objectives: [Objective(id: "o1", text: "Do it.")], lessons: lessons)
        let rules = AttemptRules(passMark: 80, timeLimitMinutes: 20, attemptsAllowed: 2, cooldownMinutes: 0, review: .immediately)
        let bank = QuestionBank(module: "m1", rules: rules, draw: 1, spread: .objectives, questions: [])
        let exam = Exam(id: "final", title: "Final", track: "pre-service", rules: rules, draws: [])
        return Course(
            title: "C", subtitle: "", publisher: "", languages: ["en"], defaultLanguage: "en",
            tracks: [Track(id: "pre-service", title: "Pre-service", summary: "", modules: ["m1"], exam: "final")],
            modules: [module], questionBanks: [bank], exams: [exam], rubrics: [], programmes: [], strings: [:], contentHash: "c"
        )
    }
}
