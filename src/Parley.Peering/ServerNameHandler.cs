namespace Parley.Peering;

/// <summary>Sets the Host header (and so the TLS SNI name and <c>:authority</c>) of every request to a fixed server name.</summary>
internal sealed class ServerNameHandler(string serverName) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Host = serverName;
        return base.SendAsync(request, cancellationToken);
    }
}
