using Parley.Core.Catalog;

namespace Parley.Core.Tests.Catalog;

public sealed class AliasCheckTests
{
    private static HealthCheck Check(string id, string status, string serviceId = "", string output = "") =>
        new() { Node = "n1", CheckID = id, Name = id, Status = status, ServiceID = serviceId, Output = output };

    [Fact]
    public void Evaluate_WorstOfTheServiceAndNodeChecks_IgnoringOtherServicesAndItself()
    {
        HealthCheck[] passing =
            [Check("serfHealth", HealthStatus.Passing), Check("ttl", HealthStatus.Passing, "web"),
            Check("other", HealthStatus.Critical, "db")];
        HealthCheck[] warning = [.. passing, Check("slow", HealthStatus.Warning, "web", "slow")];
        HealthCheck[] critical = [.. warning, Check("ttl2", HealthStatus.Critical, "web", "TTL expired")];
        HealthCheck[] nodeDown = [Check("serfHealth", HealthStatus.Critical, output: "gone"), Check("ttl", HealthStatus.Passing, "web")];
        HealthCheck[] self = [Check("alias", HealthStatus.Critical, "web"), Check("ttl", HealthStatus.Passing, "web")];

        Assert.Equal((HealthStatus.Passing, "All checks passing."), AliasCheck.Evaluate(passing, "alias", "web", true, "n1"));
        Assert.Equal(
            (HealthStatus.Warning, "Aliased check \"slow\" failing: slow"),
            AliasCheck.Evaluate(warning, "alias", "web", true, "n1"));
        Assert.Equal(
            (HealthStatus.Critical, "Aliased check \"ttl2\" failing: TTL expired"),
            AliasCheck.Evaluate(critical, "alias", "web", true, "n1"));
        Assert.Equal(HealthStatus.Critical, AliasCheck.Evaluate(nodeDown, "alias", "web", true, "n1").Status);
        Assert.Equal(HealthStatus.Passing, AliasCheck.Evaluate(self, "alias", "web", true, "n1").Status);
    }

    [Fact]
    public void Evaluate_MissingServiceIsCritical_ServiceWithoutChecksPasses()
    {
        Assert.Equal(
            (HealthStatus.Critical, "Service web could not be found on node n1"),
            AliasCheck.Evaluate([], "alias", "web", serviceExists: false, "n1"));
        Assert.Equal((HealthStatus.Passing, "No checks found."), AliasCheck.Evaluate([], "alias", "web", serviceExists: true, "n1"));
    }
}
