import ArgumentParser

@main
struct Academy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "academy",
        abstract: "Build and serve the Academy's CSEA investigation curriculum.",
        subcommands: [Serve.self, Build.self, Check.self, Users.self, Cohorts.self, Export.self, Backup.self, Restore.self, Audit.self, Translations.self]
    )
}
