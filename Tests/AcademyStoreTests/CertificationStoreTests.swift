import AcademyCore
import AcademyStore
import Foundation
import GRDB
import Testing

@Suite("Certifications and the audit log in the store")
struct CertificationStoreTests {
    func people(_ store: AcademyStore) async throws -> (Account, Account, Account) {
        let founder = try await store.createAccount(login: "founder", name: "F", role: .trainee, track: "in-service", passwordHash: "h", mustChangePassword: false)
        let second = try await store.createAccount(login: "second", name: "S", role: .trainee, track: "in-service", passwordHash: "h", mustChangePassword: false)
        let candidate = try await store.createAccount(login: "cand", name: "C", role: .trainee, track: "in-service", passwordHash: "h", mustChangePassword: false)
        return (founder, second, candidate)
    }

    /// Founds `first` and `second` as instructors; returns the first's certification.
    func foundInstructors(_ store: AcademyStore, _ first: Account, _ second: Account) async throws -> CertificationRecord {
        let founding = try await store.issueCertification(accountID: first.id, programme: "instructor", expiresAt: nil, basis: [],
                                                          foundingReason: "first", grantedBy: nil, actor: "account:admin")
        _ = try await store.issueCertification(accountID: second.id, programme: "instructor", expiresAt: nil, basis: [],
                                               foundingReason: "second", grantedBy: nil, actor: "account:admin")
        return founding
    }

    /// A passed teach-back of `candidate` observed by `assessor`.
    func passedTeachBack(_ store: AcademyStore, _ candidate: Account, by assessor: Account, on day: String) async throws -> PracticalRecord {
        try await store.recordPractical(candidateID: candidate.id, assessorID: assessor.id, programme: "instructor", rubric: "teach-back",
                                        observedOn: day, place: "Academy", scores: [:], notes: [:], passed: true, actor: "account:\(assessor.login)")
    }

    @Test("verification codes carry at least 80 random bits and do not repeat")
    func codes() {
        let codes = (0..<1000).map { _ in AcademyStore.verificationCode() }
        #expect(Set(codes).count == 1000)
        // 20 characters from 32 letters: 100 bits.
        #expect(codes.allSatisfy { $0.replacingOccurrences(of: "-", with: "").count == 20 })
    }

