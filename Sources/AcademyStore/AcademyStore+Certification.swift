import AcademyCore
import Foundation
import GRDB

/// A certification as stored, with the people and assessments it rests on.
public struct CertificationRecord: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var accountID: Int64
    public var programme: String
    /// The public verification code (at least 80 random bits).
    public var code: String
    public var issuedAt: Date
    public var expiresAt: Date?
    /// Set for the first instructors, certified by an administrator rather than by peers.
    public var foundingReason: String?
    public var grantedBy: Int64?
    public var revokedAt: Date?
    public var revokedReason: String?
    /// Set when an assessor it rests on lost their certification: an administrator must look at it.
    public var needsReview: Bool

    public var held: HeldCertification {
        HeldCertification(programme: programme, issuedAt: issuedAt, expiresAt: expiresAt, revokedAt: revokedAt)
    }
}

/// A recorded observation of a candidate against a rubric.
public struct PracticalRecord: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var candidateID: Int64
    public var assessorID: Int64
    public var programme: String
    public var rubric: String
    public var observedOn: String
    public var place: String
    public var scores: [String: Int]
    /// Criteria the assessor marked not applicable (they have no score).
    public var notApplicable: [String]
    public var notes: [String: String]
    public var passed: Bool
    public var recordedAt: Date
}

extension AcademyStore {
    public enum CertificationError: Error, Sendable, Equatable, CustomStringConvertible {
        case notFound
        case alreadyRevoked
        case selfAssessment

        public var description: String {
            switch self {
            case .notFound: "no such certification"
            case .alreadyRevoked: "this certification is already revoked"
            case .selfAssessment: "nobody assesses themself"
            }
        }
    }

