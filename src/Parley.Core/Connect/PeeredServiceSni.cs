namespace Parley.Core.Connect;

/// <summary>The parts of a peered service SNI (<c>&lt;svc&gt;.&lt;ns&gt;.&lt;ap&gt;.&lt;peer&gt;.external.&lt;td&gt;</c>).</summary>
/// <param name="Service">The exported service.</param>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Partition">Its partition.</param>
/// <param name="Peer">The exporter's local name for the importing peering.</param>
public sealed record PeeredServiceSni(string Service, string Namespace, string Partition, string Peer);
