namespace Parley.Core.ConfigEntries;

/// <summary>
/// A config entry could not be decoded (code <see cref="ErrorCode.InvalidArgument"/>). The message is Consul's raw
/// reason without prefix; the HTTP layer prepends <c>Request decoding failed: </c>, the CLI
/// <c>Failed to decode config entry input: </c>.
/// </summary>
public sealed class ConfigEntryDecodeException : ParleyException
{
    public ConfigEntryDecodeException(string message)
        : this(message, [message])
    {
    }

    public ConfigEntryDecodeException(string message, IReadOnlyList<string> reasons, Exception? inner = null)
        : base(ErrorCode.InvalidArgument, message, inner)
    {
        Reasons = reasons;
    }

    /// <summary>Each individual reason, e.g. <c>invalid config key "foo"</c>.</summary>
    public IReadOnlyList<string> Reasons { get; }
}
