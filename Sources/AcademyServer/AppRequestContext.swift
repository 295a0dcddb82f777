import AcademyStore
import Hummingbird

/// The request context: Hummingbird's core storage plus the signed-in session, if any.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `SessionMiddleware` when the request carries a live session cookie.
    public var session: AcademyStore.Session?
    /// The peer's address, for throttling sign-in per address.
    public var remoteAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}
