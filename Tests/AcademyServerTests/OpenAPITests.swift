import AcademyServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("openapi.yaml")
struct OpenAPITests {
    @Test("documents every /api route of the router, and is served at /api/openapi.yaml")
    func documentsEveryRoute() async throws {
        let services = try await Fixture.services()
        let document = services.openAPI
        let lines = document.split(separator: "\n").map(String.init)
        for route in buildRouter(services).routes where "\(route.path)".hasPrefix("/api") || "\(route.path)" == "/health" {
            let path = "\(route.path)".replacingOccurrences(of: ":id", with: "{id}").replacingOccurrences(of: ":code", with: "{code}")
            let found = lines.firstIndex(of: "  \(path):")
            let start = try #require(found, "openapi.yaml has no path \(path)")
            let block = lines[(start + 1)...].prefix { $0.hasPrefix("    ") }
            #expect(block.contains("    \(route.method.rawValue.lowercased()):"), "openapi.yaml has no \(route.method) under \(path)")
        }
        try await buildApplication(services).test(.router) { client in
            let response = try await client.send(.get, "/api/openapi.yaml")
            #expect(response.status == .ok)
            #expect(response.text.hasPrefix("openapi: 3.1.0"))
        }
    }
}
