import HummingbirdBcrypt
import NIOPosix
import Synchronization

private let placeholderHashes = Mutex<[UInt8: String]>([:])

/// bcrypt hashing and verification, run on NIO's blocking thread pool: a hash at cost 12 takes about
/// 0.3 s of CPU, which must not stall the cooperative pool that serves requests.
public struct Passwords: Sendable {
    public let cost: UInt8
    /// bcrypt verifications run so far, shared by every copy: sign-in's promise that every refusal
    /// costs one verification (see `SessionController.signIn`) is checked against it.
    private let verified = Counter()

    public init(cost: UInt8) {
        self.cost = cost
    }

    /// How many passwords have been verified through this value or its copies.
    var verifications: Int { verified.value.load(ordering: .relaxed) }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        verified.value.add(1, ordering: .relaxed)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A hash of a random password at this cost, made once: verifying against it when a login has no
    /// usable account makes that refusal take as long as a wrong password's, so timing does not tell
    /// which logins exist.
    public func placeholderHash() async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive {
            placeholderHashes.withLock { cache in
                if let hash = cache[cost] { return hash }
                let hash = Bcrypt.hash(Passwords.oneTime() + Passwords.oneTime(), cost: cost)
                cache[cost] = hash
                return hash
            }
        }
    }

    /// A readable one-time password: 16 characters from an alphabet of 31 without look-alikes (about 79 bits).
    public static func oneTime() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
    }
}

private final class Counter: Sendable {
    let value = Atomic<Int>(0)
}
