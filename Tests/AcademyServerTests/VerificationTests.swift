import AcademyCore
@testable import AcademyServer
import AcademyStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Certificates and their verification")
struct VerificationTests {
    /// The fixture's course in English and Russian, with a programme of another track; `cadet1` holds the
    /// specialist certification. Russian strings are marked `«ru:key»` so a page shows its language.
    func services(publicURL: String? = nil, host: String = "127.0.0.1") async throws -> (AcademyServices, CertificationRecord) {
        let base = try await Fixture.services()
        var course = base.course
        course.languages = ["en", "ru"]
        course.strings["ru"] = Dictionary(uniqueKeysWithValues: UIStrings.Key.allCases.map { ($0.rawValue, "«ru:\($0.rawValue)»") })
        course.programmes.append(Programme(
            id: "in-service-specialist", title: "In-service <specialist>", track: "in-service",
            requires: Requirements(lessonsStudied: true), assessors: [], validityMonths: nil, renewal: nil
        ))
        var configuration = base.configuration
        configuration.publicURL = publicURL
        configuration.host = host
        let services = AcademyServices(configuration: configuration, store: base.store, course: course, site: base.site, openAPI: base.openAPI)
        let cadet = try #require(try await services.store.account(login: "cadet1"))
        let certification = try await services.store.issueCertification(
            accountID: cadet.id, programme: "specialist", expiresAt: nil, basis: [], foundingReason: "founding", grantedBy: nil, actor: "test")
        return (services, certification)
    }

