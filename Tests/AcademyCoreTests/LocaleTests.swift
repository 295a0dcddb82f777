import AcademyCore
import Foundation
import Testing

/// The course's locale files as the tests read them: one `key: value` a line (values optionally in double
/// quotes), comments and blank lines skipped. The files use nothing more of YAML.
enum LocaleFile {
    static func values(_ path: String) throws -> [String: String] {
        let url = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path)
        var values: [String: String] = [:]
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            values[String(line[..<colon])] = value
        }
        return values
    }

    static func strings(_ language: String, in folder: String = "Curriculum/locales") throws -> UIStrings {
        UIStrings(language: language, values: try values("\(folder)/\(language).yaml"))
    }

    /// `{name}` placeholders of a value.
    static func placeholders(_ text: String) -> Set<String> {
        Set(text.matches(of: /\{([a-z_]+)\}/).map { String($0.output.1) })
    }
}

@Suite("UI strings")
struct LocaleTests {
    @Test("every locale file has every key, with the placeholders of the English value", arguments: [
        ("Curriculum/locales", "ru"), ("Curriculum/locales", "ky"), ("Tests/SiteBuilderTests/Fixtures/course/Curriculum/locales", "ru"),
    ])
    func placeholders(folder: String, language: String) throws {
        let english = try LocaleFile.values("\(folder)/en.yaml")
        let other = try LocaleFile.values("\(folder)/\(language).yaml")
        for key in UIStrings.Key.allCases {
            let en = try #require(english[key.rawValue], "en.yaml has no \(key.rawValue)")
            let value = try #require(other[key.rawValue], "\(language).yaml has no \(key.rawValue)")
            #expect(LocaleFile.placeholders(value) == LocaleFile.placeholders(en), "\(folder)/\(language).yaml: \(key.rawValue)")
        }
    }

    @Test("a refusal, a checklist line and a rubric result read in the reader's language")
    func domainMessages() throws {
        let ru = try LocaleFile.strings("ru"), en = try LocaleFile.strings("en")
        let opens = Date(timeIntervalSince1970: 1_800_000_000) // 2027-01-15 08:00 UTC, 14:00 in Bishkek
        // The day and time as each language writes them, in the Academy's time.
        let english = en.refusal(.coolingDown(until: opens))
        #expect(english.hasPrefix("the next attempt opens at January 15, 2027") && english.contains("2:00"), "\(english)")
        #expect(ru.refusal(.coolingDown(until: opens)).hasPrefix("Следующая попытка будет доступна с 15 января 2027"), "\(ru.refusal(.coolingDown(until: opens)))")
        #expect(ru.refusal(.coolingDown(until: opens)).contains("14:00"))
        #expect(en.refusal(.coolingDown(until: opens), timeZone: .gmt).contains("8:00"), "the server's time zone setting is not used")
        #expect(ru.refusal(.noAttemptsLeft(allowed: 3)).contains("3") && !ru.refusal(.alreadyPassed).contains("assessment"))
        #expect(ru.requirement(.lessons(studied: 2, total: 5)) == "изучено уроков: 2 из 5")
        #expect(ru.shortfall(.average(1.5, minimum: 2)) == "средний балл 1,50, ниже минимума 2,00")
        #expect(en.shortfall(.average(1.5, minimum: 2)) == "average 1.50, below 2.00")
    }

    @Test("the prompt types have one name each, the reviewed ones")
    func promptTypes() throws {
        let ru = try LocaleFile.strings("ru"), ky = try LocaleFile.strings("ky")
        #expect(PromptType.allCases.map(ru.promptType) == [
            "Открытое приглашение", "Приглашение с опорой на слова ребёнка", "Уточняющий вопрос", "Закрытый вопрос (да/нет или выбор)", "Наводящий вопрос",
        ])
        #expect(PromptType.allCases.map(ky.promptType) == [
            "Ачык суроо-сунуш", "Баланын сөзүнө таянган сунуш", "Тактоочу суроо", "Жабык суроо (ооба/жок же тандоо)", "Жетелөөчү суроо",
        ])
    }
}
