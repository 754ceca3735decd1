using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Parley.Agent.Configuration;
using Parley.IntegrationTests.Config;
using Parley.Testing;

namespace Parley.IntegrationTests.Tls;

/// <summary><c>ports { http = -1 }</c> with HTTPS on: the API is served over HTTPS only, and the CLI works over it.</summary>
public sealed class HttpsOnlyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HttpOff_HttpsOn_NoPlainListener_CliWorksOverHttps()
    {
        using var pki = new TlsWorkspace();
        await pki.MustRunAsync(Ct, "tls", "ca", "create");
        await pki.MustRunAsync(Ct, "tls", "cert", "create", "-server", "-dc", "dc1");
        var https = FreePorts.Next();
        await using var agent = await TestAgent.StartAsync(c => c with
        {
            Ports = c.Ports with { Http = -1, Https = https },
            Tls = new TlsConfig
            {
                Https = new TlsSection { CertFile = pki["dc1-server-consul-0.pem"], KeyFile = pki["dc1-server-consul-0-key.pem"] }
            },
        }, cancellationToken: Ct);

        var listening = agent.Agent.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Assert.DoesNotContain(listening, a => a.StartsWith("http://", StringComparison.Ordinal));
        Assert.Equal(new Uri($"https://127.0.0.1:{https}/"), agent.Address);

        var environment = new Dictionary<string, string> { ["CONSUL_CACERT"] = pki["consul-agent-ca.pem"] };
        var put = await ParleyCli.RunAsync(agent.Address, environment, Ct, "kv", "put", "https/only", "yes");
        Assert.True(put.ExitCode == 0, put.ToString());
        var get = await ParleyCli.RunAsync(agent.Address, environment, Ct, "kv", "get", "https/only");
        Assert.Equal((0, "yes"), (get.ExitCode, get.Out.Trim()));
    }
}
