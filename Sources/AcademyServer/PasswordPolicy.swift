import AcademyCore
import Foundation

/// What a new password must be, after NIST SP 800-63B (5.1.1.2): at least 12 characters and at most 128,
/// no rules about kinds of characters (they push people to `Password1!`), and not a password an attacker
/// tries first: the account's current or one-time password, its login or the person's name, a common
/// password, or a sequence or repetition, also with digits and symbols around it ("password1234",
/// "P@ssw0rd!!!!") or typed with the other keyboard layout ("йцукен123456").
struct PasswordPolicy: Sendable {
    static let minimumLength = Account.minimumPasswordLength
    /// Far above any passphrase, low enough that no one pastes a document. bcrypt reads only the first
    /// 72 bytes (36 Cyrillic letters); the rest still has to be typed, so it is harmless.
    static let maximumLength = 128

    enum Problem: Error, Sendable, Equatable, CaseIterable {
        case tooShort, tooLong, sameAsCurrent, personal, common
    }

    let common: CommonPasswords

    init(common: CommonPasswords = .shared) {
        self.common = common
    }

    /// Characters as NIST counts them: Unicode code points after canonical composition, so "й" typed as
    /// one key or as "и" plus a breve counts once.
    static func length(_ password: String) -> Int {
        password.precomposedStringWithCanonicalMapping.unicodeScalars.count
    }

    /// The first rule the password breaks, or nil when it may be used.
    func problem(with password: String, current: String, login: String, name: String) -> Problem? {
        let length = Self.length(password)
        if length < Self.minimumLength { return .tooShort }
        if length > Self.maximumLength { return .tooLong }
        let compact = PasswordText.compact(password)
        if password == current || (!compact.isEmpty && compact == PasswordText.compact(current)) { return .sameAsCurrent }
        let forms = Self.guessableForms(of: password)
        let personal = Self.personalForms(login: login, name: name)
        let pieces = forms.compactMap(Self.repeatedPiece)
        if forms.contains(where: personal.contains) || pieces.contains(where: personal.contains) { return .personal }
        if forms.contains(where: { common.contains($0) || Self.isSequence($0) }) { return .common }
        if pieces.contains(where: { $0.count <= 4 || common.contains($0) }) { return .common }
        return nil
    }

    /// The password as an attacker's list would spell it: lower case; without separators; without the
    /// digits and symbols around its letters; with look-alike digits read as letters; and a Cyrillic
    /// form also transliterated and as typed on the English layout.
    static func guessableForms(of password: String) -> Set<String> {
        let lower = password.lowercased()
        let trimmed = PasswordText.trimmedToLetters(lower)
        var forms: Set<String> = [lower, PasswordText.compact(lower), String(trimmed), PasswordText.compact(String(trimmed))]
        for reading in PasswordText.unleeted(trimmed) { forms.insert(PasswordText.compact(reading)) }
        for form in forms where PasswordText.hasCyrillic(form) {
            let typed = PasswordText.typedOnEnglishLayout(form)
            forms.insert(typed)
            forms.insert(String(PasswordText.trimmedToLetters(typed)))
            forms.formUnion(PasswordText.transliterations(of: form))
        }
        forms.remove("")
        return forms
    }

    /// The login and the name, whole and word by word (words of three letters or more), with Cyrillic
    /// names also transliterated: "Айгерим Сыдыкова" → "айгеримсыдыкова", "айгерим", "aigerim", "sydykova"...
    static func personalForms(login: String, name: String) -> Set<String> {
        var forms: Set<String> = [login.lowercased(), PasswordText.compact(login), PasswordText.compact(String(PasswordText.trimmedToLetters(login.lowercased())))]
        let words = name.lowercased().split { !$0.isLetter }.map(String.init)
        forms.insert(words.joined())
        forms.insert(words.reversed().joined())
        forms.formUnion(words.filter { $0.count >= 3 })
        for form in forms where PasswordText.hasCyrillic(form) { forms.formUnion(PasswordText.transliterations(of: form)) }
        forms.remove("")
        return forms
    }

    /// The piece a form repeats, if it is one piece said again and again: "abc" for "abcabcabcabc",
    /// "qwerty" for "qwertyqwerty". A short piece, a common password or the person's name repeated is no
    /// stronger than once. Forms shorter than six characters (the letters left between digits) are not
    /// judged by this.
    static func repeatedPiece(of form: String) -> String? {
        let characters = Array(form)
        guard characters.count >= 6 else { return nil }
        for period in 1...(characters.count / 2) where characters.count % period == 0 {
            if (period..<characters.count).allSatisfy({ characters[$0] == characters[$0 - period] }) {
                return String(characters[0..<period])
            }
        }
        return nil
    }

    /// Alphabet, digit and keyboard runs, forwards or backwards, also wrapping round: "abcdefghijkl",
    /// "098765432109", "qwertyuiopas", "йцукенгшщзхъ".
    static func isSequence(_ form: String) -> Bool {
        form.count >= 6 && sequences.contains { $0.contains(form) }
    }

    private static let sequences: [String] = {
        let runs = [
            "abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
            "абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "йцукенгшщзхъфывапролджэячсмитьбю",
        ]
        return runs.flatMap { run in [run + run, String((run + run).reversed())] }
    }()
}

extension UIStrings {
    /// The message for a broken password rule, naming the field.
    func passwordProblem(_ problem: PasswordPolicy.Problem) -> String {
        switch problem {
        case .tooShort: self[.passwordTooShort]
        case .tooLong: self[.passwordTooLong]
        case .sameAsCurrent: self[.passwordSameAsCurrent]
        case .personal: self[.passwordPersonal]
        case .common: self[.passwordCommon]
        }
    }
}
