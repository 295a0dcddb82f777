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
        if path.hasPrefix("/app") || path.hasPrefix("/api"), let token = request.cookies[CookieName.session]?.value, !token.isEmpty {
            context.session = try await store.session(tokenHash: Tokens.hash(token), idleTimeout: idleTimeout)
        }
        return try await next(request, context)
    }
}
