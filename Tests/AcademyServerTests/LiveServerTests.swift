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
}
