import Foundation

/// How sign-in pushes back on wrong passwords. The defaults follow NIST SP 800-63B (5.2.2): online
/// guessing is slowed, and no one who merely knows a login can lock its owner out.
public struct SignInLimits: Sendable {
    /// Wrong passwords from one address for one login before the first wait.
    public var freeFailures: Int
    /// The first wait; each further wrong password doubles it, up to `maximumDelay`.
    public var firstDelay: TimeInterval
    public var maximumDelay: TimeInterval
    /// How long failures are remembered: those of one address for one login after the last of them, and
    /// a login's failures from everywhere (for `accountCeiling`).
    public var memory: TimeInterval
    /// Failures of one login from all addresses within `memory` after which only addresses that signed in
    /// to it before may try: the ceiling against guessing spread over many addresses.
    public var accountCeiling: Int
    /// Failures from one address for any logins within `addressWindow` before that address's waits begin:
    /// against one address trying a few passwords on every login.
    public var addressCeiling: Int
    public var addressWindow: TimeInterval
    /// How long an address that signed in to a login stays exempt from that login's ceiling.
    public var knownAddressMemory: TimeInterval

    public init(
        freeFailures: Int = 5, firstDelay: TimeInterval = 1, maximumDelay: TimeInterval = 15 * 60, memory: TimeInterval = 24 * 3600,
        accountCeiling: Int = 100, addressCeiling: Int = 100, addressWindow: TimeInterval = 3600, knownAddressMemory: TimeInterval = 30 * 24 * 3600
    ) {
        self.freeFailures = freeFailures
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
        self.memory = memory
        self.accountCeiling = accountCeiling
        self.addressCeiling = addressCeiling
        self.addressWindow = addressWindow
        self.knownAddressMemory = knownAddressMemory
    }

    /// The wait after `failures` wrong passwords in a row: none for the first `free`, then `firstDelay`,
    /// doubling, at most `maximumDelay`.
    func delay(afterFailures failures: Int, free: Int? = nil) -> TimeInterval {
        let beyond = failures - (free ?? freeFailures)
        guard beyond >= 0 else { return 0 }
        return min(maximumDelay, firstDelay * pow(2, Double(min(beyond, 40))))
    }
}

