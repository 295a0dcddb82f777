import Foundation

/// Encodes a value to the bytes `JSONEncoder` gives with `.sortedKeys` and no other option, several
/// times faster: Foundation's encoder asks of every value whether it is a date, data, a URL or a decimal
/// (dynamic casts), which made `course.json` a twelfth of a large build. Values with such types, or with
/// non-finite numbers, are refused (`SortedJSONEncoder.Unsupported`), so a caller can fall back to
/// `JSONEncoder`; tests hold the two to the same bytes.
struct SortedJSONEncoder {
    struct Unsupported: Error {
        var type: String
    }

    func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let root = Slot()
        try encodeValue(value, into: root)
        var out: [UInt8] = []
        out.reserveCapacity(64 * 1024)
        root.node.write(to: &out)
        return out
    }
}

/// A JSON value being built. Objects and arrays are boxes, so that nested containers can fill them.
private enum Node {
    case null
    case bool(Bool)
    /// A number already formatted as JSON.
    case number(String)
    case string(String)
    case object(ObjectBox)
    case array(ArrayBox)

    func write(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let text): writeString(text, to: &out)
        case .object(let box):
            out.append(0x7B)
            // Keys in the order JSONEncoder's .sortedKeys gives: String comparison.
            for (index, member) in box.members.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { out.append(0x2C) }
                writeString(member.key, to: &out)
                out.append(0x3A)
                member.value.node.write(to: &out)
            }
            out.append(0x7D)
        case .array(let box):
            out.append(0x5B)
            for (index, slot) in box.items.enumerated() {
                if index > 0 { out.append(0x2C) }
                slot.node.write(to: &out)
            }
            out.append(0x5D)
        }
    }
}

/// A string as JSONEncoder writes one: quotes, backslashes and "/" escaped, control characters as
/// \b \f \n \r \t or \u00XX, everything else as it is.
private func writeString(_ text: String, to out: inout [UInt8]) {
    out.append(0x22)
    var text = text
    text.withUTF8 { bytes in
        var runStart = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x2F else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x2F: out.append(contentsOf: [0x5C, 0x2F])
            case 0x08: out.append(contentsOf: [0x5C, 0x62])
            case 0x0C: out.append(contentsOf: [0x5C, 0x66])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            default:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            }
            runStart = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }
    out.append(0x22)
}

private final class Slot {
    var node: Node = .null
}

private final class ObjectBox {
    var members: [String: Slot] = [:]
}

private final class ArrayBox {
    var items: [Slot] = []
}

private func formatted<T: BinaryInteger>(_ value: T) -> Node { .number(String(value)) }

private func formatted(_ value: Double) throws -> Node {
    guard value.isFinite else { throw SortedJSONEncoder.Unsupported(type: "non-finite number") }
    // As JSONEncoder writes a double: as Swift prints it, less a final ".0".
    var text = value.description
    if text.hasSuffix(".0") { text.removeLast(2) }
    return .number(text)
}

/// Encodes `value` into `slot`, refusing the types JSONEncoder treats specially.
private func encodeValue<T: Encodable>(_ value: T, into slot: Slot) throws {
    switch value {
    case is Date, is Data, is URL, is Decimal:
        throw SortedJSONEncoder.Unsupported(type: "\(T.self)")
    case let double as Double:
        slot.node = try formatted(double)
    case let float as Float:
        slot.node = try formatted(Double(float))
    default:
        try value.encode(to: NodeEncoder(slot: slot))
    }
}

/// The containers do not track their coding path: nothing here reports one, and building it for every
/// value was a cost of its own.
private struct NodeEncoder: Encoder {
    let slot: Slot
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: ObjectBox
        if case .object(let existing) = slot.node {
            box = existing
        } else {
            box = ObjectBox()
            slot.node = .object(box)
        }
        return KeyedEncodingContainer(KeyedContainer(box: box))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box: ArrayBox
        if case .array(let existing) = slot.node {
            box = existing
        } else {
            box = ArrayBox()
            slot.node = .array(box)
        }
        return UnkeyedContainer(box: box)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(slot: slot)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: ObjectBox
    var codingPath: [any CodingKey] { [] }

