import AcademyCore
import Foundation

/// What sign-in tells a person it refused: what happened, what another wrong password brings, and whom
/// to ask; on the form in the page's language, in the JSON API in English like its other errors.
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

    /// The JSON API's message for a wrong password, in English like its other errors.
    static func apiMessage(_ standing: SignInThrottle.Standing, limits: SignInLimits) -> String {
        var message = "the login or password is not right"
        if standing.failuresLeft == 0 {
            message += "; wait \(englishDuration(standing.wait)) before trying again (after another wrong password, \(englishDuration(standing.nextWait)))"
        } else if standing.failuresLeft <= 2 {
            message += "; \(standing.failuresLeft) attempts left before a wait of \(englishDuration(limits.firstDelay))"
        }
        return message + "; your instructor or the Academy's administrator can reset your password"
    }

    static func apiMessage(_ outcome: Outcome) -> String {
        let ask = "; your instructor or the Academy's administrator can reset your password"
        switch outcome {
        case .throttled(let seconds):
            return "too many wrong passwords for this login from this address; try again in \(englishDuration(TimeInterval(seconds)))" + ask
        case .paused(let seconds):
            return "too many wrong passwords for this login from many addresses; until they age out (\(englishDuration(TimeInterval(seconds)))) "
                + "it accepts sign-in only from addresses that signed in to it before" + ask
        case .signedIn, .refused:
            return ""
        }
    }

    /// Whole seconds, rounded up, for `Retry-After`.
    static func seconds(_ interval: TimeInterval) -> Int { max(1, Int(interval.rounded(.up))) }

    static func englishDuration(_ interval: TimeInterval) -> String {
        let seconds = seconds(interval)
        if seconds < 60 { return seconds == 1 ? "1 second" : "\(seconds) seconds" }
        let minutes = (seconds + 59) / 60
        return minutes == 1 ? "1 minute" : "\(minutes) minutes"
    }
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