/// Failed sign-ins, counted per login *and* address, so that wrong passwords from one place never stop
/// the right one from another: after `freeFailures` from one address, that address waits before each
/// further try for that login, 1 s, 2 s, 4 s … up to 15 minutes. Two ceilings sit above: one address
/// failing on many logins waits too, and a login failing from many addresses (guessing spread over a
/// botnet) is then tried only from addresses that signed in to it before.
///
/// The address is the TCP peer (`AppRequestContext.remoteAddress`). Behind a reverse proxy every request
/// comes from the proxy, so the per-address counts become per-login counts and a login's owner can be made
/// to wait behind someone else's wrong passwords (no longer than the 15-minute cap): serve directly, or
/// first make the server read the proxy's forwarded-for header, which it does not do yet. Likewise a
/// classroom behind one NAT address shares the address ceiling (100 failures an hour).
///
/// Every count is tagged with the password hash it was made against, so a password reset (on the web
/// or with `academy users reset-password`, which this process does not see) starts the login afresh.
/// In memory: a restart forgets the counts, which gives an attacker a fresh start but never costs a user
/// access; it also forgets the known addresses, so after a restart during an attack spread over many
/// addresses the login's owner waits too, until the failures age out or the password is reset.
actor SignInThrottle {
    /// Where a login stands from an address after one more wrong password.
    struct Standing: Sendable, Equatable {
        /// Wrong passwords still allowed before the first wait; 0 once waits apply.
        var failuresLeft: Int
        /// The wait before the next try, after this wrong password.
        var wait: TimeInterval
        /// The wait that one more wrong password would bring.
        var nextWait: TimeInterval
    }

    enum Verdict: Sendable, Equatable {
        /// Go ahead. The attempt is already counted as a failure (so that parallel attempts cannot slip
        /// past the count); `succeeded` takes it back. `ifWrong` tells where a wrong password leaves it.
        case allowed(ifWrong: Standing)
        /// Too soon after the last wrong password from this address.
        case wait(TimeInterval)
        /// The login's ceiling is reached and this address never signed in to it.
        case paused(TimeInterval)
    }

    private struct Key: Hashable {
        var login: String
        var address: String
    }

    private struct Failures {
        var count: Int
        var last: Date
        var credential: Int
    }

    private let limits: SignInLimits
    private var pairs: [Key: Failures] = [:]
    private var accounts: [String: (credential: Int, times: [Date])] = [:]
    private var addresses: [String: [Date]] = [:]
    private var known: [String: [String: Date]] = [:]
    private var attemptsSinceSweep = 0

    init(limits: SignInLimits) {
        self.limits = limits
    }

    /// Decides whether an attempt may check its password. `credential` identifies the login's current
    /// password hash (0 when there is no such login).
    func attempt(login: String, address: String, credential: Int, now: Date = Date()) -> Verdict {
        sweepNowAndThen(now)
        let key = Key(login: login, address: address)
        if let failures = pairs[key], failures.credential != credential || now.timeIntervalSince(failures.last) >= limits.memory {
            pairs[key] = nil
        }
        if let failures = pairs[key] {
            let wait = limits.delay(afterFailures: failures.count) - now.timeIntervalSince(failures.last)
            if wait > 0 { return .wait(wait) }
        }
        let recentFromAddress = (addresses[address] ?? []).filter { now.timeIntervalSince($0) < limits.addressWindow }
        addresses[address] = recentFromAddress
        if let last = recentFromAddress.last {
            let wait = limits.delay(afterFailures: recentFromAddress.count, free: limits.addressCeiling) - now.timeIntervalSince(last)
            if wait > 0 { return .wait(wait) }
        }
        var account = accounts[login] ?? (credential, [])
        if account.credential != credential { account = (credential, []) }
        account.times.removeAll { now.timeIntervalSince($0) >= limits.memory }
        if account.times.count >= limits.accountCeiling, !isKnown(address, for: login, now: now), let oldest = account.times.first {
            accounts[login] = account
            return .paused(limits.memory - now.timeIntervalSince(oldest))
        }
        // Counted now, taken back on success. The lists keep no more than their limits need.
        let count = (pairs[key]?.count ?? 0) + 1
        pairs[key] = Failures(count: count, last: now, credential: credential)
        account.times = Array((account.times + [now]).suffix(limits.accountCeiling))
        accounts[login] = account
        addresses[address] = Array((recentFromAddress + [now]).suffix(limits.addressCeiling + 64))
        return .allowed(ifWrong: Standing(
            failuresLeft: max(0, limits.freeFailures - count), wait: limits.delay(afterFailures: count), nextWait: limits.delay(afterFailures: count + 1)
        ))
    }

    /// Takes back the failure `attempt` counted, forgets this address's failures for the login, and
    /// remembers the address as one its owner uses.
    func succeeded(login: String, address: String, at attemptTime: Date, now: Date = Date()) {
        pairs[Key(login: login, address: address)] = nil
        if let index = addresses[address]?.lastIndex(of: attemptTime) { addresses[address]?.remove(at: index) }
        if let index = accounts[login]?.times.lastIndex(of: attemptTime) { accounts[login]?.times.remove(at: index) }
        var addressesOfLogin = known[login] ?? [:]
        addressesOfLogin[address] = now
        if addressesOfLogin.count > 20, let oldest = addressesOfLogin.min(by: { $0.value < $1.value }) { addressesOfLogin[oldest.key] = nil }
        known[login] = addressesOfLogin
    }

    private func isKnown(_ address: String, for login: String, now: Date) -> Bool {
        guard let seen = known[login]?[address] else { return false }
        return now.timeIntervalSince(seen) < limits.knownAddressMemory
    }

    /// Drops what has aged out, every thousand attempts, so that memory follows the recent rate of
    /// attempts rather than every login and address ever tried.
    private func sweepNowAndThen(_ now: Date) {
        attemptsSinceSweep += 1
        guard attemptsSinceSweep >= 1000 else { return }
        attemptsSinceSweep = 0
        pairs = pairs.filter { now.timeIntervalSince($0.value.last) < limits.memory }
        addresses = addresses.filter { $0.value.last.map { now.timeIntervalSince($0) < limits.addressWindow } ?? false }
        accounts = accounts.filter { $0.value.times.last.map { now.timeIntervalSince($0) < limits.memory } ?? false }
        known = known.compactMapValues { seen in
            let recent = seen.filter { now.timeIntervalSince($0.value) < limits.knownAddressMemory }
            return recent.isEmpty ? nil : recent
        }
    }
}
