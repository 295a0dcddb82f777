import AcademyStore
import Hummingbird
import NIOCore

/// The request context: Hummingbird's core storage plus the signed-in session, if any.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `SessionMiddleware` when the request carries a live session cookie.
    public var session: AcademyStore.Session?
    /// The peer, kept as NIO reports it: only sign-in needs it as text, and formatting it for every
    /// request showed in profiles.
    private let peer: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress
    }

    /// The peer's address, for throttling sign-in per address.
    public var remoteAddress: String { peer?.ipAddress ?? "unknown" }
}
