import AcademyCore
import ArgumentParser
import Foundation
import SiteBuilder

struct Translations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translations", abstract: "Show how far each language is translated, and stamp updated translations.",
        subcommands: [Status.self, Stamp.self]
    )

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Coverage per language and kind: translated, stale, machine-assisted, reviewed.")

        @OptionGroup var options: ContentOptions

        @Option(help: "Only this language (ru, ky).")
        var lang: String?

        @Flag(help: "Print the figures as one JSON object.")
        var json = false

        func validate() throws {
            try options.requireCurriculum()
        }

        func run() async throws {
            let result: Result<TranslationCoverage, ContentError>
            do { result = .success(try await SiteBuilder(root: options.rootURL).translationCoverage()) } catch { result = .failure(error) }
            guard case .success(let coverage) = result else {
                if case .failure(let error) = result { printDiagnostics(error.diagnostics) }
                FileHandle.standardError.write(Data("the content has problems: fix them first (academy check)\n".utf8))
                throw ExitCode(1)
            }
            var languages = coverage.languages
            if let lang {
                guard let rows = languages[lang] else {
                    throw ValidationError("'\(lang)' is not a translated language of this course (\(languages.keys.sorted().joined(separator: ", ")))")
                }
                languages = [lang: rows]
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                printLine(String(decoding: try encoder.encode(TranslationCoverage.Languages(languages: languages)), as: UTF8.self))
                return
            }
            for (language, rows) in languages.sorted(by: { $0.key < $1.key }) {
                printLine("\(language)")
                printLine("  kind         translated        words            stale  machine-assisted  reviewed")
                for row in rows {
                    let share = row.total == 0 ? 100 : row.translated * 100 / row.total
                    let wordShare = row.words == 0 ? (row.total == 0 ? 100 : share) : row.wordsTranslated * 100 / row.words
                    printLine(
                        "  " + row.kind.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                            + " \("\(row.translated)/\(row.total)".leftPadded(9)) \("\(share)%".leftPadded(5))"
                            + " \("\(row.wordsTranslated)/\(row.words)".leftPadded(13)) \("\(wordShare)%".leftPadded(4))"
                            + " \(String(row.stale).leftPadded(6)) \(String(row.machineAssisted).leftPadded(17)) \(String(row.reviewed).leftPadded(9))"
                    )
                }
            }
        }
    }

    struct Stamp: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that a translation matches its English as it is now (after updating it).",
            discussion: "Writes source_hash into the file (per question or criterion in an overlay). Stamp only a translation you have checked against the current English."
        )

        @OptionGroup var options: ContentOptions

        @Argument(help: "Translation files, relative to the content folder (e.g. Curriculum/modules/05-question-types/01-five-prompt-types.ru.md).")
        var paths: [String] = []

        @Flag(help: "Stamp every translation file.")
        var all = false

        func validate() throws {
            try options.requireCurriculum()
            if paths.isEmpty && !all { throw ValidationError("name the translation files to stamp, or pass --all") }
        }

        func run() throws {
            let stamper = TranslationStamper(root: options.rootURL)
            let files = all ? stamper.translationFiles() : paths.map { $0.hasPrefix("./") ? String($0.dropFirst(2)) : $0 }
            var failed = false
            for path in files {
                do {
                    let count = try stamper.stamp(path)
                    printLine("\(path): \(count) stamped")
                } catch {
                    FileHandle.standardError.write(Data("\(error)\n".utf8))
                    failed = true
                }
            }
            if failed { throw ExitCode(1) }
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
