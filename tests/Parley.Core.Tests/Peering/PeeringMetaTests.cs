using Parley.Core.Peering;

namespace Parley.Core.Tests.Peering;

public sealed class PeeringMetaTests
{
    [Fact]
    public void Validate_NullOrEmptyOrValid_ReturnsNull()
    {
        Assert.Null(PeeringMeta.Validate(null));
        Assert.Null(PeeringMeta.Validate(new Dictionary<string, string>()));
        Assert.Null(PeeringMeta.Validate(new Dictionary<string, string> { ["env"] = "prod", ["Team_A-1"] = new string('v', 512) }));
    }

    [Fact]
    public void Validate_TooManyPairs_ReturnsConsulText()
    {
        var meta = Enumerable.Range(0, 65).ToDictionary(i => $"k{i}", _ => "v");

        Assert.Equal(
            "meta tags failed validation: Node metadata cannot contain more than 64 key/value pairs",
            PeeringMeta.Validate(meta));
    }

    [Fact]
    public void Validate_SixtyFourPairs_IsFine()
    {
        Assert.Null(PeeringMeta.Validate(Enumerable.Range(0, 64).ToDictionary(i => $"k{i}", _ => "v")));
    }

    [Theory]
    [InlineData("", "v", "Couldn't load metadata pair ('', 'v'): Key cannot be blank")]
    [InlineData("a b", "v", "Couldn't load metadata pair ('a b', 'v'): Key contains invalid characters")]
    [InlineData("é", "v", "Couldn't load metadata pair ('é', 'v'): Key contains invalid characters")]
    [InlineData("consul-version", "1",
        "Couldn't load metadata pair ('consul-version', '1'): Key prefix 'consul-' is reserved for internal use")]
    public void Validate_BadPair_ReturnsConsulText(string key, string value, string reason)
    {
        Assert.Equal($"meta tags failed validation: {reason}", PeeringMeta.Validate(new Dictionary<string, string> { [key] = value }));
    }

    [Fact]
    public void Validate_LongKey_ReturnsConsulText()
    {
        var key = new string('k', 129);

        Assert.Equal(
            $"meta tags failed validation: Couldn't load metadata pair ('{key}', 'v'): Key is too long (limit: 128 characters)",
            PeeringMeta.Validate(new Dictionary<string, string> { [key] = "v" }));
    }

    [Fact]
    public void Validate_LongValueCountedInUtf8Bytes_ReturnsConsulText()
    {
        var value = new string('é', 257); // 514 bytes, 257 characters

        Assert.Equal(
            $"meta tags failed validation: Couldn't load metadata pair ('k', '{value}'): Value is too long (limit: 512 characters)",
            PeeringMeta.Validate(new Dictionary<string, string> { ["k"] = value }));
    }

    [Fact]
    public void Validate_SeveralBadPairs_NamesTheFirstInOrdinalOrder()
    {
        var meta = new Dictionary<string, string> { ["z z"] = "1", ["consul-a"] = "2" };

        Assert.Equal(
            "meta tags failed validation: Couldn't load metadata pair ('consul-a', '2'): Key prefix 'consul-' is reserved for internal use",
            PeeringMeta.Validate(meta));
    }
}