    @Test("issuing twice returns the current certification; nobody assesses themself")
    func issue() async throws {
        let store = try AcademyStore.inMemory()
        let (founder, _, candidate) = try await people(store)
        let first = try await store.issueCertification(accountID: founder.id, programme: "instructor", expiresAt: nil, basis: [],
                                                       foundingReason: "first instructor", grantedBy: nil, actor: "account:admin")
        let again = try await store.issueCertification(accountID: founder.id, programme: "instructor", expiresAt: nil, basis: [],
                                                       foundingReason: "again", grantedBy: nil, actor: "account:admin")
        #expect(first.id == again.id)
        #expect(first.code == again.code)
        #expect(again.foundingReason == "first instructor")
        await #expect(throws: AcademyStore.CertificationError.selfAssessment) {
            _ = try await store.recordPractical(candidateID: candidate.id, assessorID: candidate.id, programme: "p", rubric: "r", observedOn: "2026-11-29",
                                                place: "Bishkek", scores: [:], notes: [:], passed: true, actor: "x")
        }
    }

    @Test("revoking an assessor's certification flags what rests on their assessments, and undoes nothing")
    func revocation() async throws {
        let store = try AcademyStore.inMemory()
        let (founder, second, candidate) = try await people(store)
        let founding = try await foundInstructors(store, founder, second)
        let practical = try await store.recordPractical(candidateID: candidate.id, assessorID: founder.id, programme: "specialist", rubric: "mock",
                                                        observedOn: "2026-11-29", place: "Academy", scores: ["a": 2], notes: ["a": "good"], passed: true, actor: "account:founder")
        let earned = try await store.issueCertification(accountID: candidate.id, programme: "specialist", expiresAt: nil, basis: [practical.id],
                                                        foundingReason: nil, grantedBy: nil, actor: "system")
        #expect(try await store.assessors(ofCertification: earned.id) == [founder.id])
        let flagged = try await store.revokeCertification(id: founding.id, reason: "left the service", actor: "account:admin")
        #expect(flagged == [earned.id])
        let queue = try await store.certifications(needingReview: true)
        #expect(queue.map(\.id) == [earned.id])
        #expect(queue.first?.revokedAt == nil)
        await #expect(throws: AcademyStore.CertificationError.alreadyRevoked) {
            _ = try await store.revokeCertification(id: founding.id, reason: "again", actor: "account:admin")
        }
        try await store.clearReview(id: earned.id, note: "re-observed by another instructor", actor: "account:admin")
        #expect(try await store.certifications(needingReview: true).isEmpty)
    }

    @Test("a certification issued later on a revoked assessor's practical is flagged for review from the start")
    func laterIssueOnRevokedAssessor() async throws {
        let store = try AcademyStore.inMemory()
        let (founder, second, candidate) = try await people(store)
        let founding = try await foundInstructors(store, founder, second)
        let byFounder = try await passedTeachBack(store, candidate, by: founder, on: "2026-11-29")
        #expect(try await store.revokeCertification(id: founding.id, reason: "falsified records", actor: "account:admin").isEmpty)
        let bySecond = try await passedTeachBack(store, candidate, by: second, on: "2026-12-01")
        let issued = try await store.issueCertification(accountID: candidate.id, programme: "instructor", expiresAt: nil, basis: [byFounder.id, bySecond.id],
                                                        foundingReason: nil, grantedBy: nil, actor: "account:second")
        #expect(issued.needsReview)
        #expect(try await store.certifications(needingReview: true).map(\.id) == [issued.id])
        // On a sound assessor's practical alone, nothing is flagged.
        let other = try await store.createAccount(login: "other", name: "O", role: .trainee, track: "in-service", passwordHash: "h", mustChangePassword: false)
        let sound = try await passedTeachBack(store, other, by: second, on: "2026-12-01")
        let clean = try await store.issueCertification(accountID: other.id, programme: "instructor", expiresAt: nil, basis: [sound.id],
                                                       foundingReason: nil, grantedBy: nil, actor: "account:second")
        #expect(!clean.needsReview)
    }

    @Test("the candidate record gathers lessons, passed assessments, practicals and certifications")
    func candidateRecord() async throws {
        let store = try AcademyStore.inMemory()
        let (founder, _, candidate) = try await people(store)
        try await store.recordProgress(accountID: candidate.id, lesson: "l1", contentHash: "h")
        _ = try await store.recordPractical(candidateID: candidate.id, assessorID: founder.id, programme: "specialist", rubric: "mock",
                                            observedOn: "2026-11-29", place: "Academy", scores: [:], notes: [:], passed: true, actor: "x")
        let record = try await store.candidateRecord(accountID: candidate.id)
        #expect(record.studiedLessons == ["l1"])
        #expect(record.practicals.map(\.assessorID) == [founder.id])
    }

    @Test("every change appends to the audit log, and the chain verifies")
    func auditChain() async throws {
        let store = try AcademyStore.inMemory()
        let (founder, _, _) = try await people(store)
        _ = try await store.issueCertification(accountID: founder.id, programme: "instructor", expiresAt: nil, basis: [],
                                               foundingReason: "first", grantedBy: nil, actor: "account:admin")
        try await store.disable(login: "second", actor: "account:admin")
        try await store.audit(actor: "account:admin", action: "export.completions", subject: "cohort:all")
        let actions = try await store.auditEntries().map(\.action)
        #expect(actions == ["account.create", "account.create", "account.create", "certification.found", "account.disable", "export.completions"])
        let verification = try await store.verifyAudit()
        #expect(verification.entries == 6)
        #expect(verification.firstBroken == nil)
    }

    func tampered(_ sql: String) async throws -> AuditVerification {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("academy-audit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let store = try AcademyStore.open(folder: folder)
            _ = try await people(store)
            try await store.audit(actor: "account:admin", action: "export.completions", subject: "cohort:all")
        }
        // Edit the file directly, as someone with access to the disk would.
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("academy.sqlite").path)
        try await queue.write { try $0.execute(sql: sql) }
        try queue.close()
        return try await AcademyStore.open(folder: folder).verifyAudit()
    }

    @Test("an edited entry is detected at that entry")
    func editDetected() async throws {
        let result = try await tampered("UPDATE audit SET details = 'trainee' WHERE id = 2")
        #expect(result.firstBroken == 2)
        #expect(result.problem == "entry 2 was changed after it was written")
    }

    @Test("a deleted entry is detected where the chain breaks")
    func deleteDetected() async throws {
        let result = try await tampered("DELETE FROM audit WHERE id = 2")
        #expect(result.firstBroken == 3)
    }

    @Test("a rewritten hash is detected by the next entry's link")
    func rehashDetected() async throws {
        let result = try await tampered("UPDATE audit SET details = 'x', hash = '" + String(repeating: "a", count: 64) + "' WHERE id = 2")
        #expect(result.firstBroken == 2)
    }
}
