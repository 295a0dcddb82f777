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
    static let expectations: [String: Access] = [
        "GET /health": .anyone,
        "GET /api/openapi.yaml": .anyone,
        "POST /api/session": .anyone,
        "DELETE /api/session": .signedIn,
        "GET /api/me": .signedIn,
        "GET /api/progress": .trainee,
        "POST /api/progress": .trainee,
        "POST /api/password": .signedIn,
        "GET /app/sign-in": .anyone,
        "POST /app/sign-in": .anyone,
        "POST /app/sign-out": .signedIn,
        "GET /app": .signedIn,
        "GET /app/dashboard": .trainee,
        "GET /app/password": .signedIn,
        "POST /app/password": .signedIn,
        "GET /app/admin/accounts": .admin,
        "POST /app/admin/accounts": .admin,
        "POST /app/admin/accounts/{login}/reset-password": .admin,
        "POST /app/admin/accounts/{login}/disable": .admin,
        "GET /app/quiz/{id}": .trainee,
        "POST /app/quiz/{id}": .trainee,
        "GET /app/exam/{id}": .trainee,
        "POST /app/exam/{id}": .trainee,
        "GET /app/attempts/{id}": .trainee,
        "POST /app/attempts/{id}": .trainee,
        "GET /app/drill": .trainee,
        "POST /app/drill": .trainee,
        "POST /api/attempts": .trainee,
        "GET /api/attempts/{id}": .trainee,
        "POST /api/attempts/{id}/submission": .trainee,
        "GET /api/attempts/{id}/review": .trainee,
        "GET /verify/{code}": .anyone,
        "GET /app/certifications": .signedIn,
        "GET /app/certificates/{code}": .signedIn,
        "GET /app/assess": .signedIn,
        "POST /app/assess": .signedIn,
        "GET /app/admin/certifications": .admin,
        "POST /app/admin/certifications": .admin,
        "POST /app/admin/certifications/{id}/revoke": .admin,
        "POST /app/admin/certifications/{id}/review": .admin,
        "GET /api/certifications": .signedIn,
        "GET /api/verify/{code}": .anyone,
        "POST /api/practicals": .signedIn,
        "GET /api/admin/certifications": .admin,
        "POST /api/admin/certifications": .admin,
        "POST /api/admin/certifications/{id}/revocation": .admin,
        "POST /api/admin/certifications/{id}/review": .admin,
        "GET /app/admin/cohorts": .admin,
        "POST /app/admin/cohorts": .admin,
        "GET /app/admin/cohorts/{code}": .admin,
        "POST /app/admin/cohorts/{code}/members": .admin,
        "POST /app/admin/cohorts/{code}/import": .admin,
        "POST /app/admin/cohorts/{code}/import/confirm": .admin,
        "GET /app/admin/downloads/{token}": .admin,
        "GET /app/admin/trainees/{login}": .admin,
        "GET /app/admin/export": .admin,
        "POST /app/admin/export": .admin,
        "GET /app/trainer": .instructor,
        "GET /app/trainer/{id}": .instructor,
    ]

    enum Caller: String, CaseIterable { case anonymous, trainee, admin }

    static func allowed(_ access: Access, _ caller: Caller) -> Bool {
        switch (access, caller) {
        case (.anyone, _): true
        case (_, .anonymous): false
        case (.signedIn, _): true
        case (.trainee, .trainee), (.admin, .admin), (.instructor, .admin): true
        default: false
        }
    }

    /// True when the response is the server's refusal for want of a session or of the right role.
    static func refused(_ response: TestResponse) -> Bool {
        switch response.status {
        case .unauthorized: response.text.contains("sign in first")
        case .seeOther: response.headers[.location]?.hasSuffix("app/sign-in?required") == true
        case .forbidden: response.text.contains("is for the") || response.text.contains("This page is for another role")
        default: false
        }
    }

    @Test("every route has an expectation for every role, and the server enforces it")
    func everyRoute() async throws {
        let services = try await Fixture.services()
        let router = buildRouter(services)
        let routes = router.routes.map {
            "\($0.method) \($0.path)".replacingOccurrences(of: ":login", with: "{login}").replacingOccurrences(of: ":id", with: "{id}").replacingOccurrences(of: ":code", with: "{code}")
                .replacingOccurrences(of: ":token", with: "{token}")
        }
        #expect(routes.count >= Self.expectations.count)
        for route in routes {
            #expect(Self.expectations[route] != nil, "no access expectation for \(route)")
        }
        let app = buildApplication(services)
        try await app.test(.router) { client in
            for route in routes {
                guard let access = Self.expectations[route] else { continue }
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
                    let response = try await request(client, method, path, credentials)
                    if Self.allowed(access, caller) {
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
    func request(_ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, _ credentials: Credentials?) async throws -> TestResponse {
        guard method == .post, path.hasPrefix("/app") else {
            return try await client.send(method, path, json: method == .post ? "{}" : nil, as: credentials)
        }
        var cookie = "academy_form=form-token"
        if let credentials { cookie += "; " + credentials.cookie }
        return try await client.form(path, ["_csrf": credentials?.csrf ?? "form-token"], cookie: cookie)
    }
}
