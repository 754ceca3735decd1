namespace Parley.Core.Intentions;

/// <summary>
/// Who is calling: the source identity from the client certificate. <see cref="Peer"/> is set when the
/// certificate was issued under a peer's trust domain.
/// </summary>
public sealed record IntentionCaller(string Service, string Namespace = "default", string Partition = "default", string Peer = "");
