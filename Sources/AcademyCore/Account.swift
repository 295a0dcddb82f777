import Foundation

/// What an account may do. Assessor rights are not a role: they come from a current certification.
public enum Role: String, Codable, Sendable, CaseIterable {
    case trainee
    case admin
}

/// A person who signs in: a cadet, a serving investigator, an instructor or an administrator.
public struct Account: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var login: String
    public var name: String
    public var role: Role
    /// The track the trainee follows (`pre-service`, `in-service`, `instructor`); nil for administrators.
    public var track: String?
    /// Set for one-time passwords: the account must choose its own before doing anything else.
    public var mustChangePassword: Bool
    public var disabled: Bool
    public var createdAt: Date
    /// The language the person chose to read the platform in; nil until they choose.
    public var language: String?

    public init(
        id: Int64, login: String, name: String, role: Role, track: String?, mustChangePassword: Bool,
        disabled: Bool, createdAt: Date, language: String? = nil
    ) {
        self.id = id
        self.login = login
        self.name = name
        self.role = role
        self.track = track
        self.mustChangePassword = mustChangePassword
        self.disabled = disabled
        self.createdAt = createdAt
        self.language = language
    }

    /// Logins are lowercase letters, digits, dots, hyphens and underscores, 2 to 64 characters, starting
    /// with a letter or digit: a login is a path segment of the admin pages, and `..` or `.` would not be.
    public static func isValidLogin(_ login: String) -> Bool {
        guard let first = login.unicodeScalars.first, ("a"..."z").contains(first) || ("0"..."9").contains(first) else { return false }
        return (2...64).contains(login.count) && login.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "_"
        }
    }

    /// The login rule as the errors state it (cohort codes follow it too).
    public static let loginRule = "2 to 64 characters: a-z, 0-9, '.', '-' and '_', starting with a letter or digit"

    /// The password rule: at least 12 characters, so that a passphrase fits and a short guess does not.
    public static let minimumPasswordLength = 12
}

/// A lesson a trainee marked as studied, with the version of the text they read.
public struct ProgressRecord: Codable, Sendable, Hashable {
    public var lesson: String
    public var contentHash: String
    public var studiedAt: Date

    public init(lesson: String, contentHash: String, studiedAt: Date) {
        self.lesson = lesson
        self.contentHash = contentHash
        self.studiedAt = studiedAt
    }
}
