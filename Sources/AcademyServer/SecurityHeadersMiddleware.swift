import HTTPTypes
import Hummingbird

/// Headers every response carries: no inline script (the pages have none), no framing, no MIME sniffing,
/// no referrer leaving the site.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var contentSecurityPolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers.append(contentsOf: securityHeaders)
        return response
    }
}

/// The headers every response carries, built once.
let securityHeaders: HTTPFields = [
    .contentSecurityPolicy: SecurityHeadersMiddleware<BasicRequestContext>.contentSecurityPolicy,
    .xContentTypeOptions: "nosniff",
    .xFrameOptions: "DENY",
    .referrerPolicy: "same-origin",
]

extension HTTPField.Name {
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
}
