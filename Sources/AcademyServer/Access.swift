import AcademyCore
import AcademyStore
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization
import Foundation

/// Who may call a route. Every route the server registers states one.
public enum Access: String, Sendable {
    case anyone
    case signedIn
    case trainee
    case admin
    /// Administrators, and accounts holding a current certification in a programme that certifies
    /// assessors (an instructor is a trainee account with such a certification).
    case instructor
    /// Signed in, even with a one-time password still to change: the password routes, sign-out, `/api/me`.
    case passwordChange
}

/// A redirect raised from inside a handler (for example to the sign-in page).
struct Redirect: Error, HTTPResponseError {
    var location: String
    var status: HTTPResponse.Status { .seeOther }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}

/// The access rule of every route, as registered: the route-by-role test reads it, so a route cannot be
/// added without deciding who may call it.
public final class AccessTable: Sendable {
    private let rules = Mutex<[String: Access]>([:])

    /// `"GET /app/admin/accounts"` → its rule, with paths as `Router.routes` prints them.
    public var all: [String: Access] { rules.withLock { $0 } }

    func record(_ method: HTTPRequest.Method, _ path: RouterPath, _ access: Access) {
        rules.withLock { $0["\(method) \(path)"] = access }
    }
}

/// Routes that share one access rule, checked by `AccessMiddleware` before any handler runs.
struct AccessGroup {
    let access: Access
    let group: RouterGroup<AppRequestContext>
    let table: AccessTable

    init(_ access: Access, router: Router<AppRequestContext>, table: AccessTable, services: AcademyServices) {
        self.access = access
        self.table = table
        group = router.group().add(middleware: AccessMiddleware(access: access, services: services))
    }

    @discardableResult
    func get(_ path: RouterPath, use handler: @escaping @Sendable (Request, AppRequestContext) async throws -> some ResponseGenerator) -> Self {
        table.record(.get, path, access)
        group.get(path, use: handler)
        return self
    }

    @discardableResult
    func post(_ path: RouterPath, use handler: @escaping @Sendable (Request, AppRequestContext) async throws -> some ResponseGenerator) -> Self {
        table.record(.post, path, access)
        group.post(path, use: handler)
        return self
    }

    @discardableResult
    func delete(_ path: RouterPath, use handler: @escaping @Sendable (Request, AppRequestContext) async throws -> some ResponseGenerator) -> Self {
        table.record(.delete, path, access)
        group.delete(path, use: handler)
        return self
    }
}

