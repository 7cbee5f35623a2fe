extension ValidationRun {
    /// One optional thematic block, checked field by field against its catalog definition: the one
    /// mechanism for every block, so that a field is added by editing `blocks.json`.
    mutating func block(_ block: Block, _ value: JSONValue) -> BlockValues? {
        let path = "/" + block.code
        guard let members = object(value, path, block.code) else { return nil }
        var result: [BlockFieldValue] = []
        var dates: [String: (text: String, day: Int)] = [:]
        var valid = true
        for field in block.fields {
            let fieldPath = path + "/" + field.code
            let name = block.code + "." + field.code
            guard let member = members.first(where: { $0.key == field.code }) else {
                if field.isRequired { report(fieldPath, .required, "validation.required", ["field": name]) }
                continue
            }
            var checked: BlockFieldValue.Value?
            switch field.kind {
            case .number:
                checked = number(member.value, fieldPath, name, in: field.min!...field.max!).map { .number($0) }
            case .integer:
                checked = integer(member.value, fieldPath, name, in: Int(field.min!)...Int(field.max!)).map {
                    .integer($0)
                }
            case .code:
                checked = code(member.value, fieldPath, name, list: field.codes).map { .text($0) }
            case .boolean:
                if case .bool(let flag) = member.value.storage {
                    checked = .bool(flag)
                } else {
                    report(fieldPath, .type, "validation.not_boolean", ["field": name, "type": member.value.typeName])
                }
            case .date:
                if let text = date(member.value, fieldPath, name), let day = CivilDate.dayNumber(of: text) {
                    dates[field.code] = (text, day)
                    checked = .text(text)
                }
            }
            if let checked {
                result.append(BlockFieldValue(code: field.code, value: checked))
            } else {
                valid = false
            }
        }
        for field in block.fields {
            guard let other = field.notBefore, let this = dates[field.code], let earlier = dates[other],
                this.day < earlier.day
            else { continue }
            report(
                path + "/" + field.code, .inconsistent, "validation.date_before_other",
                [
                    "field": block.code + "." + field.code, "value": this.text, "other": block.code + "." + other,
                    "other_value": earlier.text,
                ])
            valid = false
        }
        for member in members where block.field(member.key) == nil {
            unknownField(member.key, in: path)
            valid = false
        }
        return valid ? BlockValues(code: block.code, fields: result) : nil
    }
}
