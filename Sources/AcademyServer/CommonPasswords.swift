/// The common-password list as a set, with the forms people type instead of a listed Cyrillic word: its
/// Latin transliterations ("parol") and its keys on the English layout ("gfhjkm"). Entries are lower case.
struct CommonPasswords: Sendable {
    private let entries: Set<String>

    /// Built once, on first use; `AcademyServices.init` touches it so that the cost (about 50 ms in a
    /// release build; 31,000 entries, about 4 MB) is paid at start-up, not by the first password change.
    static let shared = CommonPasswords(lists: [CommonPasswordList.zxcvbn, CommonPasswordList.academy])

    init(lists: [String]) {
        var entries = Set<String>(minimumCapacity: 40_000)
        for list in lists {
            for line in list.split(separator: "\n") where !line.hasPrefix("#") {
                let word = String(line)
                entries.insert(word)
                entries.insert(PasswordText.compact(word))
                guard PasswordText.hasCyrillic(word) else { continue }
                entries.formUnion(PasswordText.transliterations(of: word).map(PasswordText.compact))
                if let keys = PasswordText.englishLayoutKeys(for: word) { entries.insert(keys) }
            }
        }
        entries.remove("")
        self.entries = entries
    }

    var count: Int { entries.count }

    func contains(_ candidate: String) -> Bool { entries.contains(candidate) }
}

/// The text transformations the password rules compare through.
enum PasswordText {
    /// Lower case, letters and digits only: "Ala-Too 2024" → "alatoo2024".
    static func compact(_ text: String) -> String {
        // Most of the list is already lower-case ASCII letters and digits; checking bytes first keeps
        // loading it at start-up three times faster.
        if text.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }) { return text }
        return String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// Without the digits and symbols around the letters: "p@ssw0rd1234!" → "p@ssw0rd", "2024police!" → "police".
    static func trimmedToLetters(_ text: String) -> Substring {
        guard let first = text.firstIndex(where: \.isLetter), let last = text.lastIndex(where: \.isLetter) else { return "" }
        return text[first...last]
    }

    /// The letters that digits and symbols commonly stand for ("p@ssw0rd" → "password"); "1" is read both as
    /// "i" and as "l", so two readings come back.
    static func unleeted(_ text: Substring) -> [String] {
        let common: [Character: Character] = ["@": "a", "4": "a", "3": "e", "0": "o", "$": "s", "5": "s", "7": "t", "+": "t", "|": "l"]
        return ["i", "l"].map { one in
            String(text.map { character in character == "1" || character == "!" ? one : common[character] ?? character })
        }
    }

    static func hasCyrillic(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }
    }

    /// The word's Latin spellings under the four schemes people use in Kyrgyzstan and Russia: informal
    /// ("lyubov", "solnyshko"), passport-like ("liubov", "kh", "ts"), "j"-style ("ljubov") and Kyrgyz
    /// usage ("janym", "aibek"). Letters other than Cyrillic stay as they are.
    static func transliterations(of word: String) -> Set<String> {
        Set(transliterationSchemes.map { scheme in
            word.lowercased().map { scheme[$0] ?? String($0) }.joined()
        })
    }

    private static let transliterationSchemes: [[Character: String]] = {
        let base: [Character: String] = [
            "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "y",
            "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
            "х": "h", "ц": "c", "ч": "ch", "ш": "sh", "щ": "sch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
            "ң": "n", "ө": "o", "ү": "u", "һ": "h",
        ]
        let variants: [[Character: String]] = [
            [:],
            ["й": "i", "х": "kh", "ц": "ts", "щ": "shch", "ю": "iu", "я": "ia", "ң": "ng"],
            ["ж": "j", "й": "j", "щ": "sh", "ы": "i", "ю": "ju", "я": "ja", "ё": "yo"],
            ["ж": "j", "й": "i", "ц": "ts", "ё": "yo"],
        ]
        return variants.map { base.merging($0) { $1 } }
    }()

    /// The keys a Cyrillic word is typed with on the Russian layout, read on the English one: "пароль" →
    /// "gfhjkm". Nil for a word with a letter that layout lacks (the Kyrgyz ң, ө, ү).
    static func englishLayoutKeys(for word: String) -> String? {
        var keys = ""
        for character in word.lowercased() {
            if let key = russianToEnglishKeys[character] {
                keys.append(key)
            } else if hasCyrillic(String(character)) {
                return nil
            } else {
                keys.append(character)
            }
        }
        return keys
    }

    /// What was typed with the Russian layout on when the English one was meant: "йцукен" → "qwerty".
    static func typedOnEnglishLayout(_ text: String) -> String {
        String(text.lowercased().map { russianToEnglishKeys[$0] ?? $0 })
    }

    private static let russianToEnglishKeys: [Character: Character] = {
        let russian = Array("йцукенгшщзхъфывапролджэячсмитьбюё")
        let english = Array("qwertyuiop[]asdfghjkl;'zxcvbnm,.`")
        return Dictionary(uniqueKeysWithValues: zip(russian, english))
    }()
}
