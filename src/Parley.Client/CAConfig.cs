using System.Text.Json.Nodes;

namespace Parley.Client;

/// <summary>The Connect CA's configuration (Consul's <c>api.CAConfig</c>, <c>/v1/connect/ca/configuration</c>).</summary>
public sealed record CAConfig
{
    /// <summary><c>consul</c>, the only provider Parley has.</summary>
    public string Provider { get; init; } = "consul";

    /// <summary>
    /// The provider's settings with Consul's keys: <c>LeafCertTTL</c>, <c>IntermediateCertTTL</c>, <c>RootCertTTL</c> (Go
    /// durations such as <c>"72h"</c>), <c>PrivateKeyType</c> (<c>ec</c>/<c>rsa</c>), <c>PrivateKeyBits</c>,
    /// <c>CSRMaxPerSecond</c>, <c>CSRMaxConcurrent</c>, <c>PrivateKey</c>, <c>RootCert</c>. Missing keys take Consul's defaults.
    /// </summary>
    public JsonObject Config { get; init; } = [];

    /// <summary>Read-only provider state; send it back unchanged or leave it null.</summary>
    public Dictionary<string, string>? State { get; init; }

    /// <summary>Rotate even when the old root cannot cross-sign the new one (Parley's always can).</summary>
    public bool ForceWithoutCrossSigning { get; init; }

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }
}
