using Parley.Core.Peering;

namespace Parley.Core.Tests.Peering;

public sealed class PeerNamesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("7")]
    [InlineData("cluster-01")]
    [InlineData("a--b")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0")] // 63
    public void Validate_ValidName_ReturnsNull(string name)
    {
        Assert.True(PeerNames.IsValid(name));
        Assert.Null(PeerNames.Validate(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-a")]
    [InlineData("a-")]
    [InlineData("Cluster")]
    [InlineData("a_b")]
    [InlineData("a.b")]
    [InlineData("a\n")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01")] // 64
    public void Validate_InvalidName_ReturnsConsulText(string name)
    {
        Assert.False(PeerNames.IsValid(name));
        Assert.Equal(
            $"{name} is not a valid peer name: a valid peering name must consist of lower case alphanumeric characters or '-', " +
            "and must start and end with an alphanumeric character",
            PeerNames.Validate(name));
    }

    [Fact]
    public void Validate_Null_IsInvalid()
    {
        Assert.False(PeerNames.IsValid(null));
        Assert.NotNull(PeerNames.Validate(null));
    }
}
