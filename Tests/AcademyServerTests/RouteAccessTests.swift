import AcademyServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Walks the router's own route list: a route without an expectation here fails the test, so no route
/// can be added without deciding who may call it.
@Suite("Role check on every route")
struct RouteAccessTests {
    /// Whatever a route declares, these paths are for administrators (or instructors) only.
    static let reserved: [(prefix: String, access: Access)] = [
        ("/app/admin", .admin), ("/api/admin", .admin), ("/app/trainer", .instructor), ("/app/instructor", .instructor),
        ("/api/instructor", .instructor),
    ]

    enum Caller: String, CaseIterable { case anonymous, trainee, admin }

    /// Trainees' pages the static manual links every reader to: an administrator who follows such a link
    /// is sent to the administrators' home (303 to app/admin) instead of a refusal, so for them these are
    /// neither refused nor let through (see `AccessMiddleware.traineePagesLinkedFromManual`).
    static let administratorsSentHome: Set<String> = ["GET /app/quiz/{id}", "GET /app/exam/{id}", "GET /app/drill"]

    static func allowed(_ access: Access, _ caller: Caller) -> Bool {
        switch (access, caller) {
        case (.anyone, _): true
        case (_, .anonymous): false
        case (.signedIn, _), (.passwordChange, _): true
        case (.trainee, .trainee), (.admin, .admin), (.instructor, .admin): true
        default: false
        }
    }

    /// True when the response is the server's refusal for want of a session or of the right role.
    static func refused(_ response: TestResponse) -> Bool {
        switch response.status {
        case .unauthorized: response.text.contains(#""code":"sign_in_first""#)
        case .seeOther: response.headers[.location]?.contains("app/sign-in?required") == true
        case .forbidden: response.text.contains(#""code":"wrong_role""#) || response.text.contains("«error_other_role_page»")
        default: false
        }
    }

    @Test("every route is registered with an access rule, and the server enforces it for every role, in any language", arguments: [nil, "ru"])
    func everyRoute(language: String?) async throws {
        let services = try await Fixture.services()
        let (router, table) = buildRoutes(services)
        let expectations = table.all
        let registered = router.routes.map { "\($0.method) \($0.path)" }
        #expect(registered.count > 50)
        for route in registered {
            #expect(expectations[route] != nil, "\(route) was registered without an access rule")
            for (prefix, access) in Self.reserved where route.split(separator: " ")[1].hasPrefix(prefix) {
                #expect(expectations[route] == access, "\(route) must be for \(access.rawValue)")
            }
        }
        let routes = registered.map {
            $0.replacingOccurrences(of: ":login", with: "{login}").replacingOccurrences(of: ":id", with: "{id}").replacingOccurrences(of: ":code", with: "{code}")
                .replacingOccurrences(of: ":token", with: "{token}")
        }
        let app = buildApplication(services)
        try await app.test(.router) { client in
            for (declared, route) in zip(registered, routes) {
                guard let access = expectations[declared] else { continue }
                let parts = route.split(separator: " ", maxSplits: 1)
                let method = HTTPRequest.Method(rawValue: String(parts[0]))!
                let path = String(parts[1]).replacingOccurrences(of: "{login}", with: "nobody").replacingOccurrences(of: "{id}", with: "999").replacingOccurrences(of: "{code}", with: "NOPE")
                    .replacingOccurrences(of: "{token}", with: "nope")
                for caller in Caller.allCases {
                    // A fresh session for each request: some routes end the session they are called with.
                    let credentials: Credentials? = switch caller {
                    case .anonymous: nil
                    case .trainee: try await client.signIn("cadet1", Fixture.traineePassword)
                    case .admin: try await client.signIn("boss", Fixture.adminPassword)
                    }
                    let response = try await request(client, method, path, credentials, language: language)
                    if caller == .admin, Self.administratorsSentHome.contains(route) {
                        #expect(response.status == .seeOther && response.headers[.location]?.hasSuffix("app/admin") == true, "admin \(route)")
                    } else if Self.allowed(access, caller) {
                        #expect(!Self.refused(response), "\(caller) was refused \(route): \(response.status)")
                        // Let through, the request is answered: a 4xx for what it lacks, never a server error.
                        #expect(response.status.code < 500, "\(caller) got a server error from \(route): \(response.status)")
                    } else {
                        #expect(Self.refused(response), "\(caller) was not refused \(route): \(response.status)")
                        let expected: HTTPResponse.Status = caller == .anonymous ? (path.hasPrefix("/app") ? .seeOther : .unauthorized) : .forbidden
                        #expect(response.status == expected, "\(caller) \(route)")
                    }
                }
            }
        }
    }

    /// Sends what a legitimate client of that route would: CSRF token in the header and in the form.
    func request(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, _ credentials: Credentials?, language: String?
    ) async throws -> TestResponse {
        let headers: HTTPFields = language.map { [.acceptLanguage: $0] } ?? [:]
        guard method == .post, path.hasPrefix("/app") else {
            return try await client.send(method, path, json: method == .post ? "{}" : nil, as: credentials, headers: headers)
        }
        var cookie = "academy_form=form-token"
        if let credentials { cookie += "; " + credentials.cookie }
        return try await client.form(path, ["_csrf": credentials?.csrf ?? "form-token"], cookie: cookie, headers: headers)
    }
}
