import AcademyCore
import AcademyStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Cookie names.
enum CookieName {
    static let session = "academy_session"
    /// Double-submit token for the sign-in form, which has no session yet.
    static let form = "academy_form"
    /// A one-off message for the next page, set with a redirect (`ServerPages.Notice`).
    static let notice = "academy_notice"
    /// The language chosen while signed out (the language switcher's `?lang=`).
    static let language = "academy_lang"
}

extension HTTPField.Name {
    static let csrfToken = Self("X-CSRF-Token")!
}

/// JSON as the API writes it: snake_case keys, ISO 8601 dates.
enum APICoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }

}

extension HTTPFields {
    /// The value of the one field called `name`; nil when there is none or more than one. For fields
    /// that must not repeat (`Content-Type`, `X-CSRF-Token`), and cheaper than `self[name]`, which
    /// joins every value into a new string.
    func only(_ name: HTTPField.Name) -> String? {
        var found: String?
        for field in self where field.name == name {
            guard found == nil else { return nil }
            found = field.value
        }
        return found
    }
}

extension String {
    /// Whether the string starts with `prefix` (lowercase ASCII), letters compared without case: media
    /// types are case-insensitive. Without `lowercased()`, which copies the string on every request.
    func hasPrefixIgnoringASCIICase(_ prefix: String) -> Bool {
        var bytes = utf8.makeIterator()
        for expected in prefix.utf8 {
            guard let byte = bytes.next() else { return false }
            let folded = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
            guard folded == expected else { return false }
        }
        return true
    }
}

extension Request {
    /// The body, refused with 413 beyond `limit` bytes.
    mutating func bodyBytes(limit: Int) async throws -> ByteBuffer {
        do {
            return try await collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw ClientError(.contentTooLarge, .errorBodyTooLarge, ["limit": String(limit)])
        }
    }

    /// The body of a JSON request. Only `application/json` is accepted, which no cross-site form can send.
    private mutating func jsonBodyBytes(limit: Int) async throws -> ByteBuffer {
        guard let contentType = headers.only(.contentType), contentType.hasPrefixIgnoringASCIICase("application/json") else {
            throw ClientError(.unsupportedMediaType, .errorJsonRequired)
        }
        return try await bodyBytes(limit: limit)
    }

    /// Decodes a JSON body (see `jsonBodyBytes`).
    mutating func json<T: Decodable>(_ type: T.Type, limit: Int) async throws -> T {
        let buffer = try await jsonBodyBytes(limit: limit)
        let data = Data(buffer.readableBytesView)
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as ClientError {
            // A DTO that checks its own values names the field itself.
            throw error
        } catch let DecodingError.keyNotFound(key, _) {
            throw ClientError(.badRequest, .errorFieldMissing, ["field": key.stringValue], field: key.stringValue)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw ClientError(.badRequest, .errorFieldType, ["field": field], field: field)
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            // A value of the right type that is still not acceptable (an unknown enum case, a malformed answer).
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw ClientError(.badRequest, .errorFieldInvalid, ["field": field], field: field, detail: context.debugDescription)
        } catch {
            // Valid JSON can still fail to decode, for example a number too large for its field.
            if (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil {
                throw ClientError(.badRequest, .errorBodyShape)
            }
            throw ClientError(.badRequest, .errorBodyNotJson)
        }
    }

    /// Decodes an `application/x-www-form-urlencoded` body.
    mutating func form(limit: Int) async throws -> FormFields {
        guard let contentType = headers.only(.contentType), contentType.hasPrefixIgnoringASCIICase("application/x-www-form-urlencoded") else {
            throw ClientError(.unsupportedMediaType, .errorFormRequired)
        }
        let buffer = try await bodyBytes(limit: limit)
        return FormFields(String(decoding: buffer.readableBytesView, as: UTF8.self))
    }
}

/// The fields of a submitted form. A name may repeat (checkboxes); `subscript` gives its last value.
struct FormFields: Sendable {
    private var values: [String: [String]] = [:]

    init(_ body: String) {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            values[decode(parts[0]), default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// Fields a page fills in itself (a form's first values).
    init(pairs: [String: String]) {
        values = pairs.mapValues { [$0] }
    }

    subscript(_ name: String) -> String? { values[name]?.last }

    func all(_ name: String) -> [String] { values[name] ?? [] }
}

/// A form field that must be present and not blank; 400 naming the field otherwise.
func requiredField(_ fields: FormFields, _ name: String) throws -> String {
    guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
        throw ClientError(.badRequest, .errorFieldRequired, ["field": name], field: name)
    }
    return value
}

extension DecodingError {
    /// What was wrong, in English, for an API error's technical `detail` (never its message).
    var reason: String {
        switch self {
        case .keyNotFound(let key, _): "missing field '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "'\(context.codingPath.last?.stringValue ?? "value")' has the wrong type"
        case .dataCorrupted(let context): context.debugDescription
        @unknown default: "the value is not acceptable"
        }
    }
}