    private func slot(_ key: Key) -> Slot {
        slot(named: key.stringValue)
    }

    private func slot(named name: String) -> Slot {
        let slot = Slot()
        box.members[name] = slot
        return slot
    }

    mutating func encodeNil(forKey key: Key) throws { slot(key).node = .null }
    mutating func encode(_ value: Int8, forKey key: Key) throws { slot(key).node = formatted(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { slot(key).node = formatted(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { slot(key).node = formatted(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { slot(key).node = formatted(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { slot(key).node = formatted(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { slot(key).node = formatted(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { slot(key).node = formatted(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { slot(key).node = formatted(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { slot(key).node = try formatted(Double(value)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { slot(key).node = .bool(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { slot(key).node = .string(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { slot(key).node = formatted(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { slot(key).node = formatted(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { slot(key).node = try formatted(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encodeValue(value, into: slot(key))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(slot: slot(key)).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NodeEncoder(slot: slot(key)).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        NodeEncoder(slot: slot(named: "super"))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(slot: slot(key))
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let box: ArrayBox
    var codingPath: [any CodingKey] { [] }
    var count: Int { box.items.count }

    private func next() -> Slot {
        let slot = Slot()
        box.items.append(slot)
        return slot
    }

    mutating func encodeNil() throws { next().node = .null }
    mutating func encode(_ value: Int8) throws { next().node = formatted(value) }
    mutating func encode(_ value: Int16) throws { next().node = formatted(value) }
    mutating func encode(_ value: Int32) throws { next().node = formatted(value) }
    mutating func encode(_ value: UInt) throws { next().node = formatted(value) }
    mutating func encode(_ value: UInt8) throws { next().node = formatted(value) }
    mutating func encode(_ value: UInt16) throws { next().node = formatted(value) }
    mutating func encode(_ value: UInt32) throws { next().node = formatted(value) }
    mutating func encode(_ value: UInt64) throws { next().node = formatted(value) }
    mutating func encode(_ value: Float) throws { next().node = try formatted(Double(value)) }
    mutating func encode(_ value: Bool) throws { next().node = .bool(value) }
    mutating func encode(_ value: String) throws { next().node = .string(value) }
    mutating func encode(_ value: Int) throws { next().node = formatted(value) }
    mutating func encode(_ value: Int64) throws { next().node = formatted(value) }
    mutating func encode(_ value: Double) throws { next().node = try formatted(value) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try encodeValue(value, into: next())
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(slot: next()).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        NodeEncoder(slot: next()).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        NodeEncoder(slot: next())
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let slot: Slot
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { slot.node = .null }
    mutating func encode(_ value: Int8) throws { slot.node = formatted(value) }
    mutating func encode(_ value: Int16) throws { slot.node = formatted(value) }
    mutating func encode(_ value: Int32) throws { slot.node = formatted(value) }
    mutating func encode(_ value: UInt) throws { slot.node = formatted(value) }
    mutating func encode(_ value: UInt8) throws { slot.node = formatted(value) }
    mutating func encode(_ value: UInt16) throws { slot.node = formatted(value) }
    mutating func encode(_ value: UInt32) throws { slot.node = formatted(value) }
    mutating func encode(_ value: UInt64) throws { slot.node = formatted(value) }
    mutating func encode(_ value: Float) throws { slot.node = try formatted(Double(value)) }
    mutating func encode(_ value: Bool) throws { slot.node = .bool(value) }
    mutating func encode(_ value: String) throws { slot.node = .string(value) }
    mutating func encode(_ value: Int) throws { slot.node = formatted(value) }
    mutating func encode(_ value: Int64) throws { slot.node = formatted(value) }
    mutating func encode(_ value: Double) throws { slot.node = try formatted(value) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try encodeValue(value, into: slot)
    }
}
