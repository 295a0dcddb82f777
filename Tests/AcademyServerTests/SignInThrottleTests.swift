@testable import AcademyServer
import AcademyCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Sign-in throttling by login and address")
struct SignInThrottleTests {
    let start = Date(timeIntervalSinceReferenceDate: 800_000_000)

    /// Fails `count` attempts of `login` from `address`, each as soon as it is allowed; returns the time
    /// after the last one.
    func fail(_ throttle: SignInThrottle, _ login: String, from address: String, count: Int, at time: Date, credential: Int = 1) async -> Date {
        var now = time
        for _ in 0..<count {
            switch await throttle.attempt(login: login, address: address, credential: credential, now: now) {
            case .allowed: break
            case .wait(let wait), .paused(let wait):
                now += wait
                _ = await throttle.attempt(login: login, address: address, credential: credential, now: now)
            }
        }
        return now
    }

    @Test("after five wrong passwords from one address the waits grow 1 s, 2 s, 4 s … and stop at 15 minutes")
    func delaysGrow() async {
        let throttle = SignInThrottle(limits: SignInLimits())
        var standings: [SignInThrottle.Standing] = []
        var now = start
        for _ in 0..<16 {
            guard case .allowed(let ifWrong) = await throttle.attempt(login: "cadet1", address: "A", credential: 1, now: now) else {
                Issue.record("refused before its wait was over")
                return
            }
            standings.append(ifWrong)
            if ifWrong.wait > 0, case .allowed = await throttle.attempt(login: "cadet1", address: "A", credential: 1, now: now + ifWrong.wait * 0.99) {
                Issue.record("allowed before the wait of \(ifWrong.wait) s was over")
            }
            now += ifWrong.wait
        }
        #expect(standings.map(\.failuresLeft) == [4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(standings.map(\.wait) == [0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900])
        #expect(standings[4].nextWait == 2)
    }

    @Test("an attempt during the wait is refused, and says how long is left")
    func waitRefused() async {
        let throttle = SignInThrottle(limits: SignInLimits())
        let after = await fail(throttle, "cadet1", from: "A", count: 6, at: start)
        #expect(await throttle.attempt(login: "cadet1", address: "A", credential: 1, now: after + 0.5) == .wait(1.5))
    }

    @Test("wrong passwords from one address do not hold up the same login from another")
    func otherAddressUnaffected() async {
        let throttle = SignInThrottle(limits: SignInLimits())
        let after = await fail(throttle, "cadet1", from: "A", count: 12, at: start)
        guard case .allowed(let standing) = await throttle.attempt(login: "cadet1", address: "B", credential: 1, now: after) else {
            Issue.record("address B was held up by address A's failures")
            return
        }
        #expect(standing.failuresLeft == 4)
    }

    @Test("a reset password starts the count afresh")
    func resetStartsAfresh() async {
        let throttle = SignInThrottle(limits: SignInLimits())
        let after = await fail(throttle, "cadet1", from: "A", count: 8, at: start)
        if case .allowed = await throttle.attempt(login: "cadet1", address: "A", credential: 1, now: after) { Issue.record("not throttled") }
        #expect(await throttle.attempt(login: "cadet1", address: "A", credential: 2, now: after) == .allowed(ifWrong: .init(failuresLeft: 4, wait: 0, nextWait: 0)))
    }

    @Test("past the login's ceiling only addresses that signed in to it before may try")
    func accountCeiling() async {
        let throttle = SignInThrottle(limits: SignInLimits(accountCeiling: 6))
        _ = await throttle.attempt(login: "cadet1", address: "classroom", credential: 1, now: start)
        await throttle.succeeded(login: "cadet1", address: "classroom", at: start, now: start)
        var now = start
        for address in ["b1", "b2", "b3"] { now = await fail(throttle, "cadet1", from: address, count: 2, at: now) }
        guard case .paused = await throttle.attempt(login: "cadet1", address: "b4", credential: 1, now: now) else {
            Issue.record("a new address was let in past the ceiling")
            return
        }
        guard case .allowed = await throttle.attempt(login: "cadet1", address: "classroom", credential: 1, now: now) else {
            Issue.record("the owner's usual address was held up")
            return
        }
    }

    @Test("one address failing on many logins waits too")
    func addressCeiling() async {
        let throttle = SignInThrottle(limits: SignInLimits(addressCeiling: 10))
        var now = start
        for index in 0..<10 { now = await fail(throttle, "login\(index)", from: "A", count: 1, at: now) }
        #expect(await throttle.attempt(login: "cadet1", address: "A", credential: 1, now: now) == .wait(1))
        guard case .allowed = await throttle.attempt(login: "cadet1", address: "B", credential: 1, now: now) else {
            Issue.record("another address was held up")
            return
        }
    }

