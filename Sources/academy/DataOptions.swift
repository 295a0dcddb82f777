import AcademyStore
import ArgumentParser
import Foundation

/// Where the database lives; shared by every command that touches data.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "Data folder holding academy.sqlite (env ACADEMY_DATA; default ./academy-data).")
    var data: String?

    var folder: URL {
        URL(fileURLWithPath: data ?? ProcessInfo.processInfo.environment["ACADEMY_DATA"] ?? "academy-data", isDirectory: true)
    }

    /// Opens the store, creating and migrating the database when it does not exist yet.
    func openStore() throws -> AcademyStore {
        try AcademyStore.open(folder: folder)
    }
}
