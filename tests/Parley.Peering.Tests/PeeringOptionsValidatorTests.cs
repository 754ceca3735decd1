namespace Parley.Peering.Tests;

public sealed class PeeringOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = new PeeringOptionsValidator().Validate(null, new PeeringOptions());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_TimeoutNotAboveInterval_NamesBothValues()
    {
        var options = new PeeringOptions { HeartbeatInterval = TimeSpan.FromSeconds(15), HeartbeatTimeout = TimeSpan.FromSeconds(10) };

        var result = new PeeringOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
            "Peering:HeartbeatTimeout (10s) must be greater than Peering:HeartbeatInterval (15s), " +
            "or every stream fails between two heartbeats.",
            Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEach()
    {
        var options = new PeeringOptions { DeletionBatchSize = 0, TokenTtl = TimeSpan.Zero, ExchangeBudget = TimeSpan.Zero };

        var result = new PeeringOptionsValidator().Validate(null, options);

        Assert.Equal(
            [
                "Peering:TokenTtl (0s) must be positive, or null for tokens that never expire.",
                "Peering:DeletionBatchSize (0) must be at least 1.",
                "Peering:ExchangeBudget (0s) must be positive.",
            ],
            result.Failures);
    }
}
