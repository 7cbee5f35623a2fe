extension JSONWriter {
    /// Re-indents compact JSON bytes (two spaces per level) for `?pretty`, without parsing
    /// into a tree: strings are copied through untouched.
    public static func prettyPrinted(_ compact: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(compact.count + compact.count / 2)
        var level = 0
        var inString = false
        var escaped = false
        var index = 0
        func newline(_ output: inout [UInt8], _ level: Int) {
            output.append(0x0A)
            for _ in 0..<(level * 2) { output.append(0x20) }
        }
        while index < compact.count {
            let byte = compact[index]
            index += 1
            if inString {
                output.append(byte)
                if escaped {
                    escaped = false
                } else if byte == 0x5C {
                    escaped = true
                } else if byte == 0x22 {
                    inString = false
                }
                continue
            }
            switch byte {
            case 0x22:
                inString = true
                output.append(byte)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                output.append(byte)
                let closer: UInt8 = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if index < compact.count && compact[index] == closer {
                    output.append(closer)
                    index += 1
                } else {
                    level += 1
                    newline(&output, level)
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                level -= 1
                newline(&output, level)
                output.append(byte)
            case UInt8(ascii: ","):
                output.append(byte)
                newline(&output, level)
            case UInt8(ascii: ":"):
                output.append(byte)
                output.append(0x20)
            case 0x20, 0x0A, 0x0D, 0x09:
                continue
            default:
                output.append(byte)
            }
        }
        output.append(0x0A)
        return output
    }
}
