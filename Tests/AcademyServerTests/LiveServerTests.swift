import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One test through a real socket, against the built `academy` binary: it builds the fixture-free
/// real site, creates the database and the first administrator, serves, and stops on SIGTERM.
@Suite("The academy binary over a real socket")
struct LiveServerTests {
    /// `swift build --build-tests` puts the binary beside the test bundle.
    static var binary: URL? {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("academy")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    func get(_ url: String) async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test("serve: first run creates the admin, serves the site and the API, and shuts down on SIGTERM")
    func serve() async throws {
        let binary = try #require(Self.binary, "build the academy product first (swift build --build-tests)")
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("academy-live-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let port = Int.random(in: 20_000...60_000)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--data", data.path, "--port", String(port), "--bcrypt-cost", "4"]
        process.currentDirectoryURL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var health = (0, "")
        for _ in 0..<150 where health.0 != 200 {
            try await Task.sleep(for: .milliseconds(200))
            health = (try? await get("http://127.0.0.1:\(port)/health")) ?? (0, "")
        }
        #expect(health == (200, "ok"))
        let home = try await get("http://127.0.0.1:\(port)/en/index.html")
        #expect(home.0 == 200)
        #expect(home.1.contains("Legal framework"))
        #expect(try await get("http://127.0.0.1:\(port)/api/me").0 == 401)

        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.contains("created the account 'admin' with the one-time password"))
        #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("academy.sqlite").path))
    }

    /// Runs the binary with `arguments`, feeding `input` on standard input.
    func run(_ arguments: [String], input: String = "") throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try #require(Self.binary)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test("users: add (password on standard input or one-time), list, reset-password, disable; bad input fails clearly")
    func users() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("academy-users-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let base = ["--data", data.path, "--bcrypt-cost", "4"]
        let added = try run(["users", "add", "--login", "aigerim", "--name", "Айгерим Сыдыкова", "--role", "trainee", "--track", "pre-service", "--password-stdin"] + base,
                            input: "a-long-secret-pass\n")
        #expect(added.status == 0, "\(added.output)")
        #expect(!added.output.contains("a-long-secret-pass"))
        let admin = try run(["users", "add", "--login", "boss", "--name", "Boss", "--role", "admin"] + base)
        #expect(admin.output.contains("one-time password (must be changed at first sign-in): "))
        let duplicate = try run(["users", "add", "--login", "boss", "--name", "Boss", "--role", "admin"] + base)
        #expect(duplicate.status != 0)
        #expect(duplicate.output.contains("already exists"))
        let short = try run(["users", "add", "--login", "kanat", "--name", "K", "--role", "admin", "--password-stdin"] + base, input: "short\n")
        #expect(short.status != 0)
        let noTrack = try run(["users", "add", "--login", "kanat", "--name", "K", "--role", "trainee"] + base)
        #expect(noTrack.status != 0)
        #expect(noTrack.output.contains("--track"))

        let list = try run(["users", "list", "--data", data.path])
        #expect(list.output.contains("aigerim\ttrainee\tpre-service\tАйгерим Сыдыкова"))
        #expect(list.output.contains("boss\tadmin\t-\tBoss\tmust-change-password"))
        #expect(!list.output.contains("kanat"))
        let reset = try run(["users", "reset-password", "aigerim"] + base)
        #expect(reset.output.contains("one-time password for 'aigerim'"))
        #expect(try run(["users", "disable", "aigerim", "--data", data.path]).status == 0)
        #expect(try run(["users", "list", "--data", data.path]).output.contains("disabled,must-change-password"))
        #expect(try run(["users", "disable", "nobody", "--data", data.path]).status != 0)
    }
}
