import Foundation
import Hummingbird
import NIOCore

/// The parts of a `multipart/form-data` body (RFC 7578): enough for a form with text fields and one
/// uploaded file. Parts are found by their boundary line; each part's headers end at a blank line.
struct MultipartForm: Sendable {
    struct Part: Sendable {
        var name: String
        var filename: String?
        var body: [UInt8]
    }

    var parts: [Part]

    subscript(_ name: String) -> Part? { parts.last { $0.name == name } }

    /// Text of a field, decoded as UTF-8.
    func text(_ name: String) -> String? { self[name].map { String(decoding: $0.body, as: UTF8.self) } }

    enum Problem: Error, Equatable { case noBoundary, malformed(String) }

    static func boundary(contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    init(bytes: [UInt8], boundary: String) throws(Problem) {
        let delimiter = Array("--\(boundary)".utf8)
        var positions: [Int] = []
        var searchFrom = 0
        while let found = Self.find(delimiter, in: bytes, from: searchFrom) {
            positions.append(found)
            searchFrom = found + delimiter.count
        }
        guard positions.count >= 2 else { throw .malformed("the body has no complete part") }
        parts = []
        for (start, end) in zip(positions, positions.dropFirst()) {
            var from = start + delimiter.count
            // The delimiter line ends with CRLF; the part's content ends with the CRLF before the next delimiter.
            guard from + 2 <= end, bytes[from] == 13, bytes[from + 1] == 10 else { throw .malformed("a boundary line does not end with CRLF") }
            from += 2
            let contentEnd = end >= 2 && bytes[end - 2] == 13 && bytes[end - 1] == 10 ? end - 2 : end
            guard contentEnd >= from, let blank = Self.find([13, 10, 13, 10], in: Array(bytes[from..<contentEnd]) + [13, 10], from: 0) else {
                throw .malformed("a part has no blank line after its headers")
            }
            let headerText = String(decoding: bytes[from..<(from + blank)], as: UTF8.self)
            let bodyStart = min(from + blank + 4, contentEnd)
            var name: String?
            var filename: String?
            for line in headerText.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
                name = Self.parameter("name", in: line)
                filename = Self.parameter("filename", in: line)
            }
            guard let name else { throw .malformed("a part has no name") }
            parts.append(Part(name: name, filename: filename, body: Array(bytes[bodyStart..<contentEnd])))
        }
    }

    static func parameter(_ key: String, in line: Substring) -> String? {
        for piece in line.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        var index = from
        let first = needle[0]
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

extension Request {
    /// Decodes a `multipart/form-data` body, refused with 413 beyond `limit` bytes.
    mutating func multipart(limit: Int) async throws -> MultipartForm {
        guard let contentType = headers[.contentType], contentType.lowercased().hasPrefix("multipart/form-data"),
              let boundary = MultipartForm.boundary(contentType: contentType)
        else { throw ClientError(.unsupportedMediaType, .errorMultipartRequired) }
        let buffer = try await bodyBytes(limit: limit)
        do {
            return try MultipartForm(bytes: Array(buffer.readableBytesView), boundary: boundary)
        } catch .malformed(let why) {
            throw ClientError(.badRequest, .errorUploadMalformed, detail: why)
        } catch {
            throw ClientError(.badRequest, .errorUploadMalformed)
        }
    }
}
