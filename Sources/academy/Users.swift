import AcademyCore
import AcademyServer
import AcademyStore
import ArgumentParser
import Foundation

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Manage accounts. Passwords are never arguments: they are read from standard input or generated.",
        subcommands: [Add.self, List.self, Disable.self, ResetPassword.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Create an account.")

        @OptionGroup var data: DataOptions
        @Option(help: "Login: a-z, 0-9, '.', '-', '_'.") var login: String
        @Option(help: "Full name as it appears on certificates.") var name: String
        @Option(help: "trainee or admin.") var role: String
        @Option(help: "Track of a trainee: pre-service, in-service or instructor.") var track: String?
        @Flag(help: "Read the password from the first line of standard input; otherwise a one-time password is printed.")
        var passwordStdin = false
        @Option(help: .hidden) var bcryptCost: UInt8 = 12

        func validate() throws {
            guard Account.isValidLogin(login) else { throw ValidationError("--login must be \(Account.loginRule)") }
            guard let role = Role(rawValue: role) else { throw ValidationError("--role must be trainee or admin") }
            if role == .trainee && track == nil { throw ValidationError("a trainee needs --track (pre-service, in-service or instructor)") }
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--name must not be empty") }
        }

        func run() async throws {
            let store = try data.openStore()
            var password = Passwords.oneTime()
            let oneTime = !passwordStdin
            if passwordStdin {
                guard let line = readLine(strippingNewline: true), line.count >= Account.minimumPasswordLength else {
                    throw ValidationError("the password on standard input needs at least \(Account.minimumPasswordLength) characters")
                }
                password = line
            }
            let hash = try await Passwords(cost: bcryptCost).hash(password)
            do {
                let account = try await store.createAccount(
                    login: login, name: name, role: Role(rawValue: role)!, track: Role(rawValue: role) == .trainee ? track : nil,
                    passwordHash: hash, mustChangePassword: oneTime, actor: "cli"
                )
                printLine("created \(account.role.rawValue) '\(account.login)'")
                if oneTime { printLine("one-time password (must be changed at first sign-in): \(password)") }
            } catch let error as StoreError {
                throw ValidationError(error.description)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List accounts.")
        @OptionGroup var data: DataOptions

        func run() async throws {
            for account in try await data.openStore().accounts() {
                let flags = [account.disabled ? "disabled" : nil, account.mustChangePassword ? "must-change-password" : nil].compactMap { $0 }
                printLine([account.login, account.role.rawValue, account.track ?? "-", account.name, flags.joined(separator: ",")].joined(separator: "\t"))
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "disable", abstract: "Disable an account and end its sessions.")
        @OptionGroup var data: DataOptions
        @Argument(help: "The login.") var login: String

        func run() async throws {
            guard try await data.openStore().disable(login: login, actor: "cli") else { throw ValidationError("no account with the login '\(login)'") }
            printLine("disabled '\(login)'")
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reset-password", abstract: "Give an account a new one-time password.")
        @OptionGroup var data: DataOptions
        @Argument(help: "The login.") var login: String
        @Option(help: .hidden) var bcryptCost: UInt8 = 12

        func run() async throws {
            let store = try data.openStore()
            guard let account = try await store.account(login: login) else { throw ValidationError("no account with the login '\(login)'") }
            let password = Passwords.oneTime()
            try await store.setPassword(accountID: account.id, hash: try await Passwords(cost: bcryptCost).hash(password), mustChange: true, actor: "cli")
            printLine("one-time password for '\(login)' (must be changed at first sign-in): \(password)")
        }
    }
}
