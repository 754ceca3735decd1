namespace Parley.Client.Tests;

public sealed class ParleyClientOptionsTests
{
    [Fact]
    public void FromEnvironment_NothingSet_UsesLocalDefault()
    {
        var options = ParleyClientOptions.FromEnvironment(_ => null);

        Assert.Equal(new Uri("http://127.0.0.1:8500/"), options.GetBaseUri());
        Assert.Null(options.Token);
    }

    [Fact]
    public void FromEnvironment_HostAndPort_MeansHttp()
    {
        var options = ParleyClientOptions.FromEnvironment(Env(("CONSUL_HTTP_ADDR", "127.0.0.1:18500"), ("CONSUL_HTTP_TOKEN", "secret")));

        Assert.Equal(new Uri("http://127.0.0.1:18500/"), options.GetBaseUri());
        Assert.Equal("secret", options.Token);
    }

    [Fact]
    public void FromEnvironment_SslSet_MakesBareAddressHttps()
    {
        var options = ParleyClientOptions.FromEnvironment(Env(("CONSUL_HTTP_ADDR", "agent.local:8501"), ("CONSUL_HTTP_SSL", "true")));

        Assert.Equal(new Uri("https://agent.local:8501/"), options.GetBaseUri());
    }

    [Fact]
    public void FromEnvironment_TokenFile_ReadsTrimmedToken()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "from-file\n");

            var options = ParleyClientOptions.FromEnvironment(Env(("CONSUL_HTTP_TOKEN_FILE", path)));

            Assert.Equal("from-file", options.Token);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void GetBaseUri_UrlWithPath_KeepsPathAsDirectory()
    {
        var options = new ParleyClientOptions { Address = "https://proxy.example/consul" };

        Assert.Equal(new Uri("https://proxy.example/consul/"), options.GetBaseUri());
    }

    [Fact]
    public void GetBaseUri_UnknownScheme_Throws()
    {
        var options = new ParleyClientOptions { Address = "ftp://agent:21" };

        var exception = Assert.Throws<UriFormatException>(() => options.GetBaseUri());
        Assert.Contains("Unknown protocol scheme", exception.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] variables)
        => name => variables.FirstOrDefault(v => v.Name == name).Value;
}
