using Parley.Core.Catalog;
using Parley.Core.Connect;

namespace Parley.Core.Tests.Connect;

public sealed class EndpointHealthTests
{
    [Fact]
    public void Evaluate_AllPassing_IsHealthyWithThePassingWeight()
    {
        Assert.Equal(new EndpointWeight(true, 3), EndpointHealth.Evaluate(["passing", "passing"], new ServiceWeights(3, 1)));
    }

    [Theory]
    [InlineData("critical")]
    [InlineData("maintenance")]
    public void Evaluate_AnyCriticalCheck_IsUnhealthy(string status)
    {
        Assert.False(EndpointHealth.Evaluate(["passing", status], new ServiceWeights()).Healthy);
    }

    [Fact]
    public void Evaluate_Warning_UsesTheWarningWeightAndStaysHealthy()
    {
        Assert.Equal(new EndpointWeight(true, 2), EndpointHealth.Evaluate(["warning"], new ServiceWeights(5, 2)));
    }

    [Fact]
    public void Evaluate_WarningInAnOnlyPassingSubset_IsUnhealthy()
    {
        Assert.False(EndpointHealth.Evaluate(["warning"], new ServiceWeights(), onlyPassing: true).Healthy);
        Assert.True(EndpointHealth.Evaluate(["passing"], new ServiceWeights(), onlyPassing: true).Healthy);
    }

    [Fact]
    public void Evaluate_ZeroWeight_IsUnhealthy()
    {
        Assert.False(EndpointHealth.Evaluate(["warning"], new ServiceWeights(1, 0)).Healthy);
    }

    [Fact]
    public void Evaluate_WeightsAreClampedAndNullMeansOne()
    {
        Assert.Equal(128, EndpointHealth.Evaluate([], new ServiceWeights(1000, 1)).Weight);
        Assert.Equal(1, EndpointHealth.Evaluate(["warning"], null).Weight);
    }
}
