import AcademyServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Progress")
struct ProgressTests {
    @Test("marking a lesson studied records the published content hash, once, and shows in the summary")
    func roundTrip() async throws {
        let services = try await Fixture.services()
        try await buildApplication(services).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let marked = try await client.send(.post, "/api/progress", json: #"{"lesson":"open-prompts"}"#, as: cadet)
            #expect(marked.status == .ok)
            #expect(marked.text.contains("\"content_hash\":\"hash-open\""))
            _ = try await client.send(.post, "/api/progress", json: #"{"lesson":"open-prompts"}"#, as: cadet)
            let summary = try await client.send(.get, "/api/progress", as: cadet)
            #expect(summary.text.contains("\"done\":1"))
            #expect(summary.text.contains("\"total\":2"))
            #expect(summary.text.contains("\"next_lesson\":\"phases\""))
            #expect(summary.text.components(separatedBy: "\"lesson\":\"open-prompts\"").count == 2)
        }
        let account = try #require(try await services.store.account(login: "cadet1"))
        #expect(try await services.store.progress(accountID: account.id).map(\.lesson) == ["open-prompts"])
    }

    @Test("an unknown lesson is a 404 naming the field; a missing or mistyped field or a body that is not JSON is a 400")
    func unknownLesson() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let response = try await client.send(.post, "/api/progress", json: #"{"lesson":"nope"}"#, as: cadet)
            #expect(response.status == .notFound)
            #expect(response.text.contains("\"field\":\"lesson\""))
            let wrongType = try await client.send(.post, "/api/progress", json: #"{"lesson":12}"#, as: cadet)
            #expect(wrongType.status == .badRequest)
            #expect(wrongType.text.contains("\"field\":\"lesson\""))
            let missing = try await client.send(.post, "/api/progress", json: #"{"lessons":"open-prompts"}"#, as: cadet)
            #expect(missing.status == .badRequest)
            #expect(missing.text.contains("\"field\":\"lesson\""))
            let broken = try await client.send(.post, "/api/progress", json: #"{"lesson":"open-prompts""#, as: cadet)
            #expect(broken.status == .badRequest && broken.text.contains("not valid JSON"))
        }
    }

    @Test("the dashboard shows the track, the share done and the next lesson, with names escaped")
    func dashboard() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            _ = try await client.send(.post, "/api/progress", json: #"{"lesson":"open-prompts"}"#, as: cadet)
            let page = try await client.send(.get, "/app/dashboard", as: cadet)
            #expect(page.status == .ok)
            #expect(page.text.contains("<strong>Pre-service</strong>"))
            #expect(page.text.contains("<progress class=\"track-progress\" max=\"2\" value=\"1\">50%</progress>"))
            #expect(page.text.contains("href=\"../en/questions/phases/index.html\">Phases</a>"))
            #expect(page.text.contains("Aida &lt;b&gt;Cadet&lt;/b&gt;"))
            #expect(page.text.contains("Fixture &lt;Course&gt;"))
            #expect(page.text.contains("href=\"../assets/academy.css\""))
        }
    }
}
