import Foundation
import Messages

extension Configuration {
    /// Sets one key from a JSON value or an environment/flag string, checking its type and range.
    mutating func set(_ key: String, to raw: Any, source: Message) throws {
        func fail(_ problem: String, _ arguments: [String: String] = [:]) -> ConfigurationError {
            ConfigurationError(source: source, key: key, problem: Message("configuration." + problem, arguments))
        }
        func string() throws -> String {
            if let text = raw as? String, !text.isEmpty { return text }
            throw fail("string")
        }
        func number(_ range: ClosedRange<Double>) throws -> Double {
            let value: Double?
            // Foundation on Linux bridges 0 and 1 to Bool too, so numbers are read as NSNumber only.
            if let text = raw as? String { value = Double(text) } else { value = (raw as? NSNumber)?.doubleValue }
            guard let value, value.isFinite, range.contains(value) else {
                throw fail("number", ["min": "\(range.lowerBound)", "max": "\(range.upperBound)"])
            }
            return value
        }
        func integer(_ range: ClosedRange<Int>) throws -> Int {
            let bounds = Double(range.lowerBound)...Double(range.upperBound)
            guard let value = try? number(bounds), value == value.rounded() else {
                throw fail("integer", ["min": "\(range.lowerBound)", "max": "\(range.upperBound)"])
            }
            return Int(value)
        }
        func boolean() throws -> Bool {
            if let text = raw as? String {
                switch text.lowercased() {
                case "1", "true", "yes", "on": return true
                case "0", "false", "no", "off": return false
                default: throw fail("boolean")
                }
            }
            if let flag = raw as? Bool { return flag }
            throw fail("boolean")
        }
        func list() throws -> [String] {
            if let items = raw as? [String] { return items }
            if let text = raw as? String {
                return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
            }
            throw fail("list")
        }
        switch key {
        case "host": host = try string()
        case "port": port = try integer(0...65535)
        case "database", "db": database = try string()
        case "schema_directory": schemaDirectory = try string()
        case "messages_directory": messagesDirectory = try string()
        case "migrations_directory": migrationsDirectory = try string()
        case "public_read": publicRead = try boolean()
        case "public_read_ogc": publicReadOGC = try boolean()
        case "public_coordinate_decimals":
            if raw is NSNull || (raw as? String)?.lowercased() == "null" {
                publicCoordinateDecimals = nil
            } else {
                publicCoordinateDecimals = try integer(0...15)
            }
        case "public_base_url":
            let value = try string()
            guard let url = URL(string: value), ["http", "https"].contains(url.scheme ?? ""), url.host != nil,
                url.query == nil, url.fragment == nil
            else { throw fail("base_url") }
            publicBaseURL = value.hasSuffix("/") ? String(value.dropLast()) : value
        case "cors_origins": corsOrigins = try list()
        case "synchronous":
            let value = try string().lowercased()
            guard ["full", "normal", "off"].contains(value) else { throw fail("synchronous") }
            synchronous = value
        case "reader_connections": readerConnections = try integer(1...64)
        case "writer_cache_mb": writerCacheMB = try integer(1...65536)
        case "reader_cache_mb": readerCacheMB = try integer(1...65536)
        case "worker_threads": workerThreads = try integer(0...1024)
        case "query_timeout_ms": queryTimeoutMilliseconds = try integer(1...600_000)
        case "max_connections": maxConnections = try integer(1...1_000_000)
        case "header_timeout_s": headerTimeoutSeconds = try number(0.1...3600)
        case "body_timeout_s": bodyTimeoutSeconds = try number(0.1...3600)
        case "idle_timeout_s": idleTimeoutSeconds = try number(0.1...86400)
        case "write_timeout_s": writeTimeoutSeconds = try number(0.1...3600)
        case "shutdown_deadline_s": shutdownDeadlineSeconds = try number(0...3600)
        case "max_body_bytes": maxBodyBytes = try integer(1024...(1 << 30))
        case "max_batch_body_bytes": maxBatchBodyBytes = try integer(1024...(1 << 34))
        case "max_batch_documents": maxBatchDocuments = try integer(1...1_000_000)
        case "rate_limit_per_minute": rateLimitPerMinute = try integer(0...100_000_000)
        case "idempotency_retention_hours": idempotencyRetentionHours = try number(0...87600)
        case "changes_retention_days": changesRetentionDays = try number(1...365_000)
        case "ldn_minimum_sites": ldnMinimumSites = try integer(1...1_000_000)
        case "access_log": accessLog = try boolean()
        default: throw fail("unknown")
        }
    }
}
