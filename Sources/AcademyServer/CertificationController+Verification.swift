import AcademyCore
import AcademyStore
import Foundation
import Hummingbird

/// Public verification: the page a certificate's address and QR code lead to, and a form to type a code.
extension CertificationController {
    func addVerificationRoutes(to routes: Routes) {
        let anyoneRoutes = routes.group(.anyone)
        // The form, and its answer: a known code goes to its page, an unknown one stays on the form.
        anyoneRoutes.get("/verify") { request, _ in
            let pages = verificationPages(request)
            guard let typed = request.uri.queryParameters.get("code"), !typed.trimmingCharacters(in: .whitespaces).isEmpty else {
                return pages.verificationForm(typed: "", notFound: false)
            }
            if let code = Self.canonicalCode(typed), try await services.store.certification(code: code) != nil {
                return Redirect.to("verify/\(code)?lang=\(pages.language)", from: pages)
            }
            return pages.verificationForm(typed: typed, notFound: true)
        }
        anyoneRoutes.get("/verify/{code}") { request, context in
            let pages = verificationPages(request)
            let typed = context.parameters.get("code") ?? ""
            guard let code = Self.canonicalCode(typed), let certification = try await services.store.certification(code: code),
                  let holder = try await services.store.account(id: certification.accountID)
            else { return pages.verificationForm(typed: typed, notFound: true) }
            return pages.verification(certification, holder: holder, programme: programme(certification.programme))
        }
    }

    /// The stored form of a typed code: letters and digits only, upper case, in four groups of five joined
    /// by dashes (`ab cde-fghjk…` and `ABCDEFGHJK…` both find `ABCDE-FGHJK-…`); nil when it cannot be a code.
    static func canonicalCode(_ typed: String) -> String? {
        let characters = Array(typed.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
        guard characters.count == 20 else { return nil }
        return stride(from: 0, to: 20, by: 5).map { String(characters[$0..<$0 + 5]) }.joined(separator: "-")
    }

    /// The scheme and host a certificate names for verification. The public URL when one is set; else the
    /// address the certificate was opened at, unless the server listens only on a loopback address or was
    /// reached through one: a printed `127.0.0.1` leads a reader nowhere, so then there is none (nil).
    func verificationSite(_ request: Request) -> String? {
        Self.verificationSite(configuration: services.configuration, authority: request.head.authority)
    }

    /// `authority`: the request's `host:port`.
    static func verificationSite(configuration: ServerConfiguration, authority: String?) -> String? {
        if let publicURL = configuration.publicURL, !publicURL.trimmingCharacters(in: .whitespaces).isEmpty { return configuration.baseURL }
        guard !isLoopback(host: configuration.host), let authority, !authority.isEmpty, !isLoopback(authority: authority) else { return nil }
        return "\(configuration.secureCookies ? "https" : "http")://\(authority)"
    }

    static func isLoopback(host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host == "localhost" || host.hasSuffix(".localhost") || host.hasPrefix("127.") || host == "::1" || host == "0:0:0:0:0:0:0:1"
    }

    /// `host:port`, `[v6]:port` or a bare host.
    static func isLoopback(authority: String) -> Bool {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") { return isLoopback(host: String(authority[...close])) }
        return isLoopback(host: String(authority.split(separator: ":", maxSplits: 1).first ?? ""))
    }

    /// Pages in the visitor's language: someone who scans a certificate's QR code arrives without
    /// `?lang=`, so the browser's languages decide (`ServerPages.language`).
    func verificationPages(_ request: Request) -> ServerPages {
        services.pages(request, account: nil)
    }
}
