import Foundation

/// Everything the server is told at start, resolved once from options and environment.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Mark cookies Secure (behind HTTPS).
    public var secureCookies: Bool
    /// A session unused for this long ends.
    public var sessionIdleTimeout: TimeInterval
    /// Largest request body accepted; larger ones get 413.
    public var maximumBodySize: Int
    /// bcrypt cost; at least 12 outside tests.
    public var bcryptCost: UInt8
    /// Failed sign-ins allowed per account, and per address, within `throttleWindow`.
    public var failuresPerAccount: Int
    public var failuresPerAddress: Int
    public var throttleWindow: TimeInterval

    public init(
        host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false, sessionIdleTimeout: TimeInterval = 30 * 60,
        maximumBodySize: Int = 64 * 1024, bcryptCost: UInt8 = 12, failuresPerAccount: Int = 5, failuresPerAddress: Int = 20,
        throttleWindow: TimeInterval = 15 * 60
    ) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.sessionIdleTimeout = sessionIdleTimeout
        self.maximumBodySize = maximumBodySize
        self.bcryptCost = bcryptCost
        self.failuresPerAccount = failuresPerAccount
        self.failuresPerAddress = failuresPerAddress
        self.throttleWindow = throttleWindow
    }
}