    /// A new verification code: 20 characters from a 32-letter alphabet (100 random bits), in groups of five.
    public static func verificationCode() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<20).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] }
        return stride(from: 0, to: 20, by: 5).map { String(characters[$0..<$0 + 5]) }.joined(separator: "-")
    }

    public func recordPractical(
        candidateID: Int64, assessorID: Int64, programme: String, rubric: String, observedOn: String, place: String,
        scores: [String: Int], notApplicable: [String] = [], notes: [String: String], passed: Bool, actor: String, now: Date = Date()
    ) async throws -> PracticalRecord {
        guard candidateID != assessorID else { throw CertificationError.selfAssessment }
        return try await writer.write { db in
            try Self.insertPractical(
                db, candidateID: candidateID, assessorID: assessorID, programme: programme, rubric: rubric, observedOn: observedOn, place: place,
                scores: scores, notApplicable: notApplicable, notes: notes, passed: passed, actor: actor, now: now
            )
        }
    }

    /// Records an observation and, in the same transaction, issues the certification it completes:
    /// `decide` (a pure rule, `CertificationPolicy.decide`) sees the candidate's whole record with the new
    /// assessment in it, so two assessments finishing at once cannot both issue it. Returns what
    /// `decide` said beside its decision.
    public func recordPractical<Outcome: Sendable>(
        candidateID: Int64, assessorID: Int64, programme: String, rubric: String, observedOn: String, place: String,
        scores: [String: Int], notApplicable: [String] = [], notes: [String: String], passed: Bool, actor: String, now: Date = Date(),
        decide: @escaping @Sendable (CandidateRecord) -> (CertificationDecision, Outcome)
    ) async throws -> (practical: PracticalRecord, issued: CertificationRecord?, outcome: Outcome) {
        guard candidateID != assessorID else { throw CertificationError.selfAssessment }
        return try await writer.write { db in
            let practical = try Self.insertPractical(
                db, candidateID: candidateID, assessorID: assessorID, programme: programme, rubric: rubric, observedOn: observedOn, place: place,
                scores: scores, notApplicable: notApplicable, notes: notes, passed: passed, actor: actor, now: now
            )
            let (decision, outcome) = decide(try Self.candidateRecord(db, accountID: candidateID))
            guard case .issue(let expiresAt, let basis, let renewing) = decision else { return (practical, nil, outcome) }
            let renewed = try renewing.flatMap { held in
                try Row.fetchAll(db, sql: "SELECT * FROM certification WHERE account_id = ? AND programme = ?", arguments: [candidateID, programme])
                    .map(Self.certification).first { $0.held == held }
            }
            let issued = try Self.issueCertification(
                db, accountID: candidateID, programme: programme, expiresAt: expiresAt, basis: basis, foundingReason: nil, grantedBy: nil,
                renewing: renewed, actor: actor, now: now
            )
            return (practical, issued, outcome)
        }
    }

    static func insertPractical(
        _ db: Database, candidateID: Int64, assessorID: Int64, programme: String, rubric: String, observedOn: String, place: String,
        scores: [String: Int], notApplicable: [String], notes: [String: String], passed: Bool, actor: String, now: Date
    ) throws -> PracticalRecord {
        let scoresJSON = String(decoding: try JSONEncoder().encode(scores), as: UTF8.self)
        let notApplicable = notApplicable.sorted()
        let notApplicableJSON = String(decoding: try JSONEncoder().encode(notApplicable), as: UTF8.self)
        let notesJSON = String(decoding: try JSONEncoder().encode(notes), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO practical (candidate_id, assessor_id, programme, rubric, observed_on, place, scores, not_applicable, notes, passed, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [candidateID, assessorID, programme, rubric, observedOn, place, scoresJSON, notApplicableJSON, notesJSON, passed, now.timeIntervalSince1970]
        )
        let id = db.lastInsertedRowID
        try Self.appendAudit(db, actor: actor, action: "practical.record", subject: "account:\(candidateID)",
                             details: "practical \(id), \(rubric) for \(programme), \(passed ? "passed" : "not passed")", at: now)
        return PracticalRecord(id: id, candidateID: candidateID, assessorID: assessorID, programme: programme, rubric: rubric,
                               observedOn: observedOn, place: place, scores: scores, notApplicable: notApplicable, notes: notes, passed: passed,
                               recordedAt: Date(timeIntervalSince1970: now.timeIntervalSince1970))
    }

    public func practicals(candidateID: Int64? = nil, assessorID: Int64? = nil) async throws -> [PracticalRecord] {
        try await writer.read { db in
            var sql = "SELECT * FROM practical WHERE 1"
            var arguments: StatementArguments = []
            if let candidateID { sql += " AND candidate_id = ?"; arguments += [candidateID] }
            if let assessorID { sql += " AND assessor_id = ?"; arguments += [assessorID] }
            return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: arguments).map(Self.practical)
        }
    }

    /// Issues a certification, unless the account already holds a current one of the programme (then that
    /// one is returned): two assessments finishing at once cannot issue it twice.
    /// - Parameter renewing: the certification this one renews; it may still be current. Without it, a
    ///   current certification of the programme is returned instead of issuing a second one.
    public func issueCertification(
        accountID: Int64, programme: String, expiresAt: Date?, basis: [Int64], foundingReason: String?, grantedBy: Int64?,
        renewing: CertificationRecord? = nil, actor: String, now: Date = Date()
    ) async throws -> CertificationRecord {
        try await writer.write { db in
            try Self.issueCertification(
                db, accountID: accountID, programme: programme, expiresAt: expiresAt, basis: basis, foundingReason: foundingReason,
                grantedBy: grantedBy, renewing: renewing, actor: actor, now: now
            )
        }
    }

    static func issueCertification(
        _ db: Database, accountID: Int64, programme: String, expiresAt: Date?, basis: [Int64], foundingReason: String?, grantedBy: Int64?,
        renewing: CertificationRecord?, actor: String, now: Date
    ) throws -> CertificationRecord {
        let held = try Row.fetchAll(db, sql: "SELECT * FROM certification WHERE account_id = ? AND programme = ?", arguments: [accountID, programme])
            .map(Self.certification)
        let current = held.filter { $0.held.status(now: now) == .valid && $0.issuedAt > (renewing?.issuedAt ?? .distantPast) && $0.id != renewing?.id }
        if let existing = current.first { return existing }
        let code = Self.verificationCode()
        try db.execute(
            sql: """
                INSERT INTO certification (account_id, programme, code, issued_at, expires_at, founding_reason, granted_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [accountID, programme, code, now.timeIntervalSince1970, expiresAt?.timeIntervalSince1970, foundingReason, grantedBy]
        )
        let id = db.lastInsertedRowID
        for practical in basis {
            try db.execute(sql: "INSERT INTO certification_basis (certification_id, practical_id) VALUES (?, ?)", arguments: [id, practical])
        }
        // Revoking an assessor flags what already rests on their assessments; a certification issued
        // later on one of those assessments is flagged the same way, from the start.
        let suspect = try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM certification_basis b JOIN practical p ON p.id = b.practical_id
                           JOIN certification r ON r.account_id = p.assessor_id AND r.revoked_at IS NOT NULL
                           WHERE b.certification_id = ?)
            """, arguments: [id]) ?? false
        if suspect { try db.execute(sql: "UPDATE certification SET needs_review = 1 WHERE id = ?", arguments: [id]) }
        var how = foundingReason.map { "founding: \($0)" } ?? "on practicals \(basis.map(String.init).joined(separator: ", "))"
        if let renewing { how += ", renewing \(renewing.code)" }
        if suspect { how += "; flagged for review: an assessor's certification was revoked" }
        try Self.appendAudit(db, actor: actor, action: renewing != nil ? "certification.renew" : foundingReason == nil ? "certification.issue" : "certification.found",
                             subject: "account:\(accountID)", details: "\(programme) \(code), \(how)", at: now)
        return CertificationRecord(id: id, accountID: accountID, programme: programme, code: code, issuedAt: now, expiresAt: expiresAt,
                                   foundingReason: foundingReason, grantedBy: grantedBy, revokedAt: nil, revokedReason: nil, needsReview: suspect)
    }

    /// Revokes a certification. Certifications that rest on practicals this holder assessed are flagged
    /// for an administrator's review; none is undone silently. Returns the ids flagged.
    @discardableResult
    public func revokeCertification(id: Int64, reason: String, actor: String, now: Date = Date()) async throws -> [Int64] {
        try await writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM certification WHERE id = ?", arguments: [id]) else { throw CertificationError.notFound }
            let certification = Self.certification(row)
            guard certification.revokedAt == nil else { throw CertificationError.alreadyRevoked }
            try db.execute(sql: "UPDATE certification SET revoked_at = ?, revoked_reason = ? WHERE id = ?", arguments: [now.timeIntervalSince1970, reason, id])
            let dependents = try Int64.fetchAll(db, sql: """
                SELECT DISTINCT c.id FROM certification c
                JOIN certification_basis b ON b.certification_id = c.id
                JOIN practical p ON p.id = b.practical_id
                WHERE p.assessor_id = ? AND c.revoked_at IS NULL AND c.id <> ?
                """, arguments: [certification.accountID, id])
            for dependent in dependents {
                try db.execute(sql: "UPDATE certification SET needs_review = 1 WHERE id = ?", arguments: [dependent])
            }
            try Self.appendAudit(db, actor: actor, action: "certification.revoke", subject: "account:\(certification.accountID)",
                                 details: "\(certification.programme) \(certification.code): \(reason); flagged for review: \(dependents.map(String.init).joined(separator: ", "))",
                                 at: now)
            return dependents
        }
    }

    /// Marks a flagged certification as reviewed and kept.
    public func clearReview(id: Int64, note: String, actor: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE certification SET needs_review = 0 WHERE id = ? AND needs_review = 1", arguments: [id])
            guard db.changesCount == 1 else { throw CertificationError.notFound }
            try Self.appendAudit(db, actor: actor, action: "certification.review", subject: "certification:\(id)", details: "kept: \(note)")
        }
    }

    public func certifications(accountID: Int64? = nil, needingReview: Bool = false) async throws -> [CertificationRecord] {
        try await writer.read { db in
            var sql = "SELECT * FROM certification WHERE 1"
            var arguments: StatementArguments = []
            if let accountID { sql += " AND account_id = ?"; arguments += [accountID] }
            if needingReview { sql += " AND needs_review = 1 AND revoked_at IS NULL" }
            return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: arguments).map(Self.certification)
        }
    }

    public func certification(code: String) async throws -> CertificationRecord? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM certification WHERE code = ?", arguments: [code]).map(Self.certification)
        }
    }

    /// The assessors each certification rests on (empty for founding certifications).
    public func assessors(ofCertification id: Int64) async throws -> [Int64] {
        try await writer.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT DISTINCT p.assessor_id FROM certification_basis b JOIN practical p ON p.id = b.practical_id
                WHERE b.certification_id = ? ORDER BY p.assessor_id
                """, arguments: [id])
        }
    }

    /// What a candidate has done, for the policy engine.
    public func candidateRecord(accountID: Int64) async throws -> CandidateRecord {
        try await writer.read { db in try Self.candidateRecord(db, accountID: accountID) }
    }

    static func candidateRecord(_ db: Database, accountID: Int64) throws -> CandidateRecord {
        let lessons = try String.fetchAll(db, sql: "SELECT lesson FROM progress WHERE account_id = ?", arguments: [accountID])
        let passed = try String.fetchAll(db, sql: "SELECT DISTINCT assessment FROM attempt WHERE account_id = ? AND passed = 1", arguments: [accountID])
        let practicals = try Row.fetchAll(db, sql: "SELECT * FROM practical WHERE candidate_id = ?", arguments: [accountID]).map(Self.practical)
        let certifications = try Row.fetchAll(db, sql: "SELECT * FROM certification WHERE account_id = ?", arguments: [accountID]).map(Self.certification)
        return CandidateRecord(
            studiedLessons: Set(lessons), passedAssessments: Set(passed),
            practicals: practicals.map {
                PracticalResult(rubric: $0.rubric, assessorID: $0.assessorID, passed: $0.passed, date: $0.recordedAt, id: $0.id, programme: $0.programme)
            },
            certifications: certifications.map(\.held)
        )
    }

    static func certification(_ row: Row) -> CertificationRecord {
        let expires: Double? = row["expires_at"]
        let revoked: Double? = row["revoked_at"]
        return CertificationRecord(
            id: row["id"], accountID: row["account_id"], programme: row["programme"], code: row["code"],
            issuedAt: Date(timeIntervalSince1970: row["issued_at"]), expiresAt: expires.map(Date.init(timeIntervalSince1970:)),
            foundingReason: row["founding_reason"], grantedBy: row["granted_by"], revokedAt: revoked.map(Date.init(timeIntervalSince1970:)),
            revokedReason: row["revoked_reason"], needsReview: row["needs_review"]
        )
    }

    static func practical(_ row: Row) -> PracticalRecord {
        let scores = (try? JSONDecoder().decode([String: Int].self, from: Data((row["scores"] as String).utf8))) ?? [:]
        let notes = (try? JSONDecoder().decode([String: String].self, from: Data((row["notes"] as String).utf8))) ?? [:]
        let notApplicable = (try? JSONDecoder().decode([String].self, from: Data((row["not_applicable"] as String).utf8))) ?? []
        return PracticalRecord(
            id: row["id"], candidateID: row["candidate_id"], assessorID: row["assessor_id"], programme: row["programme"], rubric: row["rubric"],
            observedOn: row["observed_on"], place: row["place"], scores: scores, notApplicable: notApplicable, notes: notes, passed: row["passed"],
            recordedAt: Date(timeIntervalSince1970: row["recorded_at"])
        )
    }
}
