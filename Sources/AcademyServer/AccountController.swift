import AcademyCore
import AcademyStore
import Foundation
import Hummingbird

/// Password changes by the account holder, and account administration.
struct AccountController {
    let services: AcademyServices

    struct PasswordRequest: Decodable {
        var currentPassword: String
        var newPassword: String

        enum CodingKeys: String, CodingKey {
            case currentPassword = "current_password"
            case newPassword = "new_password"
        }
    }

    enum PasswordProblem: Error {
        case wrongCurrent
        /// Too many wrong current passwords from this address: they count with wrong sign-ins.
        case throttled(seconds: Int)
        case rejected(PasswordPolicy.Problem)
    }

    func addRoutes(to routes: Routes) {
        let adminRoutes = routes.group(.admin)
        let passwordChangeRoutes = routes.group(.passwordChange)
        passwordChangeRoutes.post("/api/password") { request, context in
            var request = request
            let session = try context.signedIn
            try CSRF.checkHeader(request, session: session)
            let body = try await request.json(PasswordRequest.self, limit: services.configuration.maximumBodySize)
            let strings = services.pages(request, context).strings
            if let problem = try await checkCurrentPassword(session: session, current: body.currentPassword, address: context.remoteAddress) {
                return apiError(problem, strings: strings)
            }
            if let problem = services.passwordPolicy.problem(
                with: body.newPassword, current: body.currentPassword, login: session.account.login, name: session.account.name
            ) {
                return apiError(.rejected(problem), strings: strings)
            }
            try await setPassword(session: session, new: body.newPassword)
            return Response(status: .noContent)
        }
        passwordChangeRoutes.get("/app/password") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            // The way back after a first sign-in, checked again: the query is anyone's to write.
            return pages.password(session: session, next: SessionController.returnPath(request.uri.queryParameters.get("next")))
        }
        passwordChangeRoutes.post("/app/password") { request, context in
            var request = request
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let fields = try await request.checkedForm(session, limit: services.configuration.maximumBodySize)
            let current = fields["current_password"] ?? "", new = fields["new_password"] ?? ""
            let next = SessionController.returnPath(fields["next"])
            // Every field's problem at once, each beside its field.
            var errors: [String: String] = [:]
            if let problem = services.passwordPolicy.problem(with: new, current: current, login: session.account.login, name: session.account.name) {
                errors["new_password"] = pages.strings.passwordProblem(problem)
            }
            if new != fields["repeat_password"] { errors["repeat_password"] = pages.strings[.passwordsDiffer] }
            switch try await checkCurrentPassword(session: session, current: current, address: context.remoteAddress) {
            case .wrongCurrent?: errors["current_password"] = pages.strings[.wrongPassword]
            case .throttled(let seconds)?:
                errors["current_password"] = pages.strings.format(.tooManyAttempts, ["wait": pages.strings.duration(TimeInterval(seconds))])
            case .rejected?, nil: break
            }
            guard errors.isEmpty else { return pages.password(session: session, errors: errors, next: next, status: .badRequest) }
            try await setPassword(session: session, new: new)
            // On to the page the sign-in was for, if it is one of this site's; else wherever "app/" leads for
            // this role. The next page under /app says that it worked.
            var response = Redirect.to(next.map { String($0.dropFirst()) } ?? "app/", from: pages)
            response.setCookie(Cookie(
                name: CookieName.notice, value: ServerPages.Notice.passwordChanged.rawValue, maxAge: 60, path: "/app",
                secure: services.configuration.secureCookies, httpOnly: true, sameSite: .lax
            ))
            return response
        }
        adminRoutes.get("/app/admin/accounts") { request, context in
            let pages = services.pages(request, context)
            let session = try context.signedIn
            return pages.accounts(session: session, accounts: try await services.store.accounts())
        }
        adminRoutes.post("/app/admin/accounts") { request, context in
            var request = request
            let pages = services.pages(request, context)
            let session = try context.signedIn
            let fields = try await request.checkedForm(session, limit: services.configuration.maximumBodySize)
            // Every problem at once, beside its field, the form as it was typed; nothing is written.
            var errors: [String: String] = [:]
            let strings = pages.strings
            let login = (fields["login"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            let name = (fields["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if !Account.isValidLogin(login) { errors["login"] = login.isEmpty ? strings[.errorRequired] : strings[.errorCodeRule] }
            if name.isEmpty { errors["name"] = strings[.errorRequired] }
            if name.count > 200 { errors["name"] = strings.format(.errorNameTooLong, ["count": String(name.count)]) }
            let role = Role(rawValue: fields["role"] ?? "")
            if role == nil { errors["role"] = strings[.errorChoose] }
            let track = role == .trainee ? fields["track"] : nil
            if role == .trainee, services.course.track(track ?? "") == nil { errors["track"] = strings[.errorChoose] }
            func refused(_ errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
                pages.accounts(session: session, accounts: try await services.store.accounts(), form: FormState(fields: fields, errors: errors), status: status)
            }
            guard errors.isEmpty, let role else { return try await refused(errors, status: .badRequest) }
            let password = Passwords.oneTime()
            do {
                _ = try await services.store.createAccount(
                    login: login, name: name, role: role, track: track,
                    passwordHash: try await services.passwords.hash(password), mustChangePassword: true, actor: "account:\(session.account.login)"
                )
            } catch is StoreError {
                return try await refused(["login": strings[.loginTaken]], status: .conflict)
            }
            let notice = strings.format(.oneTimePassword, ["login": login, "password": password])
            return pages.accounts(session: session, accounts: try await services.store.accounts(), notice: notice, status: .created)
        }
        // A new one-time password locks the person out of their own, and disabling locks them out
        // altogether: both are restated and asked first. Enabling undoes disabling.
        for (action, title, text, button) in [
            ("reset-password", UIStrings.Key.confirmResetTitle, UIStrings.Key.confirmResetText, UIStrings.Key.resetPassword),
            ("disable", .confirmDisableTitle, .confirmDisableText, .disableAccount),
        ] {
            adminRoutes.get("/app/admin/accounts/{login}/\(action)") { request, context in
                let pages = services.pages(request, context)
                let account = try await account(in: context, pages: pages)
                return pages.confirmation(
                    session: try context.signedIn, title: pages.strings[title],
                    text: pages.strings.format(text, ["name": account.name, "login": account.login]),
                    action: "app/admin/accounts/\(account.login)/\(action)", button: pages.strings[button], back: "app/admin/accounts"
                )
            }
        }
        adminRoutes.post("/app/admin/accounts/{login}/reset-password") { request, context in
            var request = request
            let pages = services.pages(request, context)
            let session = try context.signedIn
            _ = try await request.checkedForm(session, limit: services.configuration.maximumBodySize)
            let account = try await account(in: context, pages: pages)
            let login = account.login
            let password = Passwords.oneTime()
            try await services.store.setPassword(
                accountID: account.id, hash: try await services.passwords.hash(password), mustChange: true, actor: "account:\(session.account.login)"
            )
            let notice = pages.strings.format(.oneTimePassword, ["login": login, "password": password])
            return pages.accounts(session: session, accounts: try await services.store.accounts(), notice: notice)
        }
        adminRoutes.post("/app/admin/accounts/{login}/disable") { request, context in
            let (pages, session, _) = try await context.form(request, services: services, limit: services.configuration.maximumBodySize)
            let login = try context.parameters.require("login")
            func page(notice: String? = nil, error: String? = nil, status: HTTPResponse.Status) async throws -> Response {
                pages.accounts(session: session, accounts: try await services.store.accounts(), notice: notice, error: error, status: status)
            }
            guard login != session.account.login else { return try await page(error: pages.strings[.selfDisableRefused], status: .badRequest) }
            let account = try await account(in: context, pages: pages)
            do {
                _ = try await services.store.disable(login: login, actor: "account:\(session.account.login)")
            } catch StoreError.lastAdministrator {
                return try await page(error: pages.strings[.lastAdminRefused], status: .conflict)
            }
            return try await page(notice: pages.strings.format(.accountDisabledNotice, ["name": account.name, "login": login]), status: .ok)
        }
        adminRoutes.post("/app/admin/accounts/{login}/enable") { request, context in
            let (pages, session, _) = try await context.form(request, services: services, limit: services.configuration.maximumBodySize)
            let account = try await account(in: context, pages: pages)
            _ = try await services.store.enable(login: account.login, actor: "account:\(session.account.login)")
            let notice = pages.strings.format(.accountEnabledNotice, ["name": account.name, "login": account.login])
            return pages.accounts(session: session, accounts: try await services.store.accounts(), notice: notice)
        }
    }

    /// The account the path names, or a 404 that says which login is unknown.
    func account(in context: AppRequestContext, pages: ServerPages) async throws -> Account {
        let login = try context.parameters.require("login")
        guard let account = try await services.store.account(login: login) else {
            throw ClientError(.notFound, .unknownLogin, ["login": login])
        }
        return account
    }

    /// Checks the current password, through the sign-in throttle: a stolen session must not become a
    /// way to guess the password itself.
    func checkCurrentPassword(session: AcademyStore.Session, current: String, address: String) async throws -> PasswordProblem? {
        guard let (_, hash) = try await services.store.credentials(login: session.account.login) else { return .wrongCurrent }
        let now = Date()
        switch await services.throttle.attempt(login: session.account.login, address: address, credential: hash.hashValue, now: now) {
        case .wait(let wait), .paused(let wait): return .throttled(seconds: SessionController.seconds(wait))
        case .allowed: break
        }
        guard try await services.passwords.verify(current, hash: hash) else { return .wrongCurrent }
        await services.throttle.succeeded(login: session.account.login, address: address, at: now)
        return nil
    }

    /// The JSON answer to a refused password change, in the request's language (`strings`).
    func apiError(_ problem: PasswordProblem, strings: UIStrings) -> Response {
        switch problem {
        case .wrongCurrent: return APICoding.error(ClientError(.badRequest, .wrongPassword, field: "current_password"), strings: strings)
        case .throttled(let seconds):
            let message = SessionController(services: services).refusalMessage(.throttled(seconds: seconds), strings: strings)
            var response = APICoding.error(ClientError(.tooManyRequests, code: "too_many_attempts", field: "current_password") { _ in message }, strings: strings)
            response.headers[.retryAfter] = String(seconds)
            return response
        case .rejected(let problem):
            return APICoding.error(ClientError(.badRequest, code: problem.code, field: "new_password") { $0.passwordProblem(problem) }, strings: strings)
        }
    }

    /// Sets the new password, which the caller has checked; other sessions of the account end.
    func setPassword(session: AcademyStore.Session, new: String) async throws {
        try await services.store.setPassword(
            accountID: session.account.id, hash: try await services.passwords.hash(new), mustChange: false, keepSession: session.tokenHash,
            actor: "account:\(session.account.login)"
        )
    }
}
