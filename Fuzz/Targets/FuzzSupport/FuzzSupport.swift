import CFuzzDriver
import Foundation

/// What libFuzzer calls with each input.
public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Hands control to libFuzzer (command-line flags and all), which calls `callback` with each input.
///
/// The fuzz targets call this from their main.swift instead of relying on libFuzzer's `main`: SwiftPM
/// links an executable with its entry point renamed (`--defsym main=<target>_main`), so a target
/// built with `-parse-as-library` and no entry point of its own does not link.
public func runFuzzer(_ callback: FuzzCallback) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
}

/// The input as `Data` (libFuzzer may pass no pointer for an empty input).
public func input(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> Data {
    guard let bytes, size > 0 else { return Data() }
    return Data(bytes: bytes, count: size)
}

/// Runs async code to completion from libFuzzer's synchronous callback (which runs on the main thread,
/// never on the cooperative pool, so blocking it cannot starve the task it waits for).
public func runBlocking<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        box.value = await work()
        done.signal()
    }
    done.wait()
    return box.value!
}

private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

/// A content root for one fuzzing process: `$TMPDIR/academy-fuzz-<name>-<pid>/`, removed at exit.
/// Each input is written over the same files, so a run leaves nothing behind but this folder.
public struct Scratch: Sendable {
    public let root: URL

    public init(_ name: String, folders: [String]) {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: "/tmp")
        root = base.appendingPathComponent("academy-fuzz-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: root)
        for folder in folders {
            try! FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        Scratch.removeAtExit(root.path)
    }

    /// Writes `data` to `relative` (below the root), replacing what the last input left there.
    public func write(_ data: Data, to relative: String) {
        try! data.write(to: root.appendingPathComponent(relative))
    }

    nonisolated(unsafe) private static var toRemove: [String] = []

    private static func removeAtExit(_ path: String) {
        if toRemove.isEmpty {
            atexit {
                for path in Scratch.toRemove { try? FileManager.default.removeItem(atPath: path) }
            }
        }
        toRemove.append(path)
    }
}

/// Splits the fuzzer's input at its first byte: a selector (which decoder to feed) and the rest. The
/// digits '0'...'9' select 0...9, so that seeds can be plain text; every other byte selects something too.
public func selector(_ data: Data, choices: Int) -> (Int, Data) {
    guard let first = data.first else { return (0, Data()) }
    return (((Int(first) - 48) % choices + choices) % choices, Data(data.dropFirst()))
}

/// Set FUZZ_DEBUG=1 to have the targets print what each input produced (diagnostics, decoded values):
/// for checking that seeds reach the code after the loader, and for reading a crash's input.
public let debugging = ProcessInfo.processInfo.environment["FUZZ_DEBUG"] != nil

public func debug(_ message: @autoclosure () -> String) {
    if debugging { print(message()) }
}
