import AcademyCore
import Foundation
import Hummingbird

/// What sign-in tells a person it refused: what happened, what another wrong password brings, and whom
/// to ask; on the form and in the JSON API alike, in the request's language.
extension SessionController {
    /// The sign-in page's message for a refusal: what happened, what follows another wrong password, and
    /// whom to ask.
    func refusalMessage(_ outcome: Outcome, strings: UIStrings) -> String {
        var sentences: [String] = []
        switch outcome {
        case .signedIn: return ""
        case .refused(let standing):
            sentences.append(strings[.wrongCredentials])
            if standing.failuresLeft == 0 {
                sentences.append(strings.format(.waitAfterWrong, ["wait": strings.duration(standing.wait), "next": strings.duration(standing.nextWait)]))
            } else if standing.failuresLeft <= 2 {
                let firstWait = strings.duration(services.configuration.signInLimits.firstDelay)
                sentences.append(strings.format(.attemptsLeft, ["count": String(standing.failuresLeft), "wait": firstWait]))
            }
        case .throttled(let seconds):
            sentences.append(strings.format(.tooManyAttempts, ["wait": strings.duration(TimeInterval(seconds))]))
        case .paused:
            sentences.append(strings[.signInPaused])
        }
        sentences.append(strings[.askForReset])
        return sentences.joined(separator: " ")
    }

    /// The JSON API's answer to a refused sign-in: the sign-in page's message, in the request's language,
    /// with a code (`wrong_credentials`, `too_many_attempts`, `sign_in_paused`) and `Retry-After` when there
    /// is a wait.
    func apiRefusal(_ outcome: Outcome, pages: ServerPages) -> Response {
        let message = refusalMessage(outcome, strings: pages.strings)
        var response: Response
        var wait: Int?
        switch outcome {
        case .refused(let standing):
            response = APICoding.error(ClientError(.unauthorized, code: "wrong_credentials") { _ in message }, strings: pages.strings)
            if standing.wait > 0 { wait = Self.seconds(standing.wait) }
        case .throttled(let seconds):
            response = APICoding.error(ClientError(.tooManyRequests, code: "too_many_attempts") { _ in message }, strings: pages.strings)
            wait = seconds
        case .paused(let seconds):
            response = APICoding.error(ClientError(.tooManyRequests, code: "sign_in_paused") { _ in message }, strings: pages.strings)
            wait = seconds
        case .signedIn:
            return Response(status: .ok)
        }
        if let wait { response.headers[.retryAfter] = String(wait) }
        return response
    }

    /// Whole seconds, rounded up, for `Retry-After`.
    static func seconds(_ interval: TimeInterval) -> Int { max(1, Int(interval.rounded(.up))) }
}

extension UIStrings {
    /// A wait in this language: seconds below a minute, else minutes rounded up.
    func duration(_ interval: TimeInterval) -> String {
        let seconds = SessionController.seconds(interval)
        if seconds < 60 { return seconds == 1 ? self[.durationSecond] : format(.durationSeconds, ["count": String(seconds)]) }
        let minutes = (seconds + 59) / 60
        return minutes == 1 ? self[.durationMinute] : format(.durationMinutes, ["count": String(minutes)])
    }
}
