import AcademyCore
import AcademyStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A request the client got wrong: reported as a page to the browser (under `/app`) and as JSON to the
/// API, in the request's language either way. It carries what happened, not words: a stable `code`, and
/// the UI string (with its arguments) that says it, put in words only by `ServerPages.response(for:session:)`.
struct ClientError: Error, HTTPResponseError {
    var status: HTTPResponse.Status
    /// What API clients branch on: snake_case, never translated or reworded. By default the message
    /// key's name without `error_` (`error_attempt_closed` → `attempt_closed`), so renaming a key that
    /// does not state its code changes the API.
    var code: String
    /// The field at fault, if any.
    var field: String?
    /// For an API client's developer: a decoder's finding, in English. JSON only, never on a page.
    var detail: String?
    private let words: @Sendable (UIStrings) -> String

    init(
        _ status: HTTPResponse.Status, _ key: UIStrings.Key, _ arguments: [String: String] = [:], code: String? = nil, field: String? = nil,
        detail: String? = nil
    ) {
        self.status = status
        self.code = code ?? Self.code(for: key)
        self.field = field
        self.detail = detail
        words = { $0.format(key, arguments) }
    }

    /// An error whose message is more than one UI string (a sign-in refusal, an examination's missing
    /// prerequisites).
    init(_ status: HTTPResponse.Status, code: String, field: String? = nil, detail: String? = nil, message: @escaping @Sendable (UIStrings) -> String) {
        self.status = status
        self.code = code
        self.field = field
        self.detail = detail
        words = message
    }

    static func code(for key: UIStrings.Key) -> String {
        key.rawValue.hasPrefix("error_") ? String(key.rawValue.dropFirst("error_".count)) : key.rawValue
    }

    /// The message in the language of `strings`.
    func message(_ strings: UIStrings) -> String { words(strings) }

    /// The same error, its field changed (a page shows the message beside another field).
    func with(field: String?) -> ClientError {
        var copy = self
        copy.field = field
        return copy
    }

    /// Only for an error no middleware with the course's strings has seen (there is none today): the code
    /// stands in for the message rather than English written here.
    func response(from request: Request, context: some RequestContext) throws -> Response {
        APICoding.error(self, message: code)
    }
}

extension APICoding {
    /// A JSON error: `{"code": …, "message": …, "error": …, "field": …, "detail": …}`. `error` repeats
    /// `message`, for clients written before `code` and `message` existed.
    static func error(_ error: ClientError, strings: UIStrings) -> Response {
        self.error(error, message: error.message(strings))
    }

    fileprivate static func error(_ error: ClientError, message: String) -> Response {
        struct Body: Encodable { var code: String; var message: String; var error: String; var field: String?; var detail: String? }
        let body = Body(code: error.code, message: message, error: message, field: error.field, detail: error.detail)
        let data = (try? encoder.encode(body)) ?? Data()
        return Response(status: error.status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension ServerPages {
    /// How a client error reaches a person, the one place it is put in words: under `/app` a page in the
    /// site's layout with the way on, elsewhere JSON; either way in this request's language.
    func response(for error: ClientError, session: AcademyStore.Session?) -> Response {
        guard path.hasPrefix("/app") else { return APICoding.error(error, strings: strings) }
        return self.error(error.status, error.message(strings), session: session)
    }
}

// MARK: The domain's refusals as client errors

extension ClientError {
    /// No attempt may start now (409).
    init(_ refusal: AttemptPolicy.Refusal) {
        let code = switch refusal {
        case .alreadyPassed: "already_passed"
        case .noAttemptsLeft: "no_attempts_left"
        case .coolingDown: "cooling_down"
        }
        self.init(.conflict, code: code) { $0.refusal(refusal) }
    }

    /// A rubric's scores that cannot be recorded (400, field `scores`).
    init(_ error: Rubric.ScoreError) {
        let code = switch error {
        case .missing: "score_missing"
        case .unknown: "score_unknown"
        case .outOfScale: "score_out_of_scale"
        case .alwaysApplies: "score_always_applies"
        case .scoredAndNotApplicable: "score_both"
        }
        self.init(.badRequest, code: code, field: "scores") { $0.scoreError(error) }
    }

    /// A submission that cannot be graded: 410 when the course no longer has the assessment, else 400
    /// naming the question.
    init(_ error: SubmissionError) {
        switch error {
        case .assessmentRemoved:
            self.init(.gone, .errorAssessmentRemoved)
        case .notDrawn(let question):
            self.init(.badRequest, code: "answer_not_drawn", field: question) { $0.submissionError(error) }
        case .invalidAnswer(let question, let reason):
            let code = switch reason {
            case .wrongKind: "answer_wrong_kind"
            case .outOfRange: "answer_out_of_range"
            }
            self.init(.badRequest, code: code, field: question) { $0.submissionError(error) }
        }
    }

    /// A store's refusal: 404 for what does not exist, 409 for a conflict.
    init(_ error: StoreError, field: String? = nil) {
        switch error {
        case .duplicateLogin: self.init(.conflict, .loginTaken, field: field)
        case .unknownAccount(let login): self.init(.notFound, .unknownLogin, ["login": login], field: field)
        case .duplicateCohort: self.init(.conflict, .errorCodeTaken, field: field)
        case .unknownCohort(let code): self.init(.notFound, .errorNoCohort, ["code": code], field: field)
        case .enrolmentChanged: self.init(.conflict, .changedSincePreview, code: "enrolment_changed", field: field)
        case .lastAdministrator: self.init(.conflict, .lastAdminRefused, code: "last_administrator", field: field)
        case .durabilityNotConfirmed: self.init(.internalServerError, .errorStorage, field: field)
        }
    }

    /// A certification that cannot be changed.
    init(_ error: AcademyStore.CertificationError) {
        switch error {
        case .notFound: self.init(.notFound, .errorNoCertification)
        case .alreadyRevoked: self.init(.conflict, .errorAlreadyRevoked)
        case .selfAssessment: self.init(.forbidden, .errorSelfAssessment)
        }
    }
}

extension PasswordPolicy.Problem {
    /// The API's code for the broken rule.
    var code: String {
        switch self {
        case .tooShort: "password_too_short"
        case .tooLong: "password_too_long"
        case .sameAsCurrent: "password_same_as_current"
        case .personal: "password_personal"
        case .common: "password_common"
        }
    }
}
