namespace Parley.Core.DiscoveryChain.Execution;

/// <summary>
/// Picks a splitter leg by weight the way Consul configures Envoy: each weight (a percentage) is rounded to 0.01 and
/// scaled to an integer share of 10 000, and a uniform draw picks the leg whose share covers it.
/// </summary>
/// <remarks>Immutable and thread-safe; the randomness is the caller's (pass a uniform draw in [0, 1)).</remarks>
public sealed class SplitSelector
{
    /// <summary>The total of the integer shares when the weights add up to 100 %.</summary>
    public const int TotalShares = 10_000;

    private readonly int[] _cumulative;

    /// <summary>Builds the selector from the legs' percentages.</summary>
    public SplitSelector(IReadOnlyList<float> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        _cumulative = new int[weights.Count];
        var sum = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            sum += Shares(weights[i]);
            _cumulative[i] = sum;
        }

        Total = sum;
    }

    /// <summary>The sum of the shares (<see cref="TotalShares"/> for a valid splitter).</summary>
    public int Total { get; }

    /// <summary>
    /// A leg's weight as an integer share of <see cref="TotalShares"/> (Consul: <c>uint32(weight * 100)</c> after rounding to 0.01).
    /// </summary>
    public static int Shares(float weight) => (int)Math.Round(weight * 100.0, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The index of the leg for a uniform draw <paramref name="roll"/> in [0, 1); -1 when every weight is zero.
    /// </summary>
    public int Choose(double roll)
    {
        if (Total <= 0)
        {
            return -1;
        }

        var point = (int)(Math.Clamp(roll, 0.0, 0.999_999_999) * Total);
        for (var i = 0; i < _cumulative.Length; i++)
        {
            if (point < _cumulative[i])
            {
                return i;
            }
        }

        return _cumulative.Length - 1;
    }
}
