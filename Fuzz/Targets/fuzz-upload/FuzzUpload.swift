// Fuzzes the multipart/form-data decoder behind the roster upload (POST /app/admin/cohorts/{code}/import).
// The input's first line is the Content-Type's parameters ("boundary=..."), the rest is the body. It
// goes through Request.multipart, as the route does; then the "roster" part, when it is UTF-8, through
// Roster.parse. A thrown ClientError or CSV.ParseError is the expected outcome for a bad upload;
// findings are crashes, hangs and ASan reports.
import AcademyCore
@testable import AcademyServer
import Foundation
import FuzzSupport
import HTTPTypes
import Hummingbird
import NIOCore

let limit = ServerConfiguration().maximumUploadSize

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUpload(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = input(bytes, size)
    let newline = data.firstIndex(of: 0x0A) ?? data.endIndex
    let contentType = "multipart/form-data; " + String(decoding: data[data.startIndex..<newline], as: UTF8.self)
    let body = newline < data.endIndex ? Data(data[(newline + 1)...]) : Data()
    let form: MultipartForm? = runBlocking {
        var request = Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/", headerFields: [.contentType: contentType]),
            body: RequestBody(buffer: ByteBuffer(bytes: body))
        )
        do { return try await request.multipart(limit: limit) } catch let error as ClientError {
            debug("\(error.status.code): \(error.message)")
            return nil
        } catch {
            fatalError("Request.multipart threw something other than a ClientError: \(error)")
        }
    }
    guard let form else { return 0 }
    debug("parts: \(form.parts.map { "\($0.name) (\($0.filename ?? "-"), \($0.body.count) bytes)" })")
    _ = form.text("_csrf")
    if let file = form["roster"], let text = String(validating: file.body, as: UTF8.self) {
        let roster = try? Roster.parse(text)
        debug("roster: \(roster.map { "\($0.entries.count) entries, \($0.rejections.count) rejections" } ?? "refused")")
    }
    return 0
}
