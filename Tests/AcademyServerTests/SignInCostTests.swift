@testable import AcademyServer
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Sign-in costs the same whatever the login")
struct SignInCostTests {
    @Test("every refusal and every success runs exactly one bcrypt verification; a throttled attempt runs none")
    func oneVerificationPerAttempt() async throws {
        let services = try await Fixture.services()
        try await services.store.disable(login: "fresh")
        try await buildApplication(services).test(.router) { client in
            let attempts: [(String, HTTPResponse.Status)] = [
                (#"{"login":"cadet1","password":"\#(Fixture.traineePassword)"}"#, .ok),
                (#"{"login":"cadet1","password":"wrong-password-1"}"#, .unauthorized),
                (#"{"login":"nobody","password":"wrong-password-1"}"#, .unauthorized),
                (#"{"login":"fresh","password":"one-time-pass-1"}"#, .unauthorized),
            ]
            for (body, status) in attempts {
                let before = services.passwords.verifications
                #expect(try await client.send(.post, "/api/session", json: body).status == status, "\(body)")
                #expect(services.passwords.verifications == before + 1, "one verification for \(body)")
            }
            // Past the free failures the throttle answers before any hash is checked.
            var status = HTTPResponse.Status.unauthorized
            for _ in 0..<services.configuration.signInLimits.freeFailures + 1 where status != .tooManyRequests {
                status = try await client.send(.post, "/api/session", json: #"{"login":"nobody","password":"x"}"#).status
            }
            #expect(status == .tooManyRequests)
            let before = services.passwords.verifications
            #expect(try await client.send(.post, "/api/session", json: #"{"login":"nobody","password":"x"}"#).status == .tooManyRequests)
            #expect(services.passwords.verifications == before)
        }
    }
}
