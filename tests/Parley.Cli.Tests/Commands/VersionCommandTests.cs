using System.Text.Json.Nodes;

namespace Parley.Cli.Tests.Commands;

public sealed class VersionCommandTests
{
    [Fact]
    public async Task Version_Pretty_StartsWithParleyVersion()
    {
        var result = await CliRunner.RunAsync(["version"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^Parley v\d+\.\d+\.\d+", result.Out);
    }

    [Fact]
    public async Task Version_Json_HasConsulFields()
    {
        var result = await CliRunner.RunAsync(["version", "-format=json"]);

        Assert.Equal(0, result.ExitCode);
        var info = JsonNode.Parse(result.Out)!.AsObject();
        Assert.Matches(@"^\d+\.\d+\.\d+$", (string?)info["Version"]);
        Assert.True(info.ContainsKey("Revision"));
        Assert.True(info.ContainsKey("Prerelease"));
    }

    [Fact]
    public async Task Version_UnknownFormat_Fails()
    {
        var result = await CliRunner.RunAsync(["version", "-format", "xml"]);

        Assert.Equal(1, result.ExitCode);
    }
}
