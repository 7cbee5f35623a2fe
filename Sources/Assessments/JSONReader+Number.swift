/// Numbers: the RFC 8259 grammar, leading zeros refused, exact conversion of short decimals.
extension JSONReader {
    /// Reads a number per RFC 8259 section 6; exact fast path for short decimals, else the
    /// standard library's correctly rounded conversion.
    mutating func readNumber() throws(JSONError) -> JSONNumber {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard index < bytes.count, isDigit(bytes[index]) else { throw JSONError(.invalidNumber, at: index) }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count && isDigit(bytes[index]) { throw JSONError(.leadingZero, at: start) }
        } else {
            while index < bytes.count && isDigit(bytes[index]) {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(bytes[index] &- 0x30)
                } else {
                    exponent += 1
                }
                if mantissa != 0 { digits += 1 }
                index += 1
            }
        }
        var isInteger = true
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw JSONError(.invalidNumber, at: index)
            }
            while index < bytes.count && isDigit(bytes[index]) {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(bytes[index] &- 0x30)
                    exponent -= 1
                    if mantissa != 0 { digits += 1 }
                }
                index += 1
            }
        }
        var explicitExponent = 0
        var exponentOverflow = false
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            isInteger = false
            index += 1
            var exponentNegative = false
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw JSONError(.invalidNumber, at: index)
            }
            while index < bytes.count && isDigit(bytes[index]) {
                if explicitExponent < 100_000 {
                    explicitExponent = explicitExponent * 10 + Int(bytes[index] &- 0x30)
                } else {
                    exponentOverflow = true
                }
                index += 1
            }
            if exponentNegative { explicitExponent = -explicitExponent }
        }
        exponent += explicitExponent
        if digits <= 15 && !exponentOverflow && exponent >= -22 && exponent <= 22 {
            // Both operands are exact Doubles, so one IEEE multiply or divide rounds correctly.
            var value = Double(mantissa)
            if exponent < 0 {
                value /= powersOfTen[-exponent]
            } else if exponent > 0 {
                value *= powersOfTen[exponent]
            }
            return JSONNumber(value: negative ? -value : value, isIntegerLiteral: isInteger)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        let value = Double(text) ?? (negative ? -Double.infinity : Double.infinity)
        return JSONNumber(value: value, isIntegerLiteral: isInteger)
    }

    @inline(__always) func isDigit(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39
    }
}

/// 10^0 ... 10^22, all exactly representable as Doubles.
private let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]
