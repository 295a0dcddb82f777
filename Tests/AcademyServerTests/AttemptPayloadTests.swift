import Foundation
import Testing
@testable import AcademyServer

@Suite("The attempt payload")
struct AttemptPayloadTests {
    typealias Payload = QuizController.AttemptPayload

    @Test("written directly, a payload without questions is byte for byte what the JSON encoder writes", arguments: [
        Payload(id: 1, assessment: "quiz:legal-framework", status: "submitted", startedAt: Date(timeIntervalSince1970: 1_764_000_000.75),
                deadline: Date(timeIntervalSince1970: 1_764_001_200), questions: nil, percent: 80, passed: true),
        Payload(id: 123_456_789, assessment: "exam:final \"в\"\\", status: "expired", startedAt: Date(timeIntervalSince1970: 0),
                deadline: Date(timeIntervalSince1970: 86_399.999), questions: nil, percent: nil, passed: false),
        Payload(id: 7, assessment: "quiz:m", status: "submitted", startedAt: Date(timeIntervalSince1970: 2_000_000_000),
                deadline: Date(timeIntervalSince1970: 2_000_000_060), questions: nil, percent: 0, passed: nil),
    ])
    func directJSON(payload: Payload) throws {
        let encoded = String(decoding: try APICoding.encoder.encode(payload), as: UTF8.self)
        #expect(payload.directJSON == encoded)
    }

    @Test("a payload with questions is left to the encoder")
    func withQuestions() {
        let payload = Payload(id: 1, assessment: "quiz:m", status: "open", startedAt: Date(), deadline: Date(), questions: [], percent: nil, passed: nil)
        #expect(payload.directJSON == nil)
    }
}
