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

    enum PasswordProblem: Error { case wrongCurrent, tooShort }

    func addRoutes(to routes: Routes) {
        let adminRoutes = routes.group(.admin)
        let passwordChangeRoutes = routes.group(.passwordChange)
        passwordChangeRoutes.post("/api/password") { request, context in
            var request = request
            let session = try context.signedIn
            try CSRF.checkHeader(request, session: session)
            let body = try await request.json(PasswordRequest.self, limit: services.configuration.maximumBodySize)
            do {
                try await changePassword(session: session, current: body.currentPassword, new: body.newPassword)
            } catch PasswordProblem.wrongCurrent {
                throw ClientError(.badRequest, "the current password is not right", field: "current_password")
            } catch PasswordProblem.tooShort {
                throw ClientError(.badRequest, "the new password needs at least \(Account.minimumPasswordLength) characters", field: "new_password")
            }
            return Response(status: .noContent)
        }
        passwordChangeRoutes.get("/app/password") { request, context in
            let pages = services.pages(request)
            let session = try context.signedIn
            return pages.password(session: session)
        }
        passwordChangeRoutes.post("/app/password") { request, context in
            var request = request
            let pages = services.pages(request)
            let session = try context.signedIn
            let fields = try await request.checkedForm(session, limit: services.configuration.maximumBodySize)
            let new = fields["new_password"] ?? ""
            guard new == fields["repeat_password"] else {
                return pages.password(session: session, error: pages.strings[.passwordsDiffer], status: .badRequest)
            }
            do {
                try await changePassword(session: session, current: fields["current_password"] ?? "", new: new)
            } catch PasswordProblem.wrongCurrent {
                return pages.password(session: session, error: pages.strings[.wrongPassword], status: .badRequest)
            } catch PasswordProblem.tooShort {
                return pages.password(session: session, error: pages.strings[.passwordTooShort], status: .badRequest)
            }
            return Redirect.to("app/", from: pages)
        }
        adminRoutes.get("/app/admin/accounts") { request, context in
            let pages = services.pages(request)
            let session = try context.signedIn
            return pages.accounts(session: session, accounts: try await services.store.accounts())
        }
        adminRoutes.post("/app/admin/accounts") { request, context in
            var request = request
            let pages = services.pages(request)
            let session = try context.signedIn
            let fields = try await request.checkedForm(session, limit: services.configuration.maximumBodySize)
            do {
                let login = try requiredField(fields, "login").lowercased()
                let name = try requiredField(fields, "name")
                guard Account.isValidLogin(login) else {
                    throw ClientError(.badRequest, "the login must be \(Account.loginRule)", field: "login")
                }
                guard let role = Role(rawValue: fields["role"] ?? "") else { throw ClientError(.badRequest, "choose a role", field: "role") }
                let track = role == .trainee ? fields["track"] : nil
                if role == .trainee, services.course.track(track ?? "") == nil {
                    throw ClientError(.badRequest, "choose a track", field: "track")
                }
                let password = Passwords.oneTime()
                _ = try await services.store.createAccount(
                    login: login, name: name, role: role, track: track,
                    passwordHash: try await services.passwords.hash(password), mustChangePassword: true, actor: "account:\(session.account.login)"
                )
                let notice = pages.strings.format(.oneTimePassword, ["login": login, "password": password])
                return pages.accounts(session: session, accounts: try await services.store.accounts(), notice: notice, status: .created)
            } catch let error as ClientError {
                return pages.accounts(session: session, accounts: try await services.store.accounts(), error: error.message, status: error.status)
            } catch let error as StoreError {
                return pages.accounts(session: session, accounts: try await services.store.accounts(), error: error.description, status: .conflict)
            }
        }
        adminRoutes.post("/app/admin/accounts/{login}/reset-password") { request, context in
            var request = request
            let pages = services.pages(request)
            let session = try context.signedIn
            _ = try await request.checkedForm(session, limit: services.configuration.maximumBodySize)
            let login = try context.parameters.require("login")
            guard let account = try await services.store.account(login: login) else {
                throw ClientError(.notFound, StoreError.unknownAccount(login).description)
            }
            let password = Passwords.oneTime()
            try await services.store.setPassword(
                accountID: account.id, hash: try await services.passwords.hash(password), mustChange: true, actor: "account:\(session.account.login)"
            )
            let notice = pages.strings.format(.oneTimePassword, ["login": login, "password": password])
            return pages.accounts(session: session, accounts: try await services.store.accounts(), notice: notice)
        }
        adminRoutes.post("/app/admin/accounts/{login}/disable") { request, context in
            var request = request
            let pages = services.pages(request)
            let session = try context.signedIn
            _ = try await request.checkedForm(session, limit: services.configuration.maximumBodySize)
            let login = try context.parameters.require("login")
            guard login != session.account.login else {
                return pages.accounts(session: session, accounts: try await services.store.accounts(), error: "You cannot disable your own account.", status: .badRequest)
            }
            guard try await services.store.disable(login: login, actor: "account:\(session.account.login)") else {
                throw ClientError(.notFound, StoreError.unknownAccount(login).description)
            }
            return Redirect.to("app/admin/accounts", from: pages)
        }
    }

    /// Checks the current password and sets the new one; other sessions of the account end.
    func changePassword(session: AcademyStore.Session, current: String, new: String) async throws {
        guard let (_, hash) = try await services.store.credentials(login: session.account.login),
              try await services.passwords.verify(current, hash: hash)
        else { throw PasswordProblem.wrongCurrent }
        guard new.count >= Account.minimumPasswordLength else { throw PasswordProblem.tooShort }
        try await services.store.setPassword(
            accountID: session.account.id, hash: try await services.passwords.hash(new), mustChange: false, keepSession: session.tokenHash,
            actor: "account:\(session.account.login)"
        )
    }
}
