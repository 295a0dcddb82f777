import Foundation

/// A group that studies together: a cadet intake or an in-service course.
public struct Cohort: Codable, Sendable, Hashable, Identifiable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Cadets in pre-service training.
        case preService = "pre-service"
        /// Serving investigators on a course.
        case inService = "in-service"

        /// Whether a cohort of this kind may follow `track`: cadets the pre-service track only, serving
        /// investigators any other.
        public func allows(track: String) -> Bool {
            switch self {
            case .preService: track == Kind.preService.rawValue
            case .inService: track != Kind.preService.rawValue
            }
        }
    }

    public var id: Int64
    /// Short, stable, URL-safe name (`cadets-2027-1`); used in links, filters and exports.
    public var code: String
    public var name: String
    public var kind: Kind
    public var track: String
    /// Calendar days, `YYYY-MM-DD`.
    public var startsOn: String
    public var endsOn: String
    /// Logins of the instructors who teach it.
    public var instructors: [String]
    public var createdAt: Date

    public init(
        id: Int64, code: String, name: String, kind: Kind, track: String, startsOn: String, endsOn: String,
        instructors: [String], createdAt: Date
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind
        self.track = track
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.instructors = instructors
        self.createdAt = createdAt
    }

    /// Codes follow the login rule (`Account.loginRule`).
    public static func isValidCode(_ code: String) -> Bool { Account.isValidLogin(code) }

    /// True for a real calendar day written `YYYY-MM-DD`.
    public static func isValidDay(_ text: String) -> Bool { Day(text) != nil }
}

