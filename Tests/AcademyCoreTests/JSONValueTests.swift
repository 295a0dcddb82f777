import AcademyCore
import Foundation
import Testing

@Suite("The JSON parser for submissions")
struct JSONValueTests {
    @Test("valid documents parse to their values", arguments: [
        (#"{"a":[1,-2,3.5,1e2,true,false,null,"x"]}"#, JSONValue.object([.init("a", .array([.int(1), .int(-2), .double(3.5), .double(100), .bool(true), .bool(false), .null, .string("x")]))])),
        (" \t\r\n[ ] ", .array([])),
        ("{ }", .object([])),
        (#""\"\\\/\b\f\n\r\t""#, .string("\"\\/\u{8}\u{c}\n\r\t")),
        (#""\u0416\u0436 \ud83d\ude00 ok""#, .string("Жж 😀 ok")),
        (#""кыргыз тили""#, .string("кыргыз тили")),
        ("-0", .int(0)),
        ("9223372036854775807", .int(Int.max)),
        // Too large for Int: kept as a number, which no answer accepts.
        ("9223372036854775808", .double(9223372036854775808)),
        (#"{"a":1,"a":2}"#, .object([.init("a", .int(1)), .init("a", .int(2))])),
    ])
    func valid(text: String, expected: JSONValue) throws {
        #expect(try JSONValue.parse(text) == expected)
    }

    @Test("invalid documents are refused at the byte where they go wrong", arguments: [
        ("", 0), ("{", 1), (#"{"a"}"#, 4), (#"{"a":1,}"#, 7), ("[1,]", 3), ("[1 2]", 3), ("01", 1), ("1.", 2), ("1e", 2), ("-", 1),
        ("tru", 0), ("nul", 0), (#""abc"#, 4), ("\"a\u{1}\"", 2), (#""\x""#, 3), (#""\u12""#, 3), (#""\ud800""#, 7), (#""\udc00""#, 7),
        ("{} {}", 3), ("'a'", 0), ("1e400", 0), ("[1,2", 4),
    ])
    func invalid(text: String, offset: Int) {
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse(text) }
        do {
            _ = try JSONValue.parse(text)
        } catch {
            #expect(error.offset == offset, "\(error)")
        }
    }

    @Test("bytes that are not UTF-8 are refused inside strings")
    func invalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(throws: JSONValue.SyntaxError.self) { try bytes.withUnsafeBytes { try JSONValue.parse($0) } }
        let escaped: [UInt8] = Array(#""\n"#.utf8) + [0xFF, 0x22]
        #expect(throws: JSONValue.SyntaxError.self) { try escaped.withUnsafeBytes { try JSONValue.parse($0) } }
    }

    @Test("nesting is limited, so a body of brackets cannot exhaust the stack")
    func depth() throws {
        let allowed = String(repeating: "[", count: JSONValue.maximumDepth) + String(repeating: "]", count: JSONValue.maximumDepth)
        _ = try JSONValue.parse(allowed)
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse(deep) }
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse("[" + allowed + "]") }
    }

    @Test("whatever Foundation reads as a JSON object of strings, numbers and lists, this parser reads the same")
    func agreesWithFoundation() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "Ж", "\\\"", "\\\\", "\\n", "\\u00e9", "😀", " ", "/"]
        for _ in 0..<300 {
            var members: [String] = []
            for index in 0..<Int.random(in: 0...6, using: &generator) {
                let key = "k\(index)" + (0..<Int.random(in: 0...3, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
                let number = Int.random(in: -1_000_000...1_000_000, using: &generator)
                let value = ["\(number)", "[\(number),\(number / 7)]", "\"\(key)\"", "true", "null", "{\"x\":[]}"].randomElement(using: &generator)!
                members.append("\"\(key)\" : \(value)")
            }
            let text = "{" + members.joined(separator: ",") + "}"
            let ours = try JSONValue.parse(text)
            let theirs = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            guard case .object(let parsed) = ours else { Issue.record("not an object: \(text)"); continue }
            #expect(parsed.count == theirs.count, "\(text)")
            for (key, value) in parsed.map({ ($0.key, $0.value) }) {
                switch value {
                case .string(let string): #expect(theirs[key] as? String == string, "\(text)")
                case .int(let number): #expect((theirs[key] as? NSNumber)?.intValue == number, "\(text)")
                case .array(let values): #expect((theirs[key] as? [Any])?.count == values.count, "\(text)")
                case .bool(let truth): #expect((theirs[key] as? Bool) == truth, "\(text)")
                case .null: #expect(theirs[key] is NSNull, "\(text)")
                case .object(let inner): #expect((theirs[key] as? [String: Any])?.count == inner.count, "\(text)")
                case .double: Issue.record("no fractions were generated: \(text)")
                }
            }
        }
    }

    @Test("jsonLiteral writes strings that read back unchanged", arguments: [
        "plain-id_42", "", "a \"quoted\" word", "back\\slash", "line\nbreak\ttab\u{1}", "сессия 2026 – ж", "\u{2028}\u{2029}", "😀", "\u{7f}",
    ])
    func literal(text: String) throws {
        let written = jsonLiteral(text)
        #expect(try JSONValue.parse(written) == .string(text))
        #expect(try JSONDecoder().decode(String.self, from: Data(written.utf8)) == text)
    }

    @Test("answers are read from their JSON form, and anything else is refused with a reason", arguments: [
        (#"{"choice":2}"#, Answer.choice(2) as Answer?),
        (#"{"choices":[0,2]}"#, .choices([0, 2])),
        (#"{"truth":false}"#, .truth(false)),
        (#"{"order":[2,0,1]}"#, .order([2, 0, 1])),
        (#"{"matches":[]}"#, .matches([])),
        (#"{"prompt_type":"option-posing"}"#, .promptType(.optionPosing)),
        (#"{"choice":"2"}"#, nil), (#"{"choice":2.0}"#, nil), (#"{"choices":[0,"1"]}"#, nil), (#"{"choices":1}"#, nil),
        (#"{"truth":1}"#, nil), (#"{"prompt_type":"leading"}"#, nil), (#"{"choice":1,"truth":true}"#, nil), ("{}", nil),
        (#"{"guess":1}"#, nil), ("[1]", nil), (#"{"choice":99999999999999999999}"#, nil),
    ])
    func answers(text: String, expected: Answer?) throws {
        let json = try JSONValue.parse(text)
        if let expected {
            #expect(try Answer(json: json) == expected)
            // The same answer the Codable form gives, so the two readers cannot drift apart.
            #expect(try JSONDecoder().decode(Answer.self, from: Data(text.utf8)) == expected)
        } else {
            #expect(throws: Answer.FormatError.self) { try Answer(json: json) }
        }
    }

    @Test("a misspelt answer field is named in the refusal")
    func misspeltAnswerField() throws {
        let error = #expect(throws: Answer.FormatError.self) { try Answer(json: JSONValue.parse(#"{"choise":1}"#)) }
        #expect(error?.description.hasPrefix("'choise' is not an answer field") == true)
    }
}
