namespace Parley.Core.Intentions;

/// <summary>The parts of an HTTP request L7 permissions look at. Header names are matched case-insensitively.</summary>
public sealed record HttpRequestInfo
{
    public string Method { get; init; } = "GET";

    /// <summary>The request path; a query string, if present, is ignored for path matching.</summary>
    public string Path { get; init; } = "/";

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
