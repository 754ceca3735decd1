using Parley.Core.Peering.Doctor;

namespace Parley.Core.Tests.Peering;

/// <summary>The doctor's verdicts: each diagnosis names its own step, and nothing before it fails.</summary>
public sealed class PeeringDoctorTests
{
    private static readonly DoctorFacts Whole = DoctorFactsSamples.Whole;

    public static TheoryData<string, string, string> Diagnoses() => new()
    {
        { "no peering", "peering", "no peering named \"cluster-02\" here" },
        { "establish refused", "peering",
            "no peering named \"cluster-02\" here: the last establish was refused: x509: certificate signed by unknown authority" },
        { "expired", "peering", "EXPIRED: the token expired before the peer used it" },
        { "stream down", "stream", "dial tcp 127.0.0.1:1: connection refused" },
        { "no trust bundle", "trust-bundle", "no trust bundle from the peer yet" },
        { "no service", "service", "backend is neither registered here nor imported from cluster-02" },
        { "exported elsewhere", "exported", "exported to cluster-03, not cluster-02" },
        { "not exported", "exported", "backend is not exported" },
        { "no passing instance", "instances", "none of 2 instances passing" },
        { "no sidecar", "sidecar", "backend has no sidecar proxy" },
        { "intention denies", "intention", "denied by the intention cluster-02/* => backend" },
        { "no mesh gateway", "mesh-gateway", "no mesh gateway registered here" },
    };

    [Theory]
    [MemberData(nameof(Diagnoses))]
    public void Diagnose_OneThingWrong_NamesThatStepAndNothingEarlierFails(string what, string failingStep, string detail)
    {
        var facts = what switch
        {
            "no peering" => Whole with { State = null },
            "establish refused" => Whole with { State = null, LastEstablishError = "x509: certificate signed by unknown authority" },
            "expired" => Whole with { State = "EXPIRED" },
            "stream down" => Whole with { StreamHealthy = false, LastError = "dial tcp 127.0.0.1:1: connection refused" },
            "no trust bundle" => Whole with { TrustBundle = false },
            "no service" => Whole with { Instances = 0, PassingInstances = 0 },
            "exported elsewhere" => Whole with { ExportedTo = ["cluster-03"] },
            "not exported" => Whole with { ExportedTo = [] },
            "no passing instance" => Whole with { PassingInstances = 0 },
            "no sidecar" => Whole with { Sidecars = 0 },
            "intention denies" => Whole with
            {
                IntentionAllows = false,
                IntentionDetail = "denied by the intention cluster-02/* => backend",
            },
            "no mesh gateway" => Whole with { LocalMeshGateways = 0 },
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };

        var steps = PeeringDoctor.Diagnose(facts);

        var failed = Assert.Single(steps, s => s.Status == DoctorStep.Fail);
        Assert.Equal(failingStep, failed.ID);
        Assert.Equal(detail, failed.Detail);
        Assert.False(string.IsNullOrEmpty(failed.Fix));
        var index = steps.ToList().IndexOf(failed);
        Assert.All(steps.Take(index), s => Assert.Equal(DoctorStep.Pass, s.Status));
        Assert.All(steps.Skip(index + 1), s => Assert.Equal(DoctorStep.Skip, s.Status));
        Assert.False(PeeringDoctor.IsWhole(steps));
    }

    [Fact]
    public void Diagnose_WholePath_EveryStepPassesInTheIssuesOrder()
    {
        var steps = PeeringDoctor.Diagnose(Whole);

        Assert.Equal(
            ["peering", "stream", "trust-bundle", "service", "exported", "instances", "sidecar", "peer-sees", "intention", "mesh-gateway"],
            steps.Select(s => s.ID));
        Assert.All(steps, s => Assert.Equal(DoctorStep.Pass, s.Status));
        Assert.True(PeeringDoctor.IsWhole(steps));
    }

    [Fact]
    public void Diagnose_WithoutService_ChecksOnlyThePeering()
    {
        var steps = PeeringDoctor.Diagnose(Whole with { Service = null });

        Assert.Equal(["peering", "stream", "trust-bundle"], steps.Select(s => s.ID));
    }

    [Fact]
    public void Diagnose_OnTheImportingSide_JudgesTheImportAndLeavesIntentionsToTheExporter()
    {
        var steps = PeeringDoctor.Diagnose(Whole with
        {
            Instances = 0,
            PassingInstances = 0,
            ExportedTo = [],
            Sidecars = 0,
            SentToPeer = false,
            ImportedInstances = 3,
            ImportedPassing = 1,
            ImportedSidecars = 1,
        });

        Assert.Equal("backend is imported from cluster-02 (3 instances)", steps.Single(s => s.ID == "service").Detail);
        Assert.Equal("1 of 3 instances passing", steps.Single(s => s.ID == "instances").Detail);
        Assert.Equal(DoctorStep.Skip, steps.Single(s => s.ID == "intention").Status);
        Assert.True(PeeringDoctor.IsWhole(steps));
    }
}
