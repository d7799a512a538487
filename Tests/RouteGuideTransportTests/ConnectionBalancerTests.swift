import Testing

@testable import RouteGuideTransport

/// Where a ServerGroup places each new connection.
@Suite struct ConnectionBalancerTests {
  @Test func connectionsGoToTheLoopWithTheFewest() {
    let balancer = ConnectionBalancer(loops: 3, maxConnections: 100)
    let first = (0..<6).map { _ in balancer.place().loop }
    #expect(balancer.connectionCounts == [2, 2, 2])
    #expect(Set(first.prefix(3)) == [0, 1, 2])
    balancer.connectionEnded(on: 1)
    balancer.connectionEnded(on: 1)
    #expect(balancer.place() == .init(loop: 1, mustMakeRoom: false))
    #expect(balancer.place() == .init(loop: 1, mustMakeRoom: false))
    #expect(balancer.connectionCounts == [2, 2, 2])
  }

  @Test func tiesTakeTurns() {
    let balancer = ConnectionBalancer(loops: 2, maxConnections: 100)
    var loops: [Int] = []
    for _ in 0..<4 {
      let loop = balancer.place().loop
      loops.append(loop)
      balancer.connectionEnded(on: loop)
    }
    // Each connection closes before the next: a fixed tie-break would pick loop 0 each time.
    #expect(Set(loops) == [0, 1])
  }

  @Test func atTheLimitTheConnectionGoesWhereAnIdleOneCanBeClosed() {
    let balancer = ConnectionBalancer(loops: 2, maxConnections: 4)
    for _ in 0..<4 { _ = balancer.place() }
    balancer.setHasIdle(false, on: 0)
    balancer.setHasIdle(true, on: 1)
    for _ in 0..<3 {
      #expect(balancer.place() == .init(loop: 1, mustMakeRoom: true))
      // The loop closed its idle connection (or the new one): one of them is gone.
      balancer.connectionEnded(on: 1)
    }
    balancer.setHasIdle(false, on: 1)
    let refused = balancer.place()
    #expect(refused.mustMakeRoom)
    balancer.connectionEnded(on: refused.loop)
    #expect(balancer.connectionCounts.reduce(0, +) == 4)
  }

  @Test func aCountNeverGoesBelowZero() {
    let balancer = ConnectionBalancer(loops: 2, maxConnections: 1)
    balancer.connectionEnded(on: 0)
    #expect(balancer.connectionCounts == [0, 0])
    #expect(balancer.place() == .init(loop: 0, mustMakeRoom: false))
  }
}
