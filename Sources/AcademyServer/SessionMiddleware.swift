import AcademyStore
import Foundation
import Hummingbird

/// Finds the signed-in session from the session cookie, for the application's paths. The static site
/// never needs it, so its requests never touch the database.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let store: AcademyStore
    let idleTimeout: TimeInterval

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let path = request.uri.path
        if path.hasPrefix("/app") || path.hasPrefix("/api"), let token = request.cookie(named: CookieName.session), !token.isEmpty {
            context.session = try await store.session(tokenHash: Tokens.hash(token), idleTimeout: idleTimeout)
        }
        return try await next(request, context)
    }
}

extension Request {
    /// The first cookie called `name`, as `request.cookies[name]` finds it, without splitting every
    /// cookie into a list first: the session middleware reads one on every application request.
    func cookie(named name: String) -> String? {
        let name = Array(name.utf8)
        for field in headers where field.name == .cookie {
            for part in field.value.utf8.split(separator: UInt8(ascii: ";")) {
                let pair = part.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
                guard pair.count > name.count, pair.starts(with: name),
                      pair[pair.index(pair.startIndex, offsetBy: name.count)] == UInt8(ascii: "=") else { continue }
                return String(Substring(pair.dropFirst(name.count + 1)))
            }
        }
        return nil
    }
}
