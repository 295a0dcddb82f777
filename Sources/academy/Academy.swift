import ArgumentParser

@main
struct Academy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "academy",
        abstract: "Build and serve the Academy's CSEA investigation curriculum.",
        subcommands: [Serve.self, Build.self, Check.self, Users.self, Cohorts.self, Export.self, Backup.self, Restore.self, Audit.self]
    )

    static func main() async {
        // Malloc is tuned before any worker thread makes its arena, which is the only time it helps.
        let batchCommands = [Build.configuration.commandName, Check.configuration.commandName]
        if let command = CommandLine.arguments.dropFirst().first, batchCommands.contains(command) {
            tuneMallocForBatch()
        }
        await main(nil)
    }
}
