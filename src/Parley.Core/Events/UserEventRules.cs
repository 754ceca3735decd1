using System.Text.RegularExpressions;

namespace Parley.Core.Events;

/// <summary>
/// Consul's rules for user events: what a valid event is, which agents it is for (its node, service and tag filters are
/// regular expressions, matched as Go's <c>regexp.MatchString</c> does: anywhere in the name), and how many are kept.
/// </summary>
public static class UserEventRules
{
    /// <summary>How many recent events are kept and listed (Consul's agent keeps 256).</summary>
    public const int Kept = 256;

    /// <summary>The largest payload, in bytes (serf's user event size limit).</summary>
    public const int MaxPayload = 512;

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Checks a new event's name, filters and payload.</summary>
    /// <exception cref="ParleyException">(InvalidArgument) with Consul's text.</exception>
    public static void Validate(string name, string nodeFilter, string serviceFilter, string tagFilter, int payloadLength)
    {
        if (name.Length == 0)
        {
            throw new ParleyException(ErrorCode.InvalidArgument, "User event missing name");
        }

        if (tagFilter.Length > 0 && serviceFilter.Length == 0)
        {
            throw new ParleyException(ErrorCode.InvalidArgument, "Cannot provide tag filter without service filter");
        }

        Compile(nodeFilter, "node");
        Compile(serviceFilter, "service");
        Compile(tagFilter, "tag");
        if (payloadLength > MaxPayload)
        {
            throw new ParleyException(ErrorCode.InvalidArgument,
                $"user event exceeds configured limit of {MaxPayload} bytes before encoding");
        }
    }

    /// <summary>Whether <paramref name="e"/> is meant for the agent on <paramref name="node"/> with these services (name, tags).</summary>
    public static bool IsFor(UserEvent e, string node, IEnumerable<(string Name, IReadOnlyList<string> Tags)> services)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(services);
        if (e.NodeFilter.Length > 0 && !Matches(e.NodeFilter, node))
        {
            return false;
        }

        return e.ServiceFilter.Length == 0 || services.Any(s => Matches(e.ServiceFilter, s.Name) &&
            (e.TagFilter.Length == 0 || s.Tags.Any(t => Matches(e.TagFilter, t))));
    }

    /// <summary>The kept events after <paramref name="fired"/>: the newest <see cref="Kept"/>, oldest first.</summary>
    public static IReadOnlyList<UserEvent> Append(IReadOnlyList<UserEvent> kept, UserEvent fired)
    {
        ArgumentNullException.ThrowIfNull(kept);
        return [.. kept.Skip(Math.Max(0, kept.Count + 1 - Kept)), fired];
    }

    private static bool Matches(string pattern, string input)
    {
        try
        {
            return Regex.IsMatch(input, pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (Exception e) when (e is ArgumentException or RegexMatchTimeoutException)
        {
            // Validated when fired; a pattern that still fails matches nothing rather than failing the list.
            return false;
        }
    }

    private static void Compile(string pattern, string which)
    {
        if (pattern.Length == 0)
        {
            return;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new ParleyException(ErrorCode.InvalidArgument, $"Invalid {which} filter: {e.Message}");
        }
    }
}
