namespace Parley.Core.ConfigEntries;

/// <summary>One leg of a split. A missing <see cref="Service"/> means the splitter's own service.</summary>
public sealed record ServiceSplit
{
    /// <summary>Share of traffic between 0 and 100; the smallest step is 0.01.</summary>
    public float Weight { get; init; }

    public string Service { get; init; } = "";

    public string ServiceSubset { get; init; } = "";

    public string Namespace { get; init; } = "";

    public string Partition { get; init; } = "";

    public HttpHeaderModifiers? RequestHeaders { get; init; }

    public HttpHeaderModifiers? ResponseHeaders { get; init; }
}
