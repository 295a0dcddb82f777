/// Why the store refused a change. The HTTP layer maps these to 4xx responses.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case duplicateLogin(String)
    case unknownAccount(String)
    case durabilityNotConfirmed(String)
    case duplicateCohort(String)
    case unknownCohort(String)
    /// Accounts changed between an enrolment's preview and its confirmation.
    case enrolmentChanged(String)
    /// Disabling this account would leave no active administrator.
    case lastAdministrator(String)

    public var description: String {
        switch self {
        case .duplicateLogin(let login): "an account with the login '\(login)' already exists"
        case .unknownAccount(let login): "no account with the login '\(login)'"
        case .duplicateCohort(let code): "a cohort with the code '\(code)' already exists"
        case .unknownCohort(let code): "no cohort with the code '\(code)'"
        case .lastAdministrator(let login): "'\(login)' is the last active administrator: enable or create another administrator first"
        case .enrolmentChanged(let why): "the accounts changed since the preview (\(why)); look at the new preview and confirm again"
        case .durabilityNotConfirmed(let mode): "SQLite reports synchronous=\(mode), not FULL: acknowledged writes would not survive a power cut"
        }
    }
}
