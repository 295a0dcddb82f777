// Fuzzes the roster CSV reader: CSV.parse and Roster.parse on the input as text. A thrown
// CSV.ParseError is the expected outcome for a bad file; findings are crashes, hangs, ASan reports,
// and one oracle: every record read must survive being written back with CSV.line and read again
// (with the apostrophe CSV.field puts before a formula-like first character).
import AcademyCore
import Foundation
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: input(bytes, size), as: UTF8.self)
    _ = try? Roster.parse(text)
    guard let records = try? CSV.parse(text) else { return 0 }
    for record in records {
        // A header line first, so that a byte-order mark at the start of a field is not the file's.
        let written = CSV.line(["header"]) + CSV.line(record.fields)
        let expected = record.fields.map { field in
            field.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } == true ? "'" + field : field
        }
        let reread: [CSV.Record]
        do { reread = try CSV.parse(written) } catch {
            fatalError("oracle: CSV.line wrote \(record.fields) as \(written.debugDescription), which does not parse: \(error)")
        }
        guard reread.count == 2, reread[1].fields == expected else {
            fatalError("oracle: \(record.fields) written as \(written.debugDescription) reads back as \(reread.map(\.fields))")
        }
    }
    return 0
}
