namespace Parley.Core.DiscoveryChain;

/// <summary>
/// The config entries do not form a valid chain (e.g. a splitter on a <c>tcp</c> service, a redirect loop).
/// Code <see cref="ErrorCode.Rejected"/>; the message is Consul's text.
/// </summary>
public sealed class ConfigEntryGraphException(string message) : ParleyException(ErrorCode.Rejected, message);
