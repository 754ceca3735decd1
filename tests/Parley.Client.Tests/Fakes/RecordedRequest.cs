namespace Parley.Client.Tests.Fakes;

/// <summary>One request as the fake server saw it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The decoded path, e.g. <c>/v1/peering/web</c>.</param>
/// <param name="QueryString">The raw query string including <c>?</c>, or empty.</param>
/// <param name="Headers">Request headers (case-insensitive names).</param>
/// <param name="Body">The request body as text.</param>
internal sealed record RecordedRequest(
    string Method, string Path, string QueryString, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
