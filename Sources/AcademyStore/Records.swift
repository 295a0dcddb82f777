import AcademyCore
import Foundation
import GRDB

/// A row of `account`, read by column name.
struct AccountRow: Codable, FetchableRecord, TableRecord {
    static let databaseTableName = "account"

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let login = Column(CodingKeys.login)
        static let role = Column(CodingKeys.role)
        static let passwordHash = Column("password_hash")
    }

    /// Every column but the password hash, which only sign-in reads.
    static var databaseSelection: [any SQLSelectable] { CodingKeys.allCases.map { Column($0) } }

    var id: Int64
    var login: String
    var name: String
    var role: String
    var track: String?
    var mustChangePassword: Bool
    var disabled: Bool
    var createdAt: Double
    var language: String?

    enum CodingKeys: String, CodingKey, CaseIterable, ColumnExpression {
        case id, login, name, role, track, disabled, language
        case mustChangePassword = "must_change_password"
        case createdAt = "created_at"
    }

    /// `account.id, account.login, ...`: for joins, whose other tables must not name a column the same.
    static let qualifiedColumns = CodingKeys.allCases.map { "account." + $0.rawValue }.joined(separator: ", ")

    var account: Account {
        Account(
            id: id, login: login, name: name, role: Role(rawValue: role) ?? .trainee, track: track,
            mustChangePassword: mustChangePassword, disabled: disabled, createdAt: Date(timeIntervalSince1970: createdAt),
            language: language
        )
    }
}

/// A row of `attempt`, without its graded answers (only reviews and reports read them). The drawn
/// questions are a JSON array of `{"id", "order"}`.
struct AttemptRow: FetchableRecord, TableRecord {
    /// Read column by column: every submission reads one, and GRDB's Codable decoding of a row is the
    /// slower road. The drawn questions are JSON.
    init(row: Row) throws {
        try self.init(row: row, questions: JSONDecoder().decode([DrawnQuestion].self, from: row[CodingKeys.questions] as Data))
    }

    /// The row's columns with `questions` given (read some other way, or not at all).
    init(row: Row, questions: [DrawnQuestion]) {
        self.questions = questions
        id = row[CodingKeys.id]
        accountID = row[CodingKeys.accountID]
        assessment = row[CodingKeys.assessment]
        seed = row[CodingKeys.seed]
        startedAt = row[CodingKeys.startedAt]
        deadline = row[CodingKeys.deadline]
        submittedAt = row[CodingKeys.submittedAt]
        percent = row[CodingKeys.percent]
        passed = row[CodingKeys.passed]
        contentHash = row[CodingKeys.contentHash]
    }

    static let databaseTableName = "attempt"

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let accountID = Column(CodingKeys.accountID)
        static let assessment = Column(CodingKeys.assessment)
    }

    static var databaseSelection: [any SQLSelectable] { CodingKeys.allCases.map { Column($0) } }

    var id: Int64
    var accountID: Int64
    var assessment: String
    var seed: Int64
    var questions: [DrawnQuestion]
    var startedAt: Double
    var deadline: Double
    var submittedAt: Double?
    var percent: Int?
    var passed: Bool?
    var contentHash: String

    enum CodingKeys: String, CodingKey, CaseIterable, ColumnExpression {
        case id, assessment, seed, questions, deadline, percent, passed
        case accountID = "account_id"
        case startedAt = "started_at"
        case submittedAt = "submitted_at"
        case contentHash = "content_hash"
    }

    var attempt: AttemptRecord {
        AttemptRecord(
            id: id, accountID: accountID, assessment: assessment, seed: UInt64(bitPattern: seed), questions: questions,
            startedAt: Date(timeIntervalSince1970: startedAt), deadline: Date(timeIntervalSince1970: deadline),
            submittedAt: submittedAt.map(Date.init(timeIntervalSince1970:)), percent: percent, passed: passed, contentHash: contentHash
        )
    }

    static func requestFor(account: Int64, assessment: String? = nil) -> QueryInterfaceRequest<AttemptRow> {
        var request = AttemptRow.filter(Columns.accountID == account)
        if let assessment { request = request.filter(Columns.assessment == assessment) }
        return request.order(Columns.id)
    }
}

/// One graded answer inside `attempt.answers`, a JSON array that reports read with `json_each`:
/// `{"q": question, "o": objective, "s": score, "a": answer or null}`.
struct StoredAnswer: Codable {
    var q: String
    var o: String
    var s: Double
    var a: Answer?

    init(_ graded: GradedAnswer) {
        q = graded.question
        o = graded.objective
        s = graded.score
        a = graded.answer
    }

    /// Encodes `a` as null when there is no answer, as the reports expect.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(q, forKey: .q)
        try container.encode(o, forKey: .o)
        try container.encode(s, forKey: .s)
        try container.encode(a, forKey: .a)
    }

    static func encode(_ answers: [GradedAnswer]) throws -> String {
        String(decoding: try JSONEncoder().encode(answers.map(StoredAnswer.init)), as: UTF8.self)
    }
}
