import Testing
@testable import SQLite

@Test func moduleLoads() {}