    @Test("with a public URL, the certificate names it and carries its QR code")
    func certificateWithPublicURL() async throws {
        let (services, certification) = try await services(publicURL: "https://academy.example.kg/")
        try await buildApplication(services).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let page = try await client.send(.get, "/app/certificates/\(certification.code)", as: cadet)
            #expect(page.status == .ok)
            let address = "https://academy.example.kg/verify/\(certification.code)"
            #expect(page.text.contains("<code>\(address)</code>"))
            #expect(page.text.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr-code\""))
            #expect(page.text.contains("aria-label=\"«qr_code_label»\""))
            #expect(page.text.contains("<path fill=\"#000\" d=\"M4 4h7v1h-7z"))
            #expect(!page.text.contains("«verification_address_missing»"))
            #expect(!page.text.contains("127.0.0.1") && !page.text.contains("localhost"))
        }
    }

    @Test("without a public URL on a loopback address, the certificate says the address is not set and prints none")
    func certificateWithoutPublicURL() async throws {
        let (services, certification) = try await services()
        try await buildApplication(services).test(.router) { client in
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let page = try await client.send(.get, "/app/certificates/\(certification.code)", as: cadet)
            #expect(page.status == .ok)
            #expect(page.text.contains("<strong class=\"certificate-no-address\">«verification_address_missing»</strong>"))
            #expect(page.text.contains("<code>\(certification.code)</code>"))
            #expect(!page.text.contains("/verify/\(certification.code)"))
            #expect(!page.text.contains("<svg"))
        }
    }

    @Test("the verification address: the public URL, else the address the page was opened at unless it is a loopback one")
    func verificationSite() {
        func site(publicURL: String? = nil, host: String, authority: String?, secure: Bool = false) -> String? {
            CertificationController.verificationSite(
                configuration: ServerConfiguration(host: host, secureCookies: secure, publicURL: publicURL), authority: authority)
        }
        #expect(site(publicURL: "https://academy.mvd.kg//", host: "127.0.0.1", authority: "127.0.0.1:8080") == "https://academy.mvd.kg")
        #expect(site(host: "127.0.0.1", authority: "academy.lan:8080") == nil)
        #expect(site(host: "::1", authority: "academy.lan") == nil)
        #expect(site(host: "0.0.0.0", authority: "academy.lan:8080") == "http://academy.lan:8080")
        #expect(site(host: "0.0.0.0", authority: "academy.lan", secure: true) == "https://academy.lan")
        for loopback in ["127.0.0.1:8080", "localhost", "LOCALHOST:80", "[::1]:8080", "127.1.2.3", "app.localhost:8080"] {
            #expect(site(host: "0.0.0.0", authority: loopback) == nil, "\(loopback) was printed")
        }
        #expect(site(host: "0.0.0.0", authority: nil) == nil)
    }

    @Test("a code verifies with or without dashes, in any case, in the path or typed in the form",
          arguments: ["as printed", "without dashes", "in lower case", "in spaced lower-case groups"])
    func verifyTypedCode(_ typing: String) async throws {
        let (services, certification) = try await services()
        let code = certification.code
        let typed = switch typing {
        case "without dashes": code.replacingOccurrences(of: "-", with: "")
        case "in lower case": code.lowercased()
        case "in spaced lower-case groups": " " + code.replacingOccurrences(of: "-", with: " ").lowercased() + " "
        default: code
        }
        try await buildApplication(services).test(.router) { client in
            let path = typed.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "")
            let page = try await client.send(.get, "/verify/\(path)")
            #expect(page.status == .ok)
            #expect(page.text.contains("Aida &lt;b&gt;Cadet&lt;/b&gt;"))
            #expect(page.text.contains("Specialist &lt;interviewer&gt;"))
            #expect(page.text.contains("«status_valid»"))
            let query = typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let form = try await client.send(.get, "/verify?code=\(query)")
            #expect(form.status == .seeOther)
            #expect(form.headers[.location] == "verify/\(certification.code)?lang=en")
        }
    }

    @Test("an unknown code gets the site's page, 404, with the form and the code as typed; /verify alone is the form")
    func unknownCode() async throws {
        let (services, _) = try await services()
        try await buildApplication(services).test(.router) { client in
            for path in ["/verify/WRONG-%3Cb%3E", "/verify?code=wrong-%3Cb%3E", "/verify/AAAAA-BBBBB-CCCCC-DDDDD"] {
                let page = try await client.send(.get, path)
                #expect(page.status == .notFound, "\(path)")
                #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                #expect(page.text.contains("<link rel=\"stylesheet\""))
                #expect(page.text.contains("<h1>«verify_title»</h1>"))
                #expect(page.text.contains("role=\"alert\""))
                #expect(page.text.contains("<form class=\"stacked-form verify-form\" method=\"get\""))
                #expect(page.text.contains("name=\"code\""))
                #expect(!page.text.contains("<b>"), "the typed code is not escaped")
            }
            let typed = try await client.send(.get, "/verify?code=wrong-%3Cb%3E")
            #expect(typed.text.contains("value=\"wrong-&lt;b&gt;\""))
            let empty = try await client.send(.get, "/verify")
            #expect(empty.status == .ok)
            #expect(empty.text.contains("name=\"code\"") && !empty.text.contains("role=\"alert\""))
        }
    }

    @Test("every word of the verification pages follows the visitor's language: ?lang=, else the browser's")
    func verificationLanguage() async throws {
        let (services, certification) = try await services()
        try await buildApplication(services).test(.router) { client in
            let russian = try await client.send(.get, "/verify/\(certification.code)", headers: [.acceptLanguage: "ru-RU,ru;q=0.9,en;q=0.8"])
            #expect(russian.text.contains("<html lang=\"ru\">"))
            for key in ["verify_title", "holder", "programme_label", "issued_on", "expires_on", "status_label", "status_valid", "verification_code",
                        "verify_another", "verify_intro", "verify_button"] {
                #expect(russian.text.contains("«ru:\(key)»"), "\(key) is not in Russian")
            }
            #expect(!russian.text.contains("«verify"), "an English string on the Russian page")
            #expect(russian.text.contains("name=\"lang\" value=\"ru\""))
            let unknown = try await client.send(.get, "/verify?code=nope&lang=ru")
            #expect(unknown.status == .notFound && unknown.text.contains("«ru:verify_not_found»"))
            let chosen = try await client.send(.get, "/verify/\(certification.code)?lang=en", headers: [.acceptLanguage: "ru"])
            #expect(chosen.text.contains("<html lang=\"en\">") && chosen.text.contains("«verify_title»"))
            let other = try await client.send(.get, "/verify/\(certification.code)", headers: [.acceptLanguage: "de-DE, ky;q=0.5"])
            #expect(other.text.contains("<html lang=\"en\">"))
        }
    }

    @Test("Accept-Language: the highest weight the course has wins; order breaks ties; q=0 is refused")
    func acceptLanguage() {
        let languages = ["en", "ru", "ky"]
        #expect(ServerPages.preferredLanguage("ky-KG,ky;q=0.9,ru;q=0.8", among: languages) == "ky")
        #expect(ServerPages.preferredLanguage("de;q=1, en;q=0.5, ru;q=0.7", among: languages) == "ru")
        #expect(ServerPages.preferredLanguage("ru, en", among: languages) == "ru")
        #expect(ServerPages.preferredLanguage("ru;q=0, fr", among: languages) == nil)
        #expect(ServerPages.preferredLanguage(nil, among: languages) == nil)
    }

    @Test("a trainee's certification page: their track's programmes and those they hold, no empty headings, no double bullets")
    func traineeProgrammes() async throws {
        let (services, _) = try await services()
        try await buildApplication(services).test(.router) { client in
            let fresh = try #require(try await services.store.account(login: "cadet1"))
            let cadet = try await client.signIn("cadet1", Fixture.traineePassword)
            let page = try await client.send(.get, "/app/certifications", as: cadet)
            #expect(page.status == .ok)
            #expect(page.text.contains("<h3>Specialist &lt;interviewer&gt;</h3>") && page.text.contains("<h3>Instructor</h3>"))
            #expect(!page.text.contains("In-service &lt;specialist&gt;"), "a programme of another track is shown")
            #expect(!page.text.contains("«your_assessments»"), "an empty assessments heading")
            #expect(page.text.contains("<ul class=\"checklist\">") && !page.text.contains("•"))
            #expect(page.text.contains("<ul class=\"certifications\">"))

            // Holding the other track's certification shows it.
            _ = try await services.store.issueCertification(accountID: fresh.id, programme: "in-service-specialist", expiresAt: nil, basis: [],
                                                            foundingReason: "transfer", grantedBy: nil, actor: "test")
            let holding = try await client.send(.get, "/app/certifications", as: cadet)
            #expect(holding.text.contains("<h3>In-service &lt;specialist&gt;</h3>"))

            // Someone who holds nothing is told so, not shown an empty list.
            _ = try await services.store.createAccount(login: "newcomer", name: "Newcomer", role: .trainee, track: "pre-service",
                                                       passwordHash: try await Passwords(cost: 4).hash("newcomer-pass-1"), mustChangePassword: false)
            let newcomer = try await client.signIn("newcomer", "newcomer-pass-1")
            let empty = try await client.send(.get, "/app/certifications", as: newcomer)
            #expect(empty.text.contains("«no_certifications_yet»") && !empty.text.contains("class=\"certifications\""))
        }
    }
}
