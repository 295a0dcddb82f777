/// Comma-separated values as RFC 4180 describes them, read leniently (LF or CRLF line ends, a UTF-8
/// byte-order mark) and written strictly (CRLF, quotes only where needed).
public enum CSV {
    /// One record and the line of the file it starts on (1-based), for error messages.
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// A file that cannot be read. Pages put `reason` in the reader's words (`UIStrings.csvProblem(_:)`);
    /// `message` is the English the command line prints.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public enum Reason: Sendable, Equatable {
            case quoteInUnquotedField
            case textAfterClosingQuote
            case unclosedQuote
            /// A roster with no header line.
            case emptyRoster
            /// A roster whose header has no `name` column.
            case noNameColumn
            case unknownColumn(String)
            case tooManyRows(Int)
        }

        public var line: Int
        public var reason: Reason
        public var description: String { "line \(line): \(message)" }

        public var message: String {
            switch reason {
            case .quoteInUnquotedField: "a quote inside an unquoted field (quote the whole field and double the quote)"
            case .textAfterClosingQuote: "text after a closing quote (put a comma after the quoted field)"
            case .unclosedQuote: "a quoted field is never closed"
            case .emptyRoster: "the file is empty; the first line names the columns: name,login"
            case .noNameColumn: "no 'name' column; the first line names the columns: name,login"
            case .unknownColumn(let column): "unknown column '\(column)'; the columns are name and login"
            case .tooManyRows(let count): "more than \(count) rows; split the file"
            }
        }

        public init(line: Int, reason: Reason) {
            self.line = line
            self.reason = reason
        }
    }

    /// Splits `text` into records. Blank lines are skipped. A quoted field may hold commas, quotes
    /// (doubled) and line breaks; a quote left open at the end of the text is an error.
    public static func parse(_ text: String) throws(ParseError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [Unicode.Scalar] = []
        var line = 1
        var recordLine = 1
        var quoted = false
        var fieldWasQuoted = false
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var index = 0

        func endField() {
            var string = String.UnicodeScalarView()
            string.append(contentsOf: field)
            fields.append(String(string))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func endRecord() {
            endField()
            // A line with nothing on it is not a record.
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }

        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if quoted {
                if scalar == "\"" {
                    if index < scalars.count, scalars[index] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"":
                guard field.isEmpty, !fieldWasQuoted else {
                    throw ParseError(line: line, reason: .quoteInUnquotedField)
                }
                quoted = true
                fieldWasQuoted = true
            case ",":
                endField()
            case "\r" where index < scalars.count && scalars[index] == "\n":
                break
            case "\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            default:
                if fieldWasQuoted {
                    throw ParseError(line: line, reason: .textAfterClosingQuote)
                }
                field.append(scalar)
            }
        }
        if quoted { throw ParseError(line: recordLine, reason: .unclosedQuote) }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }

    /// A field as RFC 4180 writes it: quoted when it holds a comma, semicolon, quote or line break. A field that a
    /// spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return first, as
    /// OWASP lists them) gets a leading apostrophe.
    public static func field(_ value: String) -> String {
        var bytes: [UInt8] = []
        append(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends a field, written as `field(_:)` says, to UTF-8 bytes: the exports write millions of them.
    public static func append(_ value: String, to out: inout [UInt8]) {
        let utf8 = value.utf8
        let first = utf8.first
        let formula = first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: "@")
            || first == 0x09 || first == 0x0D
        // A semicolon too: spreadsheets in Russian and Kyrgyz locales split on it, and text after one
        // would start a cell of its own, past the formula check above.
        let quoted = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        if quoted { out.append(UInt8(ascii: "\"")) }
        if formula { out.append(UInt8(ascii: "'")) }
        if quoted {
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { out.append(byte) }
                out.append(byte)
            }
            out.append(UInt8(ascii: "\""))
        } else {
            out.append(contentsOf: utf8)
        }
    }

    /// One record, ending in CRLF.
    public static func line(_ fields: [String]) -> String {
        var bytes: [UInt8] = []
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            append(field, to: &bytes)
        }
        bytes.append(contentsOf: [13, 10])
        return String(decoding: bytes, as: UTF8.self)
    }
}
