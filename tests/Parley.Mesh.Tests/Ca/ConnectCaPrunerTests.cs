using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Parley.Mesh.Ca;
using Parley.Testing;

namespace Parley.Mesh.Tests.Ca;

public sealed class ConnectCaPrunerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = TestCa.Clock();
    private readonly TestCaState _state = new();
    private readonly ConnectCaPruner _pruner;

    public ConnectCaPrunerTests()
    {
        _pruner = new ConnectCaPruner(
            _state,
            _state.Store,
            Options.Create(new ConnectCaOptions()),
            new ConnectCaPrunerOptions(),
            _clock,
            NullLogger<ConnectCaPruner>.Instance);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _pruner.StopAsync(CancellationToken.None);
        _pruner.Dispose();
    }

    [Fact]
    public async Task RotatedOutRoot_IsPrunedTwoLeafTtlsAfterTheRotation_NotBefore()
    {
        using var ca = TestCa.Create(_clock);
        _state.Write(new ConnectCaState { Roots = [ca.Root], Config = CaConfiguration.Initial(new JsonObject { ["LeafCertTTL"] = "2h" }) });
        var rotated = CaReconfiguration.Apply(
            _state.Read(), new CaConfiguration { Config = new JsonObject { ["LeafCertTTL"] = "2h", ["PrivateKeyBits"] = 384 } }, _clock)!;
        _state.Write(rotated);
        await _pruner.StartAsync(Token);

        _clock.Advance(TimeSpan.FromHours(4) - TimeSpan.FromSeconds(1));
        await Task.Delay(200, Token); // the pruner's chance to (wrongly) prune early
        Assert.Equal(2, _state.Read().Roots.Count);

        _clock.Advance(TimeSpan.FromSeconds(2));

        await Eventually.TrueAsync(() => _state.Read().Roots.Count == 1, TimeSpan.FromSeconds(10), "the rotated-out root is pruned", Token);
        var left = Assert.Single(_state.Read().Roots);
        Assert.True(left.Active);
        Assert.Equal(rotated.ActiveRoot!.ID, left.ID);
    }
}
