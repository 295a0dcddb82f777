import AcademyCore
import AcademyStore

/// One-time passwords for the accounts an enrolment creates, their hashes for the store, and the CSV
/// file that hands them to the administrator. The pages and `academy cohorts enrol` both use it.
public struct OneTimeCredentials: Sendable {
    public struct Entry: Sendable, Equatable {
        public var login: String
        public var name: String
        public var password: String
    }

    public var entries: [Entry]
    /// Login → bcrypt hash, as `AcademyStore.enrol` takes them.
    public var hashes: [String: String]

    /// One-time passwords are 79 random bits that must be changed at first sign-in, so they are hashed at
    /// no more than this bcrypt cost: a roster of hundreds stays within seconds.
    public static let maximumCost: UInt8 = 8

    /// A password for each row, hashed concurrently on NIO's thread pool.
    public static func make(for rows: [EnrolmentPlan.Row], hashingWith passwords: Passwords) async throws -> OneTimeCredentials {
        let entries = rows.map { Entry(login: $0.login, name: $0.name, password: Passwords.oneTime()) }
        let hasher = Passwords(cost: min(passwords.cost, maximumCost))
        let hashes = try await withThrowingTaskGroup(of: (String, String).self) { group in
            for entry in entries { group.addTask { (entry.login, try await hasher.hash(entry.password)) } }
            var result: [String: String] = [:]
            for try await (login, hash) in group { result[login] = hash }
            return result
        }
        return OneTimeCredentials(entries: entries, hashes: hashes)
    }

    /// `login,name,one_time_password`, one line per account, with a byte-order mark so that Excel
    /// shows Cyrillic names.
    public var csv: String {
        "\u{FEFF}" + CSV.line(["login", "name", "one_time_password"]) + entries.map { CSV.line([$0.login, $0.name, $0.password]) }.joined()
    }
}
