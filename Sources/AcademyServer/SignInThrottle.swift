import Foundation

/// Counts failed sign-ins per account and per address, and refuses further attempts for the rest of the
/// window once either passes its limit. In memory: a restart forgets it, which only costs an attacker's
/// restart of the count, never a user's access.
actor SignInThrottle {
    private let perAccount: Int
    private let perAddress: Int
    private let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    init(perAccount: Int, perAddress: Int, window: TimeInterval) {
        self.perAccount = perAccount
        self.perAddress = perAddress
        self.window = window
    }

    /// Seconds to wait before trying again, or nil when an attempt is allowed.
    func retryAfter(login: String, address: String, now: Date = Date()) -> Int? {
        let waits = [("login:" + login, perAccount), ("address:" + address, perAddress)].compactMap { key, limit -> TimeInterval? in
            let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
            failures[key] = recent.isEmpty ? nil : recent
            guard recent.count >= limit, let oldest = recent.first else { return nil }
            return window - now.timeIntervalSince(oldest)
        }
        return waits.max().map { Int($0.rounded(.up)) }
    }

    func recordFailure(login: String, address: String, now: Date = Date()) {
        failures["login:" + login, default: []].append(now)
        failures["address:" + address, default: []].append(now)
    }

    func recordSuccess(login: String) {
        failures["login:" + login] = nil
    }
}
