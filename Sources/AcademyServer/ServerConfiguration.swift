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
    /// Largest roster upload accepted.
    public var maximumUploadSize: Int
    /// The address trainees use, for xAPI actors' `homePage` and activity ids (`http://HOST:PORT` when nil), and
    /// the verification address printed on certificates (none when nil and the server listens on loopback).
    public var publicURL: String?
    /// bcrypt cost; at least 12 outside tests.
    public var bcryptCost: UInt8
    /// How sign-in slows down wrong passwords (see `SignInThrottle`).
    public var signInLimits: SignInLimits
    /// The Academy's time zone: every day and time a page shows is in it (they are stored in UTC).
    public var timeZone: TimeZone

    public init(
        host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false, sessionIdleTimeout: TimeInterval = 30 * 60,
        maximumBodySize: Int = 64 * 1024, bcryptCost: UInt8 = 12, signInLimits: SignInLimits = SignInLimits(),
        maximumUploadSize: Int = 1024 * 1024, publicURL: String? = nil, timeZone: TimeZone = TimeZone(identifier: "Asia/Bishkek") ?? .gmt
    ) {
        self.timeZone = timeZone
        self.maximumUploadSize = maximumUploadSize
        self.publicURL = publicURL
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.sessionIdleTimeout = sessionIdleTimeout
        self.maximumBodySize = maximumBodySize
        self.bcryptCost = bcryptCost
        self.signInLimits = signInLimits
    }

    /// The platform's address without a trailing slash.
    public var baseURL: String {
        var url = publicURL ?? "http://\(host):\(port)"
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
