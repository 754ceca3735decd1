namespace Parley.ClusterBench;

/// <summary>Request factories for <see cref="WriteLoad"/>: a fixed path with a body made from the request's id.</summary>
internal static class Requests
{
    public static Func<string, HttpRequestMessage> Put(string path, Func<string, HttpContent> body) =>
        id => new HttpRequestMessage(HttpMethod.Put, path) { Content = body(id) };

    public static Func<string, HttpRequestMessage> Post(string path, Func<string, HttpContent> body) =>
        id => new HttpRequestMessage(HttpMethod.Post, path) { Content = body(id) };
}
