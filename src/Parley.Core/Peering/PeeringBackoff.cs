namespace Parley.Core.Peering;

/// <summary>The dialer's delay before the next stream attempt, as Consul computes it.</summary>
public static class PeeringBackoff
{
    /// <summary>Delay for the first few <see cref="PeeringFailureKind.FailedPrecondition"/> failures: 8 ms.</summary>
    public static readonly TimeSpan FastRetry = TimeSpan.FromMilliseconds(8);

    /// <summary>Failures retried at <see cref="FastRetry"/> before doubling starts: 5.</summary>
    public const int MaxFastRetries = 5;

    /// <summary>Cap of the fast path, and the delay after <see cref="PeeringFailureKind.ResourceExhausted"/>: 8.192 s.</summary>
    public static readonly TimeSpan MaxFastRetryBackoff = TimeSpan.FromMilliseconds(8192);

    /// <summary>Cap of the ordinary exponential backoff: 64 s.</summary>
    public static readonly TimeSpan MaxRetryBackoff = TimeSpan.FromSeconds(64);

    /// <summary>
    /// Delay after <paramref name="failures"/> consecutive failed attempts, the last of kind <paramref name="kind"/>.
    /// </summary>
    /// <remarks>
    /// <see cref="PeeringFailureKind.FailedPrecondition"/> (landed on a follower, leader moving): 8 ms while
    /// <paramref name="failures"/> &lt;= 5, then 8 ms · 2^(n−5) up to 8.192 s. <see cref="PeeringFailureKind.ResourceExhausted"/>:
    /// 8.192 s. Anything else: 2^n s up to 64 s.
    /// </remarks>
    public static TimeSpan Delay(PeeringFailureKind kind, int failures)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(failures);
        switch (kind)
        {
            case PeeringFailureKind.FailedPrecondition:
                if (failures <= MaxFastRetries)
                {
                    return FastRetry;
                }

                // 8 ms · 2^10 is the cap, so larger exponents need not be computed (nor overflow).
                var exponent = failures - MaxFastRetries;
                return exponent >= 10 ? MaxFastRetryBackoff : Min(FastRetry * (1 << exponent), MaxFastRetryBackoff);

            case PeeringFailureKind.ResourceExhausted:
                return MaxFastRetryBackoff;

            default:
                return failures >= 6 ? MaxRetryBackoff : Min(TimeSpan.FromSeconds(1 << failures), MaxRetryBackoff);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a <= b ? a : b;
}
