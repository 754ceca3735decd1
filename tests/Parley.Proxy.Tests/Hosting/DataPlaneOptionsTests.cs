using Parley.Proxy.Hosting;

namespace Parley.Proxy.Tests.Hosting;

public sealed class DataPlaneOptionsTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void FromEnvironment_NothingSet_LeanPathAndInlineSchedulingOn()
    {
        var options = DataPlaneOptions.FromEnvironment(Environment());

        Assert.True(options.LeanHttp1);
        Assert.True(options.InlineScheduling);
    }

    [Fact]
    public void FromEnvironment_VariablesAtZero_TurnEachOff()
    {
        var options = DataPlaneOptions.FromEnvironment(Environment(("PARLEY_PROXY_LEAN_HTTP1", "0"), ("PARLEY_PROXY_INLINE", "0")));

        Assert.False(options.LeanHttp1);
        Assert.False(options.InlineScheduling);
    }

    [Fact]
    public void InlineCompletionsFor_ByDefault_AsksTheRuntimeForInlineCompletions()
    {
        Assert.Equal("1", DataPlaneOptions.InlineCompletionsFor(Environment()));
    }

    [Fact]
    public void InlineCompletionsFor_InlineSchedulingOff_LeavesTheRuntimeAlone()
    {
        Assert.Null(DataPlaneOptions.InlineCompletionsFor(Environment(("PARLEY_PROXY_INLINE", "0"))));
    }

    [Fact]
    public void InlineCompletionsFor_OperatorAlreadyChose_KeepsTheirChoice()
    {
        Assert.Null(DataPlaneOptions.InlineCompletionsFor(Environment(("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "0"))));
    }
}
