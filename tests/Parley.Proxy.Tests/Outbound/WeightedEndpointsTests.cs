using Parley.Proxy.Config;
using Parley.Proxy.Outbound;

namespace Parley.Proxy.Tests.Outbound;

public sealed class WeightedEndpointsTests
{
    private static readonly ServiceEndpoint A = new("127.0.0.1", 1001);
    private static readonly ServiceEndpoint B = new("127.0.0.1", 1002, Weight: 3);
    private static readonly ServiceEndpoint Sick = new("127.0.0.1", 1003, Healthy: false);

    [Fact]
    public void Pick_NeverChoosesAnUnhealthyEndpoint()
    {
        var set = new WeightedEndpoints([A, Sick]);
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(A, set.Pick());
        }
    }

    [Fact]
    public void Pick_WithNothingHealthy_IsNull()
    {
        Assert.Null(new WeightedEndpoints([Sick]).Pick());
        Assert.Null(new WeightedEndpoints([Sick]).Pick([Sick]));
    }

    [Fact]
    public void Pick_AvoidsWhatWasTried_WhileAnotherIsLeft()
    {
        var set = new WeightedEndpoints([A, B, Sick]);
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(A, set.Pick([B]));
            Assert.Equal(B, set.Pick([A]));
        }
    }

    [Fact]
    public void Pick_WhenEveryEndpointWasTried_ChoosesAmongAllAgain()
    {
        var set = new WeightedEndpoints([A, B]);
        var seen = Enumerable.Range(0, 400).Select(_ => set.Pick([A, B])).ToHashSet();
        Assert.Equal([A, B], seen.OrderBy(e => e!.Port));
    }
}
