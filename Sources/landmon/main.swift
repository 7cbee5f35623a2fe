import Foundation
import LandMon
import Messages

// The executable: command-line parsing and nothing else. The work is in LandMon.Commands.

/// The usage text, in the terminal's language.
let usage = Commands.text(Message("cli.usage"))

/// Parsed arguments: positional words and `--name value` options (`--flag` alone is "true").
struct Arguments {
    var words: [String] = []
    var options: [String: String] = [:]

    init(_ raw: [String], flags: Set<String>) throws {
        var index = 0
        while index < raw.count {
            let item = raw[index]
            if item.hasPrefix("--") {
                var name = String(item.dropFirst(2))
                var value: String?
                if let equals = name.firstIndex(of: "=") {
                    value = String(name[name.index(after: equals)...])
                    name = String(name[..<equals])
                }
                if value == nil {
                    if flags.contains(name) {
                        value = "true"
                    } else {
                        index += 1
                        guard index < raw.count else {
                            throw CommandError.usage(Message("cli.needs_value", ["option": name]))
                        }
                        value = raw[index]
                    }
                }
                guard options[name] == nil else {
                    throw CommandError.usage(Message("cli.given_twice", ["option": name]))
                }
                options[name] = value
            } else {
                words.append(item)
            }
            index += 1
        }
    }

    func only(_ allowed: Set<String>) throws {
        for name in options.keys.sorted() where !allowed.contains(name) {
            throw CommandError.usage(Message("cli.unknown_option", ["option": name]))
        }
    }
}

func run() -> Int32 {
    var raw = Array(CommandLine.arguments.dropFirst())
    guard let command = raw.first else {
        FileHandle.standardError.write(Data((usage + "\n").utf8))
        return 64
    }
    raw.removeFirst()
    do {
        let arguments = try Arguments(raw, flags: ["status", "dry-run"])
        let environment = ProcessInfo.processInfo.environment
        func configuration(_ allowed: Set<String>, settings: [String] = ["db", "host", "port"]) throws
            -> Configuration
        {
            try arguments.only(allowed.union(["config"]))
            var overrides: [String: String] = [:]
            for name in settings { if let value = arguments.options[name] { overrides[name] = value } }
            return try Configuration.load(
                file: arguments.options["config"], environment: environment, overrides: overrides)
        }
        switch command {
        case "serve":
            guard arguments.words.isEmpty else { throw CommandError.usage(Message("cli.serve_arguments")) }
            return try Commands.serve(configuration(["host", "port", "db"]))
        case "migrate":
            let config = try configuration(["db", "status"], settings: ["db"])
            return try Commands.migrate(config, statusOnly: arguments.options["status"] != nil)
        case "keys":
            let config = try configuration(["db", "name", "role", "country"], settings: ["db"])
            switch arguments.words.first {
            case "create":
                guard let name = arguments.options["name"], let role = arguments.options["role"] else {
                    throw CommandError.usage(Message("cli.keys_create"))
                }
                return try Commands.createKey(config, name: name, role: role, country: arguments.options["country"])
            case "list": return try Commands.listKeys(config)
            case "revoke":
                guard arguments.words.count == 2, let id = Int64(arguments.words[1]) else {
                    throw CommandError.usage(Message("cli.keys_revoke"))
                }
                return try Commands.revokeKey(config, id: id)
            default: throw CommandError.usage(Message("cli.keys_subcommand"))
            }
        case "seed":
            let config = try configuration(["db", "count"], settings: ["db"])
            guard let text = arguments.options["count"], let count = Int(text), count > 0 else {
                throw CommandError.usage(Message("cli.seed_count"))
            }
            return try Commands.seed(config, count: count)
        case "backup":
            let config = try configuration(["db", "to"], settings: ["db"])
            guard let target = arguments.options["to"] else { throw CommandError.usage(Message("cli.backup_to")) }
            return try Commands.backup(config, to: target)
        case "transfer":
            let config = try configuration(["from", "to"], settings: [])
            guard let source = arguments.options["from"], let target = arguments.options["to"] else {
                throw CommandError.usage(Message("cli.transfer_usage"))
            }
            return try Commands.transfer(config, from: source, to: target)
        case "import":
            try arguments.only(["key", "url", "dry-run"])
            guard arguments.words.count == 1, let key = arguments.options["key"] else {
                throw CommandError.usage(Message("cli.import_usage"))
            }
            return try Commands.importFile(
                path: arguments.words[0], key: key, url: arguments.options["url"] ?? "http://127.0.0.1:8080",
                dryRun: arguments.options["dry-run"] != nil)
        case "help", "--help", "-h":
            print(usage)
            return 0
        default:
            throw CommandError.usage(Message("cli.unknown_command", ["command": command]))
        }
    } catch let error as CommandError {
        FileHandle.standardError.write(Data("landmon: \(error)\n\n\(usage)\n".utf8))
        return 64
    } catch {
        FileHandle.standardError.write(Data("landmon: \(error)\n".utf8))
        return 1
    }
}

exit(run())
