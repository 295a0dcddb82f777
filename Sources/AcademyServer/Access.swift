import AcademyCore
import AcademyStore
import HTTPTypes
import Hummingbird
import NIOCore

/// Who may call a route. Every route the server registers states one.
public enum Access: String, Sendable {
    case anyone
    case signedIn
    case trainee
    case admin
    /// Administrators, and accounts holding a current certification in a programme that certifies
    /// assessors. Holding one needs the store, so `TrainerController.authorizeInstructor` checks it;
    /// `authorize` checks only that someone is signed in.
    case instructor
}

/// A redirect raised from inside a handler (for example to the sign-in page).
struct Redirect: Error, HTTPResponseError {
    var location: String
    var status: HTTPResponse.Status { .seeOther }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}

/// A refusal shown to a browser as a page.
struct PageError: Error, HTTPResponseError {
    var status: HTTPResponse.Status
    var message: String
    var pages: ServerPages
    var session: AcademyStore.Session?

    func response(from request: Request, context: some RequestContext) throws -> Response {
        pages.error(status, message, session: session)
    }
}

extension AppRequestContext {
    /// Checks `access` for a route that needs a session, and returns it. (Routes open to anyone do not call it.)
    ///
    /// - Parameters:
    ///   - page: refusals become a redirect to sign-in (401) or an error page (403), not JSON.
    ///   - passwordChangeAllowed: the route stays open to an account that must first change its
    ///     one-time password (the password routes, sign-out, `GET /api/me`).
    func authorize(
        _ access: Access, page: ServerPages? = nil, passwordChangeAllowed: Bool = false
    ) throws -> AcademyStore.Session {
        guard let session else {
            if let page { throw Redirect(location: page.link("app/sign-in?required")) }
            throw ClientError(.unauthorized, "sign in first")
        }
        if session.account.mustChangePassword && !passwordChangeAllowed {
            if let page { throw Redirect(location: page.link("app/password")) }
            throw ClientError(.forbidden, "change your one-time password first (POST /api/password)")
        }
        let allowed = switch access {
        case .anyone, .signedIn, .instructor: true
        case .trainee: session.account.role == .trainee
        case .admin: session.account.role == .admin
        }
        guard allowed else {
            if let page { throw PageError(status: .forbidden, message: "This page is for another role.", pages: page, session: session) }
            throw ClientError(.forbidden, "this route is for the \(access.rawValue) role")
        }
        return session
    }
}

/// CSRF checks. Forms carry the session's token in `_csrf`; JSON requests carry it in `X-CSRF-Token`.
enum CSRF {
    static func checkForm(_ fields: FormFields, session: AcademyStore.Session) throws {
        guard let token = fields["_csrf"], Tokens.equal(token, session.csrfToken) else {
            throw ClientError(.forbidden, "the form's security token is missing or stale: reload the page and try again", field: "_csrf")
        }
    }

    static func checkHeader(_ request: Request, session: AcademyStore.Session) throws {
        guard let token = request.headers.only(.csrfToken), Tokens.equal(token, session.csrfToken) else {
            throw ClientError(.forbidden, "missing or wrong X-CSRF-Token header (use the csrf_token from POST /api/session or GET /api/me)")
        }
    }
}
