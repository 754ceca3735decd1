namespace Parley.Proxy.Forwarding.Http1;

/// <summary>What the lean path does with each request of a connection (the sidecar's outbound chain, its inbound intentions).</summary>
internal interface IHttp1Handler
{
    /// <summary>
    /// Answers the request whose head is <see cref="Http1Session.Request"/> (its body, if any, still unread in the
    /// session's input); returns false when the client connection must close afterwards.
    /// </summary>
    ValueTask<bool> HandleAsync(Http1Session session);
}
