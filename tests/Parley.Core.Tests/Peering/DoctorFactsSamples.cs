using Parley.Core.Peering.Doctor;

namespace Parley.Core.Tests.Peering;

/// <summary>Facts about a service whose path to the peer is whole: each doctor test changes the one fact it is about.</summary>
internal static class DoctorFactsSamples
{
    public static DoctorFacts Whole { get; } = new()
    {
        PeerName = "cluster-02",
        State = "ACTIVE",
        StreamHealthy = true,
        TrustBundle = true,
        Service = "backend",
        Instances = 2,
        PassingInstances = 2,
        ExportedTo = ["cluster-02"],
        Sidecars = 1,
        SentToPeer = true,
        IntentionAllows = true,
        IntentionDetail = "allowed by the intention cluster-02/frontend => backend",
        LocalMeshGateways = 1,
    };
}
