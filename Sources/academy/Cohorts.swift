import AcademyCore
import AcademyServer
import AcademyStore
import ArgumentParser
import Foundation

struct Cohorts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cohorts",
        abstract: "Create cohorts and enrol trainees from a CSV roster.",
        subcommands: [List.self, Add.self, Enrol.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the cohorts with their number of trainees.")
        @OptionGroup var data: DataOptions

        func run() async throws {
            let store = try data.openStore()
            for cohort in try await store.cohorts() {
                let members = try await store.members(cohortID: cohort.id).count
                printLine("\(cohort.code)\t\(cohort.kind.rawValue)\t\(cohort.track)\t\(cohort.startsOn)..\(cohort.endsOn)\t\(members) trainees\t\(cohort.name)")
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Create a cohort.")
        @OptionGroup var data: DataOptions
        @Option(help: "Code: a-z, 0-9, '.', '-', '_' (used in links and exports).") var code: String
        @Option(help: "Name, as administrators see it.") var name: String
        @Option(help: "pre-service (a cadet intake) or in-service (a course for serving investigators).") var kind: String
        @Option(help: "Track the trainees follow.") var track: String
        @Option(help: "First day, YYYY-MM-DD.") var startsOn: String
        @Option(help: "Last day, YYYY-MM-DD.") var endsOn: String
        @Option(help: "Login of an instructor (repeat for several).") var instructor: [String] = []

        func validate() throws {
            guard Cohort.isValidCode(code) else { throw ValidationError("--code must be \(Account.loginRule)") }
            guard Cohort.Kind(rawValue: kind) != nil else { throw ValidationError("--kind must be pre-service or in-service") }
            guard let starts = Day(startsOn) else { throw ValidationError("--starts-on must be a day written YYYY-MM-DD") }
            guard let ends = Day(endsOn) else { throw ValidationError("--ends-on must be a day written YYYY-MM-DD") }
            guard ends >= starts else { throw ValidationError("--ends-on is before --starts-on") }
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--name must not be empty") }
        }

        func run() async throws {
            let store = try data.openStore()
            do {
                let cohort = try await store.createCohort(
                    code: code, name: name, kind: Cohort.Kind(rawValue: kind)!, track: track, startsOn: Day(startsOn)!, endsOn: Day(endsOn)!,
                    instructors: instructor, actor: "cli"
                )
                printLine("created cohort '\(cohort.code)'")
            } catch let error as StoreError {
                throw ValidationError(error.description)
            }
        }
    }

    struct Enrol: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "enrol",
            abstract: "Enrol the trainees of a CSV roster (columns name and login) into a cohort.",
            discussion: "Without --yes it only prints what it would do. With --yes it enrols everyone accepted in one transaction and writes the new accounts' one-time passwords to --passwords (a new file, readable by you only); they are never printed."
        )
        @OptionGroup var data: DataOptions
        @Option(help: "Cohort code.") var cohort: String
        @Option(help: "Roster file: UTF-8 CSV with a header line name,login.") var csv: String
        @Option(help: "New file for the one-time passwords of the accounts created.") var passwords: String?
        @Flag(help: "Enrol; without it the command only previews.") var yes = false
        @Option(help: .hidden) var bcryptCost: UInt8 = OneTimeCredentials.maximumCost

        func validate() throws {
            if yes && passwords == nil { throw ValidationError("--yes needs --passwords FILE for the one-time passwords of new accounts") }
            if let passwords, FileManager.default.fileExists(atPath: passwords) { throw ValidationError("\(passwords) exists already; choose a new file") }
        }

        func run() async throws {
            let store = try data.openStore()
            guard let target = try await store.cohort(code: cohort) else { throw ValidationError(StoreError.unknownCohort(cohort).description) }
            guard let bytes = FileManager.default.contents(atPath: csv) else { throw ValidationError("cannot read \(csv)") }
            guard let text = String(validating: bytes, as: UTF8.self) else { throw ValidationError("\(csv) is not UTF-8 text; save it as CSV UTF-8") }
            let plan: EnrolmentPlan
            do {
                plan = try await store.planEnrolment(cohort: target, roster: text)
            } catch let error as CSV.ParseError {
                FileHandle.standardError.write(Data("\(csv):\(error.line): \(error.message)\n".utf8))
                throw ExitCode(1)
            }
            for row in plan.rows {
                switch row.action {
                case .create: printLine("\(csv):\(row.line): new account \(row.login) (\(row.name))")
                case .enrol(let name): printLine("\(csv):\(row.line): existing account \(row.login) (\(name))")
                case .alreadyMember: printLine("\(csv):\(row.line): \(row.login) is already in \(target.code)")
                case .reject(let reason): FileHandle.standardError.write(Data("\(csv):\(row.line): rejected: \(reason)\n".utf8))
                }
                if let other = row.otherName {
                    printLine("\(csv):\(row.line): check the login: \(row.login) is \(other), not \(row.name)")
                }
            }
            printLine("\(plan.creations.count) new, \(plan.enrolments.count) existing, \(plan.duplicates.count) already enrolled, \(plan.rejections.count) rejected")
            guard yes else {
                printLine("nothing written; run again with --yes --passwords FILE to enrol")
                return
            }
            let credentials = try await OneTimeCredentials.make(for: plan.creations, hashingWith: Passwords(cost: bcryptCost))
            // The passwords file is written first, readable by its owner only, so that no account exists
            // whose password was lost; if enrolling then fails, the file is removed.
            let path = passwords!
            guard FileManager.default.createFile(atPath: path, contents: Data(credentials.csv.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw ValidationError("cannot write \(path)")
            }
            do {
                try await store.enrol(plan: plan, roster: text, passwordHashes: credentials.hashes, actor: "cli")
            } catch {
                try? FileManager.default.removeItem(atPath: path)
                throw error
            }
            printLine("enrolled \(plan.creations.count + plan.enrolments.count) into \(target.code); one-time passwords in \(path)")
        }
    }
}
