using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Parley.Core.Go;

namespace Parley.Core.Peering;

/// <summary>
/// The rules of expiring peering tokens (a Parley addition): how an expiry is written and read, when a token is
/// expired, and the refusal the acceptor answers for one.
/// </summary>
public static class PeeringTokenExpiry
{
    /// <summary>The start of the acceptor's refusal, so the dialer can tell it from a used or replaced token.</summary>
    public const string ExpiredPrefix = "peering token expired at ";

    /// <summary>RFC 3339 in UTC with whole seconds, as the token and the refusal write it (<c>2026-12-07T15:00:00Z</c>).</summary>
    public static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads an RFC 3339 time with any offset and fraction.</summary>
    public static bool TryParse(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out time)
        && text!.Contains('T', StringComparison.Ordinal);

    /// <summary>When a token issued at <paramref name="issuedAt"/> with <paramref name="ttl"/> expires; null ttl: never.</summary>
    /// <remarks>The expiry is cut to whole seconds (down), so what the token says is exactly what the acceptor enforces.</remarks>
    public static DateTimeOffset? ExpiresAt(DateTimeOffset issuedAt, TimeSpan? ttl)
    {
        if (ttl is not { } t)
        {
            return null;
        }

        var at = issuedAt.ToUniversalTime() + t;
        return at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond));
    }

    /// <summary>Whether a token expiring at <paramref name="expiresAt"/> is refused at <paramref name="now"/>.</summary>
    public static bool IsExpired(DateTimeOffset? expiresAt, DateTimeOffset now) => expiresAt is { } at && now >= at;

    /// <summary>The acceptor's refusal for an expired token, naming the expiry (Consul's lower-case style).</summary>
    public static string ExpiredMessage(DateTimeOffset expiresAt) => ExpiredPrefix + Format(expiresAt);

    /// <summary>
    /// Checks a requested lifetime: a Go duration string greater than zero. Empty means "not given".
    /// </summary>
    /// <returns><see langword="true"/> when <paramref name="text"/> is usable; <paramref name="ttl"/> is null when not given.</returns>
    public static bool TryParseTtl(string? text, out TimeSpan? ttl, [NotNullWhen(false)] out string? error)
    {
        ttl = null;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!GoDuration.TryParse(text, out var value, out var problem))
        {
            error = $"ExpiresIn: {problem}";
            return false;
        }

        if (value <= TimeSpan.Zero)
        {
            error = $"ExpiresIn must be greater than zero, got {GoQuote.Quote(text)}";
            return false;
        }

        ttl = value;
        return true;
    }
}
