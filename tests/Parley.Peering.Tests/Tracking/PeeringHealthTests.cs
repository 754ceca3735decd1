namespace Parley.Peering.Tests.Tracking;

/// <summary>Consul's peering health rule behind the <c>peering.healthy</c> gauge (consul-compat 3.4).</summary>
public sealed class PeeringHealthTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    private static readonly PeeringStreamStatus Up = new() { Connected = true, ConnectedAt = T0, LastAck = T0, LastReceiveSuccess = T0 };

    [Fact]
    public void NeverConnected_IsUnhealthy() => Assert.False(new PeeringStreamStatus().IsHealthy(T0, Timeout));

    [Fact]
    public void Connected_IsHealthy() => Assert.True(Up.IsHealthy(T0.AddHours(1), Timeout));

    [Fact]
    public void Disconnected_TurnsUnhealthyOnlyAfterTheTimeout()
    {
        var down = Up with { Connected = false, DisconnectedAt = T0.AddMinutes(1) };

        Assert.True(down.IsHealthy(T0.AddMinutes(2), Timeout));
        Assert.False(down.IsHealthy(T0.AddMinutes(3).AddSeconds(1), Timeout));
    }

    [Fact]
    public void ANackNewerThanTheLastAck_TurnsUnhealthyAfterTheTimeout_AndAnAckHeals()
    {
        var nacked = Up with { LastNack = T0.AddMinutes(1) };

        Assert.True(nacked.IsHealthy(T0.AddMinutes(2), Timeout));
        Assert.False(nacked.IsHealthy(T0.AddMinutes(4), Timeout));
        Assert.True((nacked with { LastAck = T0.AddMinutes(3) }).IsHealthy(T0.AddMinutes(4), Timeout));
    }

    [Fact]
    public void AReceiveErrorNewerThanTheLastSuccess_TurnsUnhealthyAfterTheTimeout()
    {
        var failing = Up with { LastReceiveError = T0.AddMinutes(1) };

        Assert.True(failing.IsHealthy(T0.AddMinutes(2), Timeout));
        Assert.False(failing.IsHealthy(T0.AddMinutes(4), Timeout));
        Assert.True((failing with { LastReceiveSuccess = T0.AddMinutes(3) }).IsHealthy(T0.AddMinutes(4), Timeout));
    }
}
