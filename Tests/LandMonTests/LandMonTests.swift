import Testing
@testable import LandMon

@Test func moduleLoads() {}
