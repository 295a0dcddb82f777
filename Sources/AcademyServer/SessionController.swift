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
        /// The account's language; nil until chosen.
        var language: String?

        init(_ session: AcademyStore.Session) {
            login = session.account.login
            name = session.account.name
            role = session.account.role.rawValue
            track = session.account.track
            mustChangePassword = session.account.mustChangePassword
            csrfToken = session.csrfToken
            language = session.account.language
        }
    }

    enum Outcome {
        case signedIn(AcademyStore.Session, token: String)
        /// A wrong password, or a login that does not exist or is disabled, and where the login now stands
        /// from this address.
        case refused(SignInThrottle.Standing)
        /// Too soon after wrong passwords from this address; the password was not checked.
        case throttled(seconds: Int)
        /// The login has failed too often from many addresses, and this one never signed in to it.
        case paused(seconds: Int)
    }

    func addRoutes(to routes: Routes) {
        let anyoneRoutes = routes.group(.anyone)
        let passwordChangeRoutes = routes.group(.passwordChange)
        anyoneRoutes.post("/api/session") { request, context in
            var request = request
            let body = try await request.json(SignInRequest.self, limit: services.configuration.maximumBodySize)
            let outcome = try await signIn(login: body.login, password: body.password, address: context.remoteAddress)
            switch outcome {
            case .signedIn(let session, let token):
                var response = try APICoding.response(AccountResponse(session))
                response.setCookie(sessionCookie(token))
                return response
            case .refused, .throttled, .paused:
                return apiRefusal(outcome, pages: services.pages(request, context))
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
            let pages = services.pages(request, context)
            let next = Self.returnPath(request.uri.queryParameters.get("next"))
            if context.session != nil { throw Redirect(location: pages.link(next.map { String($0.dropFirst()) } ?? "app/")) }
            let required = request.uri.queryParameters.get("required") != nil
            return signInPage(pages, notice: required ? pages.strings[.signInRequired] : nil, next: next)
        }
        anyoneRoutes.post("/app/sign-in") { request, context in
            var request = request
            let pages = services.pages(request, context)
            let fields = try await request.form(limit: services.configuration.maximumBodySize)
            // The form has no session yet: its token must match the one set in a cookie with the form.
            guard let token = fields["_csrf"], let cookie = request.cookie(named: CookieName.form), Tokens.equal(token, cookie) else {
                return signInPage(pages, error: pages.strings[.formExpired], next: Self.returnPath(fields["next"]), status: .forbidden)
            }
            let login = (fields["login"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            let outcome = try await signIn(login: login, password: fields["password"] ?? "", address: context.remoteAddress)
            switch outcome {
            case .signedIn(let session, let sessionToken):
                // A first sign-in keeps the language the person signed in with, until they choose another.
                if session.account.language == nil { try await services.store.setLanguage(pages.language, accountID: session.account.id) }
                // Back to the page that asked for a sign-in, if it is a page of this site; but a one-time
                // password is changed first (a static page could not say why nothing works), and the way
                // back goes with it.
                let next = Self.returnPath(fields["next"])
                let back = session.account.mustChangePassword
                    ? "app/password" + (next.map { "?next=" + ServerPages.queryValue($0) } ?? "")
                    : next.map { String($0.dropFirst()) }
                var response = Redirect.to(back ?? "app/", from: pages)
                response.setCookie(sessionCookie(sessionToken))
                return response
            case .refused(let standing):
                let message = refusalMessage(.refused(standing), strings: pages.strings)
                var response = signInPage(pages, login: login, error: message, next: Self.returnPath(fields["next"]), status: .unauthorized)
                if standing.wait > 0 { response.headers[.retryAfter] = String(Self.seconds(standing.wait)) }
                return response
            case .throttled(let seconds), .paused(let seconds):
                let message = refusalMessage(outcome, strings: pages.strings)
                var response = signInPage(pages, login: login, error: message, next: Self.returnPath(fields["next"]), status: .tooManyRequests)
                response.headers[.retryAfter] = String(seconds)
                return response
            }
        }
        // The language switcher of a signed-in page, and the dashboard's language setting: saves the
        // account's language and returns to the page it was on.
        passwordChangeRoutes.post("/app/language") { request, context in
            let (_, session, fields) = try await context.form(request, services: services, limit: services.configuration.maximumBodySize)
            guard let language = fields["language"], services.course.languages.contains(language) else {
                throw ClientError(.badRequest, .errorUnknownLanguage, ["languages": services.course.languages.joined(separator: ", ")], field: "language")
            }
            try await services.store.setLanguage(language, accountID: session.account.id)
            let pages = services.pages(request, account: session.account)
            var response = Redirect.to(Self.returnPath(fields["back"]).map { String($0.dropFirst()) } ?? "app/", from: pages)
            response.headers[values: .setCookie].append(ServerPages.languageCookie(language))
            return response
        }
        passwordChangeRoutes.post("/app/sign-out") { request, context in
            var request = request
            let pages = services.pages(request, context)
            let session = try context.signedIn
            _ = try await request.checkedForm(session, limit: services.configuration.maximumBodySize)
            try await services.store.deleteSession(tokenHash: session.tokenHash)
            var response = Redirect.to("app/sign-in", from: pages)
            response.setCookie(sessionCookie("", maxAge: 0))
            return response
        }
    }

    /// The sign-in form with a fresh double-submit token in a cookie.
    func signInPage(
        _ pages: ServerPages, login: String = "", error: String? = nil, notice: String? = nil, next: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        let token = Tokens.random()
        var response = pages.signIn(formToken: token, login: login, error: error, notice: notice, next: next, status: status)
        response.setCookie(Cookie(
            name: CookieName.form, value: token, maxAge: 3600, path: "/", secure: services.configuration.secureCookies,
            httpOnly: true, sameSite: .strict
        ))
        return response
    }

    /// Where to go after signing in: a path of this site (`/en/…`, `/app/…`) with its query, or nil for
    /// anything else, so that a crafted link cannot send a person to another site (`//evil`, `/\evil`,
    /// `https:`), nor back to the sign-in or sign-out pages.
    static func returnPath(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), next.count <= 512, !next.hasPrefix("//"), !next.hasPrefix("/\\"),
              next.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0 != "\\" }),
              !next.hasPrefix("/app/sign-in"), !next.hasPrefix("/app/sign-out"), !next.hasPrefix("/api/") else { return nil }
        return next
    }

    /// Verifies the password (off the request executor), respecting the throttle, and opens a session.
    /// `address` is the client's (`AppRequestContext.remoteAddress`: the TCP peer, so behind a reverse
    /// proxy, the proxy; see `SignInThrottle`).
    func signIn(login: String, password: String, address: String) async throws -> Outcome {
        let login = login.lowercased()
        let stored = try await services.store.credentials(login: login)
        let now = Date()
        // The stored hash tags the throttle's counts, so that a password reset starts them afresh.
        let ifWrong: SignInThrottle.Standing
        switch await services.throttle.attempt(login: login, address: address, credential: stored?.1.hashValue ?? 0, now: now) {
        case .wait(let wait): return .throttled(seconds: Self.seconds(wait))
        case .paused(let wait): return .paused(seconds: Self.seconds(wait))
        case .allowed(let standing): ifWrong = standing
        }
        let usable = stored.flatMap { $0.0.disabled ? nil : $0 }
        // One bcrypt verification whatever the login, so a refusal takes as long for a login that does
        // not exist, or is disabled, as for a wrong password.
        let hash: String
        if let (_, stored) = usable { hash = stored } else { hash = try await services.passwords.placeholderHash() }
        let verified = try await services.passwords.verify(password, hash: hash)
        guard let (account, _) = usable, verified else { return .refused(ifWrong) }
        await services.throttle.succeeded(login: login, address: address, at: now)
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
