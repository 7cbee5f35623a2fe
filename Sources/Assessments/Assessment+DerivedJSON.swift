extension Assessment {
    /// `{"soc_stock_0_30_t_ha":...,"flags":[...],"layers":[{"top_cm":..,"bottom_cm":..,"texture_class":..}]}`.
    public func appendDerived(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: #"{"soc_stock_0_30_t_ha":"#.utf8)
        if let stock = derived.socStock0to30 {
            JSONWriter.appendNumber(stock, to: &buffer)
        } else {
            JSONWriter.appendNull(to: &buffer)
        }
        key("flags", &buffer)
        appendStrings(derived.flags, to: &buffer)
        key("values_0_30", &buffer)
        appendValues0to30(to: &buffer)
        key("layers", &buffer)
        buffer.append(UInt8(ascii: "["))
        for (index, layer) in layers.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(contentsOf: #"{"top_cm":"#.utf8)
            JSONWriter.appendNumber(layer.top, to: &buffer)
            key("bottom_cm", &buffer)
            JSONWriter.appendNumber(layer.bottom, to: &buffer)
            key("texture_class", &buffer)
            if let texture = layer.textureClass {
                JSONWriter.appendString(texture, to: &buffer)
            } else {
                JSONWriter.appendNull(to: &buffer)
            }
            appendLayerThemes(layer, to: &buffer)
            buffer.append(UInt8(ascii: "}"))
        }
        buffer.append(contentsOf: "]}".utf8)
    }

    /// `,"pasture":{...}` for each block given, in catalog order, fields in catalog order.
    func appendBlocks(to buffer: inout [UInt8]) {
        for block in blocks {
            buffer.append(UInt8(ascii: ","))
            JSONWriter.appendKey(block.code, to: &buffer)
            buffer.append(UInt8(ascii: "{"))
            for (index, field) in block.fields.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                JSONWriter.appendKey(field.code, to: &buffer)
                switch field.value {
                case .number(let number): JSONWriter.appendNumber(number, to: &buffer)
                case .integer(let number): JSONWriter.appendInteger(number, to: &buffer)
                case .text(let text): JSONWriter.appendString(text, to: &buffer)
                case .bool(let flag): buffer.append(contentsOf: Array((flag ? "true" : "false").utf8))
                }
            }
            buffer.append(UInt8(ascii: "}"))
        }
    }

    /// `{"soc":8.4,...}`: the thickness-weighted 0-30 cm values.
    func appendValues0to30(to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "{"))
        for (index, entry) in derived.values0to30.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            JSONWriter.appendKey(entry.name, to: &buffer)
            JSONWriter.appendNumber(entry.value, to: &buffer)
        }
        buffer.append(UInt8(ascii: "}"))
    }

    /// A derived layer's `texture_scheme` (with a class) and salinity (with the extract's ions).
    func appendLayerThemes(_ layer: Layer, to buffer: inout [UInt8]) {
        if let scheme = layer.textureScheme {
            buffer.append(UInt8(ascii: ","))
            JSONWriter.appendKey("texture_scheme", to: &buffer)
            JSONWriter.appendString(scheme, to: &buffer)
        }
        guard let salinity = layer.salinity else { return }
        for (name, value) in [("salinity_type", salinity.type), ("salinity_degree", salinity.degree)] {
            buffer.append(UInt8(ascii: ","))
            JSONWriter.appendKey(name, to: &buffer)
            if let value { JSONWriter.appendString(value, to: &buffer) } else { JSONWriter.appendNull(to: &buffer) }
        }
        buffer.append(UInt8(ascii: ","))
        JSONWriter.appendKey("toxic_ions_cl_eq", to: &buffer)
        if let toxic = salinity.toxicIons {
            JSONWriter.appendNumber(toxic, to: &buffer)
        } else {
            JSONWriter.appendNull(to: &buffer)
        }
    }
}
