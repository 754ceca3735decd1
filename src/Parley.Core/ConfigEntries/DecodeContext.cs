using Parley.Core.Go;

namespace Parley.Core.ConfigEntries;

/// <summary>Collects what goes wrong while decoding one entry: type errors first, then keys nothing used.</summary>
internal sealed class DecodeContext
{
    public List<string> TypeErrors { get; } = [];

    public List<string> UnusedKeys { get; } = [];

    /// <summary>Throws the way Consul's <c>DecodeConfigEntry</c> fails: type errors win, then unused keys.</summary>
    public void ThrowIfFailed()
    {
        if (TypeErrors.Count > 0)
        {
            throw new ConfigEntryDecodeException(GoErrors.DecodingErrors(TypeErrors), TypeErrors);
        }

        if (UnusedKeys.Count == 0)
        {
            return;
        }

        var errors = new List<string>(UnusedKeys.Count);
        foreach (var key in UnusedKeys)
        {
            // Consul CE's validateUnusedKeys wording, including its namespace hint.
            errors.Add(key.EndsWith("namespace", StringComparison.OrdinalIgnoreCase)
                ? $"invalid config key {GoQuote.Quote(key)}, namespaces are a consul enterprise feature"
                : $"invalid config key {GoQuote.Quote(key)}");
        }

        throw new ConfigEntryDecodeException(GoErrors.MultiError(errors), errors);
    }
}
