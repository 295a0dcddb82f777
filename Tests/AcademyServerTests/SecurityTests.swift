import AcademyServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Security headers, CSRF, body limits and static serving")
struct SecurityTests {
    @Test("every response carries the security headers", arguments: ["/health", "/en/index.html", "/api/me", "/app/sign-in", "/no/such/page"])
    func headers(path: String) async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let response = try await client.send(.get, path)
            let policy = try #require(response.headers[.contentSecurityPolicy])
            #expect(policy.contains("script-src 'self'"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(policy.contains("frame-ancestors 'none'"))
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
        }
    }

    @Test("health answers ok")
    func health() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let response = try await client.send(.get, "/health")
            #expect(response.status == .ok)
            #expect(response.text == "ok")
        }
    }

    @Test("state-changing JSON needs the session's CSRF token")
    func csrfHeader() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            var cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            #expect(try await client.send(.post, "/api/progress", json: #"{"lesson":"phases"}"#, as: cadet, csrf: false).status == .forbidden)
            cadet.csrf = "forged"
            #expect(try await client.send(.post, "/api/progress", json: #"{"lesson":"phases"}"#, as: cadet).status == .forbidden)
            #expect(try await client.send(.delete, "/api/session", as: cadet).status == .forbidden)
        }
    }

    @Test("JSON endpoints refuse other content types, which a cross-site form could send")
    func contentType() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let response = try await client.send(.post, "/api/progress", json: #"{"lesson":"phases"}"#, as: cadet, headers: [.contentType: "text/plain"])
            #expect(response.status == .unsupportedMediaType)
            let form = try await client.send(.post, "/api/session", json: "login=cadet1", headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(form.status == .unsupportedMediaType)
            // Media types are case-insensitive; a charset parameter is fine.
            let capitals = try await client.send(.post, "/api/progress", json: #"{"lesson":"phases"}"#, as: cadet,
                                                 headers: [.contentType: "Application/JSON; charset=UTF-8"])
            #expect(capitals.status == .ok)
            let lookalike = try await client.send(.post, "/api/progress", json: #"{"lesson":"phases"}"#, as: cadet, headers: [.contentType: "application/jso"])
            #expect(lookalike.status == .unsupportedMediaType)
            // A header that must not repeat is refused when it does, whatever the copies say.
            var twoTypes = HTTPFields()
            twoTypes.append(HTTPField(name: .contentType, value: "application/json"))
            twoTypes.append(HTTPField(name: .contentType, value: "application/json"))
            #expect(try await client.send(.post, "/api/progress", json: #"{"lesson":"phases"}"#, as: cadet, headers: twoTypes).status == .unsupportedMediaType)
            var twoTokens = HTTPFields()
            twoTokens.append(HTTPField(name: HTTPField.Name("X-CSRF-Token")!, value: cadet.csrf))
            twoTokens.append(HTTPField(name: HTTPField.Name("X-CSRF-Token")!, value: cadet.csrf))
            #expect(try await client.send(.post, "/api/progress", json: #"{"lesson":"phases"}"#, as: cadet, csrf: false, headers: twoTokens).status == .forbidden)
        }
    }

    @Test("forms need the session's CSRF token")
    func csrfForm() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let boss = try await client.signIn("boss", Fixture.adminPassword)
            let missing = try await client.form("/app/admin/accounts", ["login": "eve", "name": "Eve", "role": "admin"], cookie: boss.cookie)
            #expect(missing.status == .forbidden)
            let forged = try await client.form("/app/sign-out", ["_csrf": "forged"], cookie: boss.cookie)
            #expect(forged.status == .forbidden)
            #expect(try await client.send(.get, "/api/me", as: boss).status == .ok)
        }
    }

    @Test("bodies over the limit get 413 and change nothing")
    func bodyLimit() async throws {
        let services = try await Fixture.services()
        try await buildApplication(services).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let padding = String(repeating: " ", count: 5000)
            let response = try await client.send(.post, "/api/progress", json: #"{"lesson":"phases"}"# + padding, as: cadet)
            #expect(response.status == .contentTooLarge)
            let account = try #require(try await services.store.account(login: "cadet1"))
            #expect(try await services.store.progress(accountID: account.id).isEmpty)
        }
    }

    @Test("the site is served from memory with ETag, 304 and gzip")
    func staticSite() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let page = try await client.send(.get, "/en/index.html")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            let etag = try #require(page.headers[.eTag])
            #expect(try await client.send(.get, "/en/index.html", headers: [.ifNoneMatch: etag]).status == .notModified)
            let gzipped = try await client.send(.get, "/en/index.html", headers: [.acceptEncoding: "gzip, br"])
            #expect(gzipped.headers[.contentEncoding] == "gzip")
            #expect(gzipped.body.readableBytes < page.body.readableBytes)
            #expect(try await client.send(.get, "/").text.contains("<title>root</title>"))
            #expect(try await client.send(.get, "/en/").text.contains("<title>home</title>"))
        }
    }

    @Test("static paths cannot leave the site", arguments: ["/../Package.swift", "/en/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/en/%2e%2e/index.html/..", "/course.json"])
    func traversal(path: String) async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let response = try await client.send(.get, path)
            #expect(response.status == .notFound)
        }
    }
}

@Suite("HTTP conventions")
struct HTTPConventionTests {
    @Test("a known path with another method gets 405 and an Allow header; an unknown path gets 404")
    func methodNotAllowed() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let wrong = try await client.send(.delete, "/api/attempts")
            #expect(wrong.status == .methodNotAllowed)
            #expect(wrong.headers[.allow] == "POST")
            let withParameter = try await client.send(.put, "/api/attempts/12")
            #expect(withParameter.status == .methodNotAllowed)
            #expect(withParameter.headers[.allow] == "GET")
            #expect(try await client.send(.get, "/api/nothing-here").status == .notFound)
        }
    }

    @Test("a malformed value names its field")
    func malformedValue() async throws {
        try await buildApplication(try await Fixture.services()).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let attempt = try await client.send(.post, "/api/attempts", json: #"{"assessment":"quiz:questions"}"#, as: cadet)
            let id = try #require(attempt.text.firstMatch(of: /"id":(\d+)/)?.output.1)
            let response = try await client.send(.post, "/api/attempts/\(id)/submission", json: #"{"answers":{"q-classify":{"prompt_type":"leading"}}}"#, as: cadet)
            #expect(response.status == .badRequest)
            // As openapi.yaml says: a submission's errors name the question in `field`.
            #expect(response.text.contains(#""field":"q-classify""#))
            #expect(response.text.contains("must be one of: invitation"))
        }
    }
}