/// Checks a route's access rule. A browser (a path under `/app`) is sent to sign in, or to change its
/// one-time password, or shown a refusal page; an API client gets 401 or 403 as JSON.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let access: Access
    let services: AcademyServices
    /// The programmes whose holders are instructors: those some programme names as its assessors.
    let instructorProgrammes: Set<String>

    /// Trainees' pages the static manual links to (see `handle`).
    static let traineePagesLinkedFromManual = ["/app/quiz/", "/app/exam/", "/app/drill"]

    init(access: Access, services: AcademyServices) {
        self.access = access
        self.services = services
        instructorProgrammes = services.course.instructorProgrammes
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // A browser is sent somewhere; an API client is told why. (Pages are made only for a redirect:
        // this runs before every route that needs a session, the busiest writes among them.)
        let isPage = request.uri.path.hasPrefix("/app")
        var context = context
        // A page's navigation shows an instructor's links; the API never needs to know.
        if isPage, let session = context.session, session.account.role == .trainee {
            context.session?.isInstructor = try await holdsInstructorCertification(session)
        }
        guard access != .anyone else { return try await next(request, context) }
        guard let session = context.session else {
            if isPage {
                // A page read with GET is returned to after signing in; a form's POST cannot be.
                let back = request.method == .get ? "&next=" + ServerPages.queryValue(request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")) : ""
                throw Redirect(location: services.pages(request, context).link("app/sign-in?required" + back))
            }
            throw ClientError(.unauthorized, .errorSignInFirst)
        }
        if session.account.mustChangePassword && access != .passwordChange {
            if isPage { throw Redirect(location: services.pages(request, context).link("app/password")) }
            throw ClientError(.forbidden, .errorChangePasswordFirst)
        }
        guard try await allowed(session) else {
            // The manual links every reader to a module's quiz, the examination and the drill: an
            // administrator who follows one is taken to their own home, not told off.
            if isPage, request.method == .get, access == .trainee, session.account.role == .admin,
               Self.traineePagesLinkedFromManual.contains(where: { request.uri.path.hasPrefix($0) }) {
                throw Redirect(location: services.pages(request, context).link("app/admin"))
            }
            if isPage { throw ClientError(.forbidden, .errorOtherRolePage, code: "wrong_role") }
            throw ClientError(.forbidden, .errorOtherRole, ["role": access.rawValue], code: "wrong_role")
        }
        return try await next(request, context)
    }

    private func allowed(_ session: AcademyStore.Session) async throws -> Bool {
        switch access {
        case .anyone, .signedIn, .passwordChange: return true
        case .trainee: return session.account.role == .trainee
        case .admin: return session.account.role == .admin
        case .instructor:
            if session.account.role == .admin { return true }
            return try await holdsInstructorCertification(session)
        }
    }

    private func holdsInstructorCertification(_ session: AcademyStore.Session) async throws -> Bool {
        if let known = session.isInstructor { return known }
        let now = Date()
        return try await services.store.certifications(accountID: session.account.id)
            .contains { instructorProgrammes.contains($0.programme) && $0.held.status(now: now) == .valid }
    }
}

/// Client errors on `/app` pages become pages, in the site's layout, with the message and a way back;
/// the API's become JSON with a code: both through `ServerPages.response(for:session:)`.
struct PageErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let services: AcademyServices

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ClientError {
            return services.pages(request, context).response(for: error, session: context.session)
        }
    }
}

extension AppRequestContext {
    /// The session of a route whose access rule requires one (the access middleware has checked it).
    var signedIn: AcademyStore.Session {
        get throws {
            guard let session else { throw ClientError(.unauthorized, .errorSignInFirst) }
            return session
        }
    }
}

extension AppRequestContext {
    /// What a form route works with: the pages for this request, the signed-in session, and the form's
    /// fields with their CSRF token checked.
    func form(_ request: Request, services: AcademyServices, limit: Int) async throws -> (pages: ServerPages, session: AcademyStore.Session, fields: FormFields) {
        var request = request
        let session = try signedIn
        let fields = try await request.checkedForm(session, limit: limit)
        return (services.pages(request, account: session.account), session, fields)
    }
}

extension Request {
    /// A form's fields, after its CSRF token is checked against the session's.
    mutating func checkedForm(_ session: AcademyStore.Session, limit: Int) async throws -> FormFields {
        let fields = try await form(limit: limit)
        try CSRF.checkForm(fields, session: session)
        return fields
    }
}

extension Redirect {
    /// 303 to `path` below the site root, relative to the page that asked.
    static func to(_ path: String, from pages: ServerPages) -> Response {
        Response(status: .seeOther, headers: [.location: pages.link(path), .cacheControl: "no-store"])
    }
}

/// CSRF checks. Forms carry the session's token in `_csrf`; JSON requests carry it in `X-CSRF-Token`.
enum CSRF {
    static func checkForm(_ fields: FormFields, session: AcademyStore.Session) throws {
        guard let token = fields["_csrf"], Tokens.equal(token, session.csrfToken) else {
            throw ClientError(.forbidden, .errorCsrfForm, field: "_csrf")
        }
    }

    static func checkHeader(_ request: Request, session: AcademyStore.Session) throws {
        guard let token = request.headers.only(.csrfToken), Tokens.equal(token, session.csrfToken) else {
            throw ClientError(.forbidden, .errorCsrfHeader)
        }
    }
}