/// A calendar day, `YYYY-MM-DD`, in UTC.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    public init(_ date: Date) { daysSinceEpoch = Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1, day <= Self.length(ofMonth: month, year: year)
        else { return nil }
        daysSinceEpoch = Self.days(year: year, month: month, day: day)
    }

    /// The first instant of the day.
    public var start: Date { Date(timeIntervalSince1970: Double(daysSinceEpoch) * 86_400) }

    public var description: String {
        let (year, month, day) = Self.civil(daysSinceEpoch)
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    static func length(ofMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Howard Hinnant's days-from-civil.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Howard Hinnant's civil-from-days.
    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// A list of people to enrol, read from a CSV file with a header row: `name` (required) and `login`
/// (optional: when blank, one is made from the name, Cyrillic transliterated).
public struct Roster: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var line: Int
        public var login: String
        public var name: String
        /// The login was made from the name, not given in the file.
        public var generated: Bool
    }

    /// Why a row cannot be enrolled: found in the file (`parse`), or against the accounts (the store's
    /// enrolment plan). Pages put it in the reader's words (`UIStrings.rosterProblem(_:)`); `description`
    /// is the English the command line prints.
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        case fieldCount(Int, expected: Int)
        case nameEmpty
        case nameTooLong
        case loginRule(String)
        case loginRepeated(String, line: Int)
        case administrator(String)
        case disabled(String)
        case otherTrack(login: String, track: String?, cohortTrack: String)

        /// Whether the problem is the login's (shown beside the login field), not the name's.
        public var concernsLogin: Bool {
            switch self {
            case .nameEmpty, .nameTooLong, .fieldCount: false
            case .loginRule, .loginRepeated, .administrator, .disabled, .otherTrack: true
            }
        }

        public var description: String {
            switch self {
            case .fieldCount(let count, let expected): "\(count) fields where the header has \(expected)"
            case .nameEmpty: "the name is empty"
            case .nameTooLong: "the name is longer than 200 characters"
            case .loginRule(let login): "the login '\(login)' does not follow the rule: \(Account.loginRule)"
            case .loginRepeated(let login, let line): "the login '\(login)' is already on line \(line)"
            case .administrator(let login): "'\(login)' is an administrator's account"
            case .disabled(let login): "the account '\(login)' is disabled"
            case .otherTrack(let login, let track, let cohortTrack): "'\(login)' follows the \(track ?? "no") track; this cohort follows \(cohortTrack)"
            }
        }
    }

    public struct Rejection: Sendable, Equatable {
        public var line: Int
        public var problem: Problem
        /// In English, for the command line.
        public var message: String { problem.description }
        /// What the row held, as far as it could be read, to show beside the message.
        public var name: String = ""
        public var login: String = ""
    }

    public var entries: [Entry]
    public var rejections: [Rejection]

    public static let maximumRows = 5_000

    /// Reads the file. Only a file that cannot be read at all throws; a bad row becomes a rejection.
    /// Logins made from names avoid `existingLogins`, so a namesake is never mistaken for an existing account.
    public static func parse(_ text: String, existingLogins: Set<String> = []) throws(CSV.ParseError) -> Roster {
        let records = try CSV.parse(text)
        guard let header = records.first else { throw CSV.ParseError(line: 1, reason: .emptyRoster) }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let nameColumn = columns.firstIndex(of: "name") else {
            throw CSV.ParseError(line: header.line, reason: .noNameColumn)
        }
        if let unknown = columns.first(where: { $0 != "name" && $0 != "login" }) {
            throw CSV.ParseError(line: header.line, reason: .unknownColumn(unknown))
        }
        guard records.count - 1 <= maximumRows else {
            throw CSV.ParseError(line: records[maximumRows + 1].line, reason: .tooManyRows(maximumRows))
        }
        let loginColumn = columns.firstIndex(of: "login")
        var roster = Roster(entries: [], rejections: [])
        var seen: [String: Int] = [:]
        var taken = existingLogins
        var nextNumber: [String: Int] = [:]
        for record in records.dropFirst() {
            guard record.fields.count == columns.count else {
                roster.rejections.append(.init(line: record.line, problem: .fieldCount(record.fields.count, expected: columns.count)))
                continue
            }
            let name = record.fields[nameColumn].trimmingCharacters(in: .whitespaces)
            let given = loginColumn.map { record.fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
            var login = given.lowercased()
            // A name too long keeps its length, which the preview names beside the beginning it shows.
            func reject(_ problem: Problem) {
                let shown = problem == .nameTooLong ? name : String(name.prefix(200))
                roster.rejections.append(.init(line: record.line, problem: problem, name: shown, login: String(given.prefix(64))))
            }
            if name.isEmpty {
                reject(.nameEmpty)
                continue
            }
            if name.count > 200 {
                reject(.nameTooLong)
                continue
            }
            let generated = login.isEmpty
            if generated {
                login = Self.login(forName: name, taken: taken, next: &nextNumber)
            }
            guard Account.isValidLogin(login) else {
                reject(.loginRule(given))
                continue
            }
            if let first = seen[login] {
                reject(.loginRepeated(login, line: first))
                continue
            }
            seen[login] = record.line
            taken.insert(login)
            roster.entries.append(.init(line: record.line, login: login, name: name, generated: generated))
        }
        return roster
    }

    /// A login made from a name: transliterated (Russian and Kyrgyz Cyrillic), lowercased, words joined
    /// with '.', with a number added when `taken` holds it already.
    public static func login(forName name: String, taken: Set<String>) -> String {
        var next: [String: Int] = [:]
        return login(forName: name, taken: taken, next: &next)
    }

    /// `next` remembers, per base, the number to try first, so that a roster of many namesakes costs
    /// one lookup per name rather than one per namesake before it.
    static func login(forName name: String, taken: Set<String>, next: inout [String: Int]) -> String {
        var text = ""
        for character in name.lowercased() {
            if let latin = transliteration[character] {
                text += latin
            } else if character.isASCII, character.isLetter || character.isNumber {
                text.append(character)
            } else if character == " " || character == "-" || character == "." {
                if !text.isEmpty, text.last != "." { text.append(".") }
            }
        }
        while text.hasSuffix(".") { text.removeLast() }
        let base = text.isEmpty ? "trainee" : String(text.prefix(56))
        var login = base.count < 2 ? base + "1" : base
        var number = next[base] ?? 2
        while taken.contains(login) {
            login = "\(base)\(number)"
            number += 1
        }
        next[base] = number
        return login
    }

    static let transliteration: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
        "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
        "э": "e", "ю": "yu", "я": "ya", "ң": "ng", "ө": "o", "ү": "u",
    ]
}
