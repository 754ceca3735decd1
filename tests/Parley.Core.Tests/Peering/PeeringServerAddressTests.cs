using Parley.Core.Peering;

namespace Parley.Core.Tests.Peering;

public sealed class PeeringServerAddressTests
{
    [Theory]
    [InlineData("10.0.0.5:8503", "10.0.0.5", 8503)]
    [InlineData("lb.example:1", "lb.example", 1)]
    [InlineData("[::1]:8503", "::1", 8503)]
    [InlineData(":8503", "", 8503)]
    [InlineData("host:65535", "host", 65535)]
    [InlineData("host:+80", "host", 80)] // strconv.Atoi accepts a sign
    [InlineData("host:0080", "host", 80)]
    public void TryParse_ValidAddress_SplitsHostAndPort(string address, string host, int port)
    {
        Assert.True(PeeringServerAddress.TryParse(address, out var h, out var p));
        Assert.Equal(host, h);
        Assert.Equal(port, p);
        Assert.Null(PeeringServerAddress.Validate(address));
    }

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("host:0")]
    [InlineData("host:65536")]
    [InlineData("host:-1")]
    [InlineData("host:")]
    [InlineData("host:http")]
    [InlineData("::1:8503")]
    [InlineData("[::1]")]
    [InlineData("[::1]x:8503")]
    [InlineData("a]b:8503")]
    [InlineData("[a[b]:8503")]
    [InlineData("host:99999999999999999999")]
    [InlineData("")]
    public void Validate_InvalidAddress_ReturnsConsulText(string address)
    {
        Assert.False(PeeringServerAddress.IsValid(address));
        Assert.Equal($"{address} is not a valid peering server address", PeeringServerAddress.Validate(address));
    }
}
