/// Why the store refused a change. The HTTP layer maps these to 4xx responses.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case duplicateLogin(String)
    case unknownAccount(String)
    case durabilityNotConfirmed(String)

    public var description: String {
        switch self {
        case .duplicateLogin(let login): "an account with the login '\(login)' already exists"
        case .unknownAccount(let login): "no account with the login '\(login)'"
        case .durabilityNotConfirmed(let mode): "SQLite reports synchronous=\(mode), not FULL: acknowledged writes would not survive a power cut"
        }
    }
}