    @Test("an attempt counts before its password is checked, so parallel attempts cannot slip past the count; success takes it back")
    func countedUpFront() async {
        let throttle = SignInThrottle(limits: SignInLimits())
        for _ in 0..<5 { _ = await throttle.attempt(login: "cadet1", address: "A", credential: 1, now: start) }
        #expect(await throttle.attempt(login: "cadet1", address: "A", credential: 1, now: start) == .wait(1))
        let other = SignInThrottle(limits: SignInLimits())
        for _ in 0..<10 {
            _ = await other.attempt(login: "cadet1", address: "A", credential: 1, now: start)
            await other.succeeded(login: "cadet1", address: "A", at: start, now: start)
        }
        #expect(await other.attempt(login: "cadet1", address: "A", credential: 1, now: start) == .allowed(ifWrong: .init(failuresLeft: 4, wait: 0, nextWait: 0)))
    }

    @Test("through sign-in: wrong passwords from address A do not stop the right password from address B")
    func rightPasswordFromAnotherAddress() async throws {
        // Waits of minutes, so that a loaded machine running the suite cannot outlast them between the steps.
        let services = try await Fixture.services(signInLimits: SignInLimits(firstDelay: 120))
        let sessions = SessionController(services: services)
        for _ in 0..<8 {
            let outcome = try await sessions.signIn(login: "cadet1", password: "wrong-password-1", address: "10.0.0.1")
            if case .signedIn = outcome { Issue.record("signed in with a wrong password") }
        }
        guard case .throttled = try await sessions.signIn(login: "cadet1", password: Fixture.traineePassword, address: "10.0.0.1") else {
            Issue.record("address A was not throttled")
            return
        }
        guard case .signedIn = try await sessions.signIn(login: "cadet1", password: Fixture.traineePassword, address: "10.0.0.2") else {
            Issue.record("the right password from address B was refused")
            return
        }
        // A login typed in capitals is the same login, counted together.
        guard case .throttled = try await sessions.signIn(login: "CADET1", password: Fixture.traineePassword, address: "10.0.0.1") else {
            Issue.record("capitals escaped the count")
            return
        }
    }

    @Test("the sign-in form warns before the wait starts, then states the wait and the next one, and always says whom to ask")
    func formWarnings() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let page = try await client.send(.get, "/app/sign-in")
            let token = try #require(page.cookie(named: "academy_form"))
            func wrong() async throws -> TestResponse {
                try await client.form("/app/sign-in", ["_csrf": token, "login": "cadet1", "password": "wrong-password-1"], cookie: "academy_form=\(token)")
            }
            let first = try await wrong()
            #expect(first.status == .unauthorized)
            #expect(first.text.contains("«wrong_credentials» «ask_for_reset»"))
            #expect(!first.text.contains("«attempts_left»"))
            _ = try await wrong()
            let third = try await wrong()
            #expect(third.text.contains("«wrong_credentials» «attempts_left» «ask_for_reset»"), "two attempts left: warned")
            _ = try await wrong()
            let fifth = try await wrong()
            #expect(fifth.status == .unauthorized)
            #expect(fifth.text.contains("«wrong_credentials» «wait_after_wrong» «ask_for_reset»"))
            #expect(fifth.headers[.retryAfter] == "1")
            let tooSoon = try await client.form("/app/sign-in", ["_csrf": token, "login": "cadet1", "password": Fixture.traineePassword], cookie: "academy_form=\(token)")
            #expect(tooSoon.status == .tooManyRequests)
            #expect(tooSoon.text.contains("«too_many_attempts» «ask_for_reset»"))
            try await Task.sleep(for: .milliseconds(1100))
            let sixth = try await wrong()
            #expect(sixth.status == .unauthorized)
            #expect(sixth.headers[.retryAfter] == "2", "the wait doubled")
        }
    }

    @Test("the JSON API gives the same warnings in words, with Retry-After")
    func apiWarnings() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            var last: TestResponse?
            for _ in 0..<3 { last = try await client.send(.post, "/api/session", json: #"{"login":"cadet1","password":"wrong-password-1"}"#) }
            // The sign-in form's sentences, in the request's language, with a code.
            #expect(last?.text.contains(#""code":"wrong_credentials""#) == true)
            #expect(last?.text.contains("«wrong_credentials» «attempts_left» «ask_for_reset»") == true)
            for _ in 0..<2 { last = try await client.send(.post, "/api/session", json: #"{"login":"cadet1","password":"wrong-password-1"}"#) }
            #expect(last?.text.contains("«wrong_credentials» «wait_after_wrong» «ask_for_reset»") == true)
            let refused = try await client.send(.post, "/api/session", json: #"{"login":"cadet1","password":"\#(Fixture.traineePassword)"}"#)
            #expect(refused.status == .tooManyRequests && refused.text.contains(#""code":"too_many_attempts""#))
            #expect(refused.headers[.retryAfter] == "1")
        }
    }

    @Test("waits are told in the page's language: seconds below a minute, then whole minutes")
    func durations() {
        let strings = UIStrings(language: "en", values: [
            "duration_second": "1 second", "duration_seconds": "{count} seconds", "duration_minute": "1 minute", "duration_minutes": "{count} minutes",
        ])
        #expect(strings.duration(0.2) == "1 second")
        #expect(strings.duration(4) == "4 seconds")
        #expect(strings.duration(60) == "1 minute")
        #expect(strings.duration(64) == "2 minutes")
        #expect(strings.duration(900) == "15 minutes")
    }
}
