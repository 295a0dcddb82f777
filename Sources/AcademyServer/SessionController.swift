import AcademyCore
import AcademyStore
import Foundation
import Hummingbird

/// Signing in and out, by form and by JSON.
struct SessionController {
    let services: AcademyServices

    struct SignInRequest: Decodable {
        var login: String
        var password: String
    }

    struct AccountResponse: Encodable {
        var login: String
        var name: String
        var role: String
        var track: String?
        var mustChangePassword: Bool
        var csrfToken: String

        init(_ session: AcademyStore.Session) {
            login = session.account.login
            name = session.account.name
            role = session.account.role.rawValue
            track = session.account.track
            mustChangePassword = session.account.mustChangePassword
            csrfToken = session.csrfToken
        }
    }

    enum Outcome {
        case signedIn(AcademyStore.Session, token: String)
        case refused
        case throttled(seconds: Int)
    }

    func addRoutes(to routes: Routes) {
        let anyoneRoutes = routes.group(.anyone)
        let passwordChangeRoutes = routes.group(.passwordChange)
        anyoneRoutes.post("/api/session") { request, context in
            var request = request
            let body = try await request.json(SignInRequest.self, limit: services.configuration.maximumBodySize)
            switch try await signIn(login: body.login, password: body.password, address: context.remoteAddress) {
            case .signedIn(let session, let token):
                var response = try APICoding.response(AccountResponse(session))
                response.setCookie(sessionCookie(token))
                return response
            case .refused:
                return APICoding.error(.unauthorized, "the login or password is not right")
            case .throttled(let seconds):
                var response = APICoding.error(.tooManyRequests, "too many failed sign-ins; try again in \(seconds) seconds")
                response.headers[.retryAfter] = String(seconds)
                return response
            }
        }
        passwordChangeRoutes.delete("/api/session") { request, context in
            let session = try context.signedIn
            try CSRF.checkHeader(request, session: session)
            try await services.store.deleteSession(tokenHash: session.tokenHash)
            var response = Response(status: .noContent)
            response.setCookie(sessionCookie("", maxAge: 0))
            return response
        }
        passwordChangeRoutes.get("/api/me") { _, context in
            let session = try context.signedIn
            return try APICoding.response(AccountResponse(session))
        }
        anyoneRoutes.get("/app/sign-in") { request, context in
            let pages = services.pages(request)
            if context.session != nil { throw Redirect(location: pages.link("app/")) }
            return signInPage(pages)
        }
        anyoneRoutes.post("/app/sign-in") { request, context in
            var request = request
            let pages = services.pages(request)
            let fields = try await request.form(limit: services.configuration.maximumBodySize)
            // The form has no session yet: its token must match the one set in a cookie with the form.
            guard let token = fields["_csrf"], let cookie = request.cookie(named: CookieName.form), Tokens.equal(token, cookie) else {
                return signInPage(pages, error: "The form expired. Please sign in again.", status: .forbidden)
            }
            let login = (fields["login"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            switch try await signIn(login: login, password: fields["password"] ?? "", address: context.remoteAddress) {
            case .signedIn(_, let sessionToken):
                var response = Redirect.to("app/", from: pages)
                response.setCookie(sessionCookie(sessionToken))
                return response
            case .refused:
                return signInPage(pages, login: login, error: pages.strings[.wrongCredentials], status: .unauthorized)
            case .throttled(let seconds):
                let minutes = String(max(1, (seconds + 59) / 60))
                var response = signInPage(pages, login: login, error: pages.strings.format(.tooManyAttempts, ["minutes": minutes]), status: .tooManyRequests)
                response.headers[.retryAfter] = String(seconds)
                return response
            }
        }
        passwordChangeRoutes.post("/app/sign-out") { request, context in
            var request = request
            let pages = services.pages(request)
            let session = try context.signedIn
            _ = try await request.checkedForm(session, limit: services.configuration.maximumBodySize)
            try await services.store.deleteSession(tokenHash: session.tokenHash)
            var response = Redirect.to("app/sign-in", from: pages)
            response.setCookie(sessionCookie("", maxAge: 0))
            return response
        }
    }

    /// The sign-in form with a fresh double-submit token in a cookie.
    func signInPage(_ pages: ServerPages, login: String = "", error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let token = Tokens.random()
        var response = pages.signIn(formToken: token, login: login, error: error, status: status)
        response.setCookie(Cookie(
            name: CookieName.form, value: token, maxAge: 3600, path: "/", secure: services.configuration.secureCookies,
            httpOnly: true, sameSite: .strict
        ))
        return response
    }

    /// Verifies the password (off the request executor), respecting the throttle, and opens a session.
    func signIn(login: String, password: String, address: String) async throws -> Outcome {
        if let seconds = await services.throttle.retryAfter(login: login, address: address) {
            return .throttled(seconds: seconds)
        }
        let usable = try await services.store.credentials(login: login).flatMap { $0.0.disabled ? nil : $0 }
        // One bcrypt verification whatever the login, so a refusal takes as long for a login that does
        // not exist, or is disabled, as for a wrong password.
        let hash: String
        if let (_, stored) = usable { hash = stored } else { hash = try await services.passwords.placeholderHash() }
        let verified = try await services.passwords.verify(password, hash: hash)
        guard let (account, _) = usable, verified else {
            await services.throttle.recordFailure(login: login, address: address)
            return .refused
        }
        await services.throttle.recordSuccess(login: login)
        let token = Tokens.random()
        let csrf = Tokens.random()
        try await services.store.createSession(tokenHash: Tokens.hash(token), csrfToken: csrf, accountID: account.id)
        let session = AcademyStore.Session(tokenHash: Tokens.hash(token), csrfToken: csrf, account: account, lastSeenAt: Date())
        return .signedIn(session, token: token)
    }

    func sessionCookie(_ token: String, maxAge: Int? = nil) -> Cookie {
        Cookie(
            name: CookieName.session, value: token, maxAge: maxAge, path: "/", secure: services.configuration.secureCookies,
            httpOnly: true, sameSite: .lax
        )
    }
}
