import Foundation

/// Writes completion records as CSV (RFC 4180), a JSON array, or xAPI 1.0.3 statements as JSON lines.
/// Each record is appended to a text buffer the caller flushes, so an export of any size runs in
/// constant memory.
public struct CompletionExport: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case csv, json, xapi

        public var contentType: String {
            switch self {
            case .csv: "text/csv; charset=utf-8; header=present"
            case .json: "application/json; charset=utf-8"
            case .xapi: "application/x-ndjson; charset=utf-8"
            }
        }

        public var fileExtension: String {
            switch self {
            case .csv: "csv"
            case .json: "json"
            case .xapi: "jsonl"
            }
        }
    }

    public var format: Format
    /// Start the CSV with a UTF-8 byte-order mark, so that Excel reads Cyrillic right.
    public var byteOrderMark: Bool
    /// The platform's address: the xAPI actor's `homePage` and the base of activity ids.
    public var baseURL: String
    /// The CSV header's words, one per column, in the reader's language; the column ids when nil. JSON and
    /// xAPI keep their keys, which programs read.
    public var columnLabels: [String]?
    /// Where the next record goes in a JSON array.
    private var first = true

    public init(format: Format, byteOrderMark: Bool = false, baseURL: String, columnLabels: [String]? = nil) {
        self.format = format
        self.columnLabels = columnLabels.flatMap { $0.count == Self.columns.count ? $0 : nil }
        self.byteOrderMark = byteOrderMark
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
    }

    public static let columns = [
        "login", "name", "cohort", "track", "kind", "unit", "title", "lessons_studied", "lessons_total", "started_at",
        "completed_at", "score", "attempts", "status", "certification_code", "certification_expires",
    ]

    public func header() -> String {
        switch format {
        case .csv: (byteOrderMark ? "\u{FEFF}" : "") + CSV.line(columnLabels ?? Self.columns)
        case .json: "["
        case .xapi: ""
        }
    }

    public func footer() -> String {
        switch format {
        case .csv, .xapi: ""
        case .json: first ? "]\n" : "\n]\n"
        }
    }

    /// Appends the record to UTF-8 bytes. CSV is written byte by byte, as the largest exports are CSV.
    public mutating func append(_ record: CompletionRecord, to out: inout [UInt8]) {
        guard format != .csv else {
            Self.appendCSV(record, to: &out)
            return
        }
        var text = ""
        append(record, to: &text)
        out.append(contentsOf: text.utf8)
    }

    public mutating func append(_ record: CompletionRecord, to out: inout String) {
        switch format {
        case .csv:
            var bytes: [UInt8] = []
            Self.appendCSV(record, to: &bytes)
            out += String(decoding: bytes, as: UTF8.self)
        case .json:
            out += first ? "\n" : ",\n"
            first = false
            out += "{"
            for (index, (column, value)) in zip(Self.columns, Self.jsonValues(record)).enumerated() {
                if index > 0 { out += "," }
                out += "\"\(column)\":"
                out += value
            }
            out += "}"
        case .xapi:
            for statement in statements(record) { out += statement + "\n" }
        }
    }

    static func appendCSV(_ record: CompletionRecord, to out: inout [UInt8]) {
        let comma = UInt8(ascii: ",")
        let module = record.kind == .module
        CSV.append(record.login, to: &out); out.append(comma)
        CSV.append(record.name, to: &out); out.append(comma)
        if record.cohorts.count == 1 { CSV.append(record.cohorts[0], to: &out) } else { CSV.append(record.cohorts.joined(separator: " "), to: &out) }
        out.append(comma)
        CSV.append(record.track, to: &out); out.append(comma)
        out.append(contentsOf: record.kind.rawValue.utf8); out.append(comma)
        CSV.append(record.unit, to: &out); out.append(comma)
        CSV.append(record.title, to: &out); out.append(comma)
        if module { appendNumber(record.lessonsStudied, to: &out) }
        out.append(comma)
        if module { appendNumber(record.lessonsTotal, to: &out) }
        out.append(comma)
        appendTimestamp(record.startedAt, to: &out); out.append(comma)
        appendTimestamp(record.completedAt, to: &out); out.append(comma)
        if let score = record.score { appendNumber(score, to: &out) }
        out.append(comma)
        if record.kind != .programme { appendNumber(record.attempts, to: &out) }
        out.append(comma)
        out.append(contentsOf: record.status.rawValue.utf8); out.append(comma)
        if let code = record.certificationCode { CSV.append(code, to: &out) }
        out.append(comma)
        appendTimestamp(record.certificationExpires, to: &out)
        out.append(13); out.append(10)
    }

    static func appendNumber(_ value: Int, to out: inout [UInt8]) {
        guard value >= 0, value < 10 else {
            out.append(contentsOf: String(value).utf8)
            return
        }
        out.append(UInt8(ascii: "0") + UInt8(value))
    }

    /// `2026-11-29T14:58:50Z` as bytes, nothing for nil; the same text as `isoTimestamp(_:)`.
    static func appendTimestamp(_ date: Date?, to out: inout [UInt8]) {
        guard let date else { return }
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let (year, month, day) = Day.civil(days)
        let inDay = seconds - days * 86_400
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        guard (0...9999).contains(year) else {
            out.append(contentsOf: isoTimestamp(date).utf8)
            return
        }
        digits(year, 4); out.append(UInt8(ascii: "-")); digits(month, 2); out.append(UInt8(ascii: "-")); digits(day, 2)
        out.append(UInt8(ascii: "T")); digits(inDay / 3600, 2); out.append(UInt8(ascii: ":")); digits(inDay / 60 % 60, 2)
        out.append(UInt8(ascii: ":")); digits(inDay % 60, 2); out.append(UInt8(ascii: "Z"))
    }

    static func jsonValues(_ record: CompletionRecord) -> [String] {
        func string(_ text: String?) -> String { text.map(jsonLiteral) ?? "null" }
        func date(_ date: Date?) -> String { date.map { "\"\(isoTimestamp($0))\"" } ?? "null" }
        let module = record.kind == .module
        return [
            jsonLiteral(record.login), jsonLiteral(record.name), "[" + record.cohorts.map(jsonLiteral).joined(separator: ",") + "]", jsonLiteral(record.track),
            jsonLiteral(record.kind.rawValue), jsonLiteral(record.unit), jsonLiteral(record.title),
            module ? String(record.lessonsStudied) : "null", module ? String(record.lessonsTotal) : "null",
            date(record.startedAt), date(record.completedAt), record.score.map(String.init) ?? "null",
            record.kind == .programme ? "null" : String(record.attempts), jsonLiteral(record.status.rawValue),
            string(record.certificationCode), date(record.certificationExpires),
        ]
    }

    // MARK: xAPI

    enum Verb: String {
        case completed, passed, failed, attempted, scored, attended
        var id: String { "http://adlnet.gov/expapi/verbs/\(rawValue)" }
    }

    /// The statements a record makes: `completed` for a module studied through and passed, `passed` or
    /// `failed` with the best score for a quiz or examination, `passed` for a certification held. A
    /// revoked certification and a row with no activity make none.
    func statements(_ record: CompletionRecord) -> [String] {
        var result: [String] = []
        switch record.kind {
        case .module:
            if record.status == .completed, let at = record.completedAt {
                result.append(statement(record, .completed, at: at, score: nil, success: true))
            }
            if let score = record.score, let at = record.lastActivity {
                let passed = record.status == .completed
                result.append(statement(record, passed ? .passed : .failed, at: record.completedAt ?? record.lastAttemptAt ?? at, score: score, success: passed))
            }
        case .exam:
            if let score = record.score, let at = record.completedAt ?? record.lastAttemptAt {
                let passed = record.status == .passed
                result.append(statement(record, passed ? .passed : .failed, at: at, score: score, success: passed))
            }
        case .programme:
            if record.status != .revoked, let at = record.completedAt {
                result.append(statement(record, .passed, at: at, score: nil, success: true))
            }
        case .test:
            // A test is attempted when started and scored when submitted; it has no pass or fail.
            if let started = record.startedAt { result.append(statement(record, .attempted, at: started, score: nil, success: nil)) }
            if let score = record.score, let at = record.completedAt { result.append(statement(record, .scored, at: at, score: score, success: nil)) }
        case .attendance:
            // Only a session attended makes a statement; an absence is a row of the CSV and JSON only.
            if record.status == .present, let at = record.completedAt {
                result.append(statement(record, .attended, at: at, score: nil, success: nil))
            }
        }
        return result
    }

    func activityID(_ record: CompletionRecord) -> String {
        switch record.kind {
        case .module: "\(baseURL)/en/\(record.unit)/"
        case .exam: "\(baseURL)/app/exam/\(record.unit)"
        case .programme: "\(baseURL)/app/certifications#\(record.unit)"
        case .test, .attendance: "\(baseURL)/app/cohorts/\(record.unit)"
        }
    }

    func statement(_ record: CompletionRecord, _ verb: Verb, at: Date, score: Int?, success: Bool?) -> String {
        let activity = activityID(record)
        let type = switch record.kind {
        case .module: "http://adlnet.gov/expapi/activities/module"
        case .exam, .test: "http://adlnet.gov/expapi/activities/assessment"
        case .programme: "http://id.tincanapi.com/activitytype/certification"
        case .attendance: "http://adlnet.gov/expapi/activities/meeting"
        }
        var parts: [String] = []
        if let success { parts.append("\"success\":\(success)") }
        if let score { parts.append("\"score\":{\"scaled\":\(Self.scaled(score)),\"raw\":\(score),\"min\":0,\"max\":100}") }
        if verb == .completed || verb == .attended { parts.append("\"completion\":true") }
        let result = parts.isEmpty ? "" : "\"result\":{" + parts.joined(separator: ",") + "},"
        let id = Self.uuid(for: "\(baseURL)|\(record.login)|\(verb.rawValue)|\(activity)|\(isoTimestamp(at))")
        return "{\"id\":\"\(id)\",\"version\":\"1.0.3\","
            + "\"actor\":{\"objectType\":\"Agent\",\"name\":\(jsonLiteral(record.name)),\"account\":{\"homePage\":\(jsonLiteral(baseURL + "/")),\"name\":\(jsonLiteral(record.login))}},"
            + "\"verb\":{\"id\":\"\(verb.id)\",\"display\":{\"en-US\":\"\(verb.rawValue)\"}},"
            + "\"object\":{\"objectType\":\"Activity\",\"id\":\(jsonLiteral(activity)),\"definition\":{\"name\":{\"en-US\":\(jsonLiteral(record.title))},\"type\":\"\(type)\"}},"
            + result + "\"timestamp\":\"\(isoTimestamp(at))\"}"
    }

    static func scaled(_ percent: Int) -> String {
        percent >= 100 ? "1" : percent <= 0 ? "0" : "0.\(percent < 10 ? "0" : "")\(percent)"
    }

    /// A name-based UUID (RFC 9562 version 8) from two FNV-1a hashes, so that exporting the same record
    /// twice gives the same statement id and a learning record store keeps one copy.
    static func uuid(for name: String) -> String {
        var high: UInt64 = 0xcbf2_9ce4_8422_2325
        var low: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in name.utf8 {
            high = (high ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            low = (low ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            low = low ^ (low >> 29)
        }
        high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_8000
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let hex = hexDigits(high) + hexDigits(low)
        let characters = Array(hex)
        return String(characters[0..<8]) + "-" + String(characters[8..<12]) + "-" + String(characters[12..<16]) + "-"
            + String(characters[16..<20]) + "-" + String(characters[20..<32])
    }

    static func hexDigits(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}

/// `2026-11-29T14:58:50Z`, or "" for nil.
public func isoTimestamp(_ date: Date?) -> String {
    guard let date else { return "" }
    let seconds = Int(date.timeIntervalSince1970.rounded(.down))
    let day = Day(daysSinceEpoch: Int((Double(seconds) / 86_400).rounded(.down)))
    let inDay = seconds - day.daysSinceEpoch * 86_400
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
    return "\(day)T\(two(inDay / 3600)):\(two(inDay / 60 % 60)):\(two(inDay % 60))Z"
}

/// A JSON string literal.
public func jsonLiteral(_ text: String) -> String {
    // Most text written this way (ids, codes, logins) needs no escape at all.
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x80 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
        return "\"" + text + "\""
    }
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
            out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
