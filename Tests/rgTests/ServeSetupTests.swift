import Glibc
import RouteGuideTransport
import Testing

@testable import rg

@Suite struct ServeSetupTests {
  @Test func connectionLimitLeavesRoomBelowTheOpenFileLimit() {
    var limit = rlimit()
    #expect(getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0)
    let expected = Int(clamping: min(limit.rlim_cur, 1 << 20)) - ServeSetup.reservedDescriptors
    #expect(ServeSetup.defaultMaxConnections() == max(1, expected))
  }

  @Test func optionsBecomeTheServersLimits() {
    let options = ServeOptions(
      maxConcurrentStreams: 9, maxMessageSize: 1000, maxConnections: 12,
      maxConnectionIdle: 2_000_000_000, minPingInterval: 3_000_000_000)
    let configuration = ServeSetup.configuration(options, gracePeriod: 7)
    #expect(configuration.maxConcurrentStreams == 9)
    #expect(configuration.maxReceiveMessageSize == 1000)
    #expect(configuration.gracePeriodNanoseconds == 7)
    #expect(configuration.maxConnections == 12)
    #expect(configuration.connectionPolicy.maxIdleNanoseconds == 2_000_000_000)
    #expect(configuration.connectionPolicy.minPingIntervalNanoseconds == 3_000_000_000)
    #expect(configuration.connectionPolicy.maxPingStrikes == 2)
  }

  @Test func connectionLimitDefaultsToTheOpenFileLimit() {
    let configuration = ServeSetup.configuration(ServeOptions(), gracePeriod: 1)
    #expect(configuration.maxConnections == ServeSetup.defaultMaxConnections())
  }

  @Test func threadsDefaultToTheProcessorsThisProcessMayUse() {
    #expect(ServeSetup.threadCount(ServeOptions(threads: 3)) == 3)
    let processors = ServeSetup.threadCount(ServeOptions())
    #expect(processors >= 1)
    #expect(processors <= Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  }
}
