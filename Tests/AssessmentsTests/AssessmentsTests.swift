import Testing
@testable import Assessments

@Test func moduleLoads() {}
