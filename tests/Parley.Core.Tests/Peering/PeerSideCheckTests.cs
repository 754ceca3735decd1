using Parley.Core.Peering.Doctor;

namespace Parley.Core.Tests.Peering;

/// <summary>The peer's side folded into the local steps: which side is not ACTIVE, and what the peer's <c>?peer=</c> read holds.</summary>
public sealed class PeerSideCheckTests
{
    private static readonly DoctorFacts Whole = DoctorFactsSamples.Whole;

    private static readonly PeerView Seen = new()
    {
        Address = "http://10.0.0.2:8500",
        StateHere = "ACTIVE",
        NameThere = "cluster-01",
        StateThere = "ACTIVE",
        ImportedThere = 2,
    };

    [Fact]
    public void Apply_NoPeerAsked_SaysThePeerSideWasNotChecked()
    {
        var steps = PeerSideCheck.Apply(PeeringDoctor.Diagnose(Whole), "cluster-02", null);

        Assert.Equal("ACTIVE here; not checked from the peer (give -peer-http-addr)", steps.Single(s => s.ID == "peering").Detail);
        Assert.Equal("sent to cluster-02 over the stream; not checked from the peer (give -peer-http-addr)",
            steps.Single(s => s.ID == "peer-sees").Detail);
        Assert.True(PeeringDoctor.IsWhole(steps));
    }

    [Fact]
    public void Apply_BothActiveAndThePeerSeesIt_IsWhole()
    {
        var steps = PeerSideCheck.Apply(PeeringDoctor.Diagnose(Whole), "cluster-02", Seen);

        Assert.Equal("ACTIVE here, ACTIVE on the peer (as \"cluster-01\")", steps.Single(s => s.ID == "peering").Detail);
        Assert.Equal("the peer sees 2 instances (?peer=cluster-01 at http://10.0.0.2:8500)", steps.Single(s => s.ID == "peer-sees").Detail);
        Assert.True(PeeringDoctor.IsWhole(steps));
    }

    public static TheoryData<string, string, string> Broken() => new()
    {
        { "peer failing", "peering", "not ACTIVE on the peer: ACTIVE here, FAILING on the peer (as \"cluster-01\")" },
        { "both failing", "peering",
            "neither side is ACTIVE: FAILING here, FAILING on the peer (as \"cluster-01\"): dial tcp 10.0.0.2:8503: connection refused" },
        { "deleted there", "peering", "ACTIVE here; the peer at http://10.0.0.2:8500 has no peering paired with this one" },
        { "not imported there", "peer-sees",
            "the peer at http://10.0.0.2:8500 has no instance of it from this cluster (?peer=cluster-01)" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Apply_ThePeerSideBroken_NamesThatStepAndNothingEarlierFails(string what, string failingStep, string detail)
    {
        var (facts, view) = what switch
        {
            "peer failing" => (Whole, Seen with { StateThere = "FAILING" }),
            "both failing" => (Whole with
            {
                State = "FAILING",
                StreamHealthy = false,
                LastError = "dial tcp 10.0.0.2:8503: connection refused",
            },
                Seen with { StateHere = "FAILING", StateThere = "FAILING" }),
            "deleted there" => (Whole, Seen with { NameThere = null, StateThere = null, ImportedThere = null }),
            "not imported there" => (Whole, Seen with { ImportedThere = 0 }),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };

        var steps = PeerSideCheck.Apply(PeeringDoctor.Diagnose(facts), "cluster-02", view);

        var failed = Assert.Single(steps, s => s.Status == DoctorStep.Fail);
        Assert.Equal((failingStep, detail), (failed.ID, failed.Detail));
        Assert.False(string.IsNullOrEmpty(failed.Fix));
        var index = steps.ToList().IndexOf(failed);
        Assert.All(steps.Take(index), s => Assert.Equal(DoctorStep.Pass, s.Status));
        Assert.All(steps.Skip(index + 1), s => Assert.Equal(DoctorStep.Skip, s.Status));
    }

    [Fact]
    public void Apply_ThePeerSeesItThoughTheStreamHasNotSaidSo_Passes()
    {
        var steps = PeerSideCheck.Apply(PeeringDoctor.Diagnose(Whole with { SentToPeer = false }), "cluster-02", Seen);

        Assert.True(PeeringDoctor.IsWhole(steps));
    }
}
