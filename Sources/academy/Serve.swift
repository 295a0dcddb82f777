import AcademyCore
import AcademyServer
import AcademyStore
import ArgumentParser
import Foundation
import Logging
import SiteBuilder

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, open the database and serve both.",
        discussion: """
            On first run the database is created and an account 'admin' is made with a one-time password, \
            printed here once, which must be changed at first sign-in. Stop with Ctrl-C (SIGINT) or SIGTERM.
            """
    )

    @OptionGroup var content: ContentOptions
    @OptionGroup var data: DataOptions

    @Option(help: "Serve an already built folder (holding site/ and course.json) instead of building one.")
    var site: String?
    @Option(help: "Address to listen on (env ACADEMY_HOST; default 127.0.0.1).") var host: String?
    @Option(help: "Port (env ACADEMY_PORT; default 8080).") var port: Int?
    @Flag(help: "Mark cookies Secure: use behind HTTPS.") var secureCookies = false
    @Option(help: "The address people use to reach the platform (env ACADEMY_PUBLIC_URL), printed on certificates for verification and used in exported xAPI statements.")
    var publicURL: String?
    @Flag(help: "Add demo accounts (a cadet, an investigator, an instructor-track trainee) so every role can be tried.")
    var demo = false
    @Option(help: .hidden) var bcryptCost: UInt8 = 12
    @Option(help: "Minutes a session may stay unused before it ends.") var sessionMinutes = 30
    @Option(help: "The Academy's time zone, in which pages show days and times (env ACADEMY_TIME_ZONE; default Asia/Bishkek).")
    var timeZone: String?

    func validate() throws {
        if site == nil { try content.requireCurriculum() }
        if let timeZone, TimeZone(identifier: timeZone) == nil {
            throw ValidationError("--time-zone: '\(timeZone)' is not a time zone name such as Asia/Bishkek")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let configuration = ServerConfiguration(
            host: host ?? environment["ACADEMY_HOST"] ?? "127.0.0.1",
            port: port ?? environment["ACADEMY_PORT"].flatMap(Int.init) ?? 8080,
            secureCookies: secureCookies, sessionIdleTimeout: TimeInterval(sessionMinutes * 60), bcryptCost: bcryptCost,
            publicURL: publicURL ?? environment["ACADEMY_PUBLIC_URL"],
            timeZone: (timeZone ?? environment["ACADEMY_TIME_ZONE"]).flatMap { TimeZone(identifier: $0) } ?? TimeZone(identifier: "Asia/Bishkek") ?? .gmt
        )
        let built: URL
        if let site {
            built = URL(fileURLWithPath: site, isDirectory: true)
        } else {
            built = data.folder.appendingPathComponent("build")
            do {
                let summary = try await SiteBuilder(root: content.rootURL).build(output: built)
                printLine("built \(summary.pages) pages in \(String(format: "%.2f", summary.seconds)) s")
            } catch let error as ContentError {
                printDiagnostics(error.diagnostics)
                throw ExitCode(1)
            }
        }
        let course: Course
        do {
            course = try JSONDecoder().decode(Course.self, from: Data(contentsOf: built.appendingPathComponent("course.json")))
        } catch {
            throw ValidationError("cannot read \(built.path)/course.json: \(error.localizedDescription); run academy build first")
        }
        // Held while serving, so that `academy restore` cannot replace the database under the server.
        guard let lock = try DataFolderLock(folder: data.folder) else {
            throw ValidationError("another server is using \(data.folder.path); stop it first or choose another --data folder")
        }
        defer { withExtendedLifetime(lock) {} }
        let store = try data.openStore()
        let passwords = Passwords(cost: bcryptCost)
        if try await store.accountCount() == 0 {
            let password = Passwords.oneTime()
            _ = try await store.createAccount(
                login: "admin", name: "Administrator", role: .admin, track: nil, passwordHash: try await passwords.hash(password),
                mustChangePassword: true
            )
            // Printed on the console once, never logged.
            printLine("First run: created the account 'admin' with the one-time password \(password) (change it at first sign-in).")
        }
        if demo { try await addDemoAccounts(store, passwords: passwords, course: course) }
        let openAPI = (try? String(contentsOf: built.appendingPathComponent("openapi.yaml"), encoding: .utf8)) ?? ""
        let services = AcademyServices(
            configuration: configuration, store: store, course: course, site: try StaticSite(folder: built.appendingPathComponent("site")), openAPI: openAPI
        )
        var logger = Logger(label: "academy")
        logger.logLevel = .info
        printLine("Academy is serving http://\(configuration.host):\(configuration.port)/")
        try await buildApplication(services, logger: logger).runService()
    }

    private func addDemoAccounts(_ store: AcademyStore, passwords: Passwords, course: Course) async throws {
        let demo = [("cadet", "Demo Cadet", "pre-service"), ("investigator", "Demo Investigator", "in-service"), ("instructor", "Demo Instructor", "instructor")]
        for (login, name, track) in demo where try await store.account(login: login) == nil && course.track(track) != nil {
            let password = Passwords.oneTime()
            _ = try await store.createAccount(
                login: login, name: name, role: .trainee, track: track, passwordHash: try await passwords.hash(password), mustChangePassword: true
            )
            printLine("Demo: '\(login)' (\(track)) with the one-time password \(password)")
        }
    }
}
