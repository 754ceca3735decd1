using Parley.Client.Tests.Fakes;

namespace Parley.Cli.Tests.Commands.Peering;

public sealed class ReadPeeringCommandTests
{
    [Fact]
    public async Task Read_ParleyHealth_PrintsHealthyAgesAndTheLastErrorInWords()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/peering/cluster-02", 200, """
            {"ID":"1","Name":"cluster-02","State":"FAILING","PeerID":"2",
             "StreamStatus":{"ImportedServices":[],"ExportedServices":[],
               "LastHeartbeat":"2026-12-07T14:59:48Z","LastReceive":"2026-12-07T14:59:55Z","LastSend":"0001-01-01T00:00:00Z",
               "Healthy":false,"LastError":{"Message":"dial tcp 10.0.0.5:8503: connection refused","Time":"2026-12-07T14:59:58Z"}},
             "CreateIndex":1,"ModifyIndex":2,"Remote":{"Partition":"default","Datacenter":"dc2"}}
            """);
        var now = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero));

        var result = await CliRunner.RunAsync(["peering", "read", "-name", "cluster-02", "-http-addr", server.Address], time: now);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(
            "\nHealthy:           false\n"
            + "Heartbeat Age:     12s ago\n"
            + "Receive Age:       5s ago\n"
            + "Last Error:        dial tcp 10.0.0.5:8503: connection refused (2s ago)\n",
            result.Out,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_DialerPeering_PrintsConsulLayout()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/peering/cluster-02", 200, """
            {"ID":"462c45e8","Name":"cluster-02","Meta":{"env":"production"},"State":"ACTIVE",
             "PeerID":"e83a315c","PeerCAPems":["a","b"],"PeerServerName":"server.dc2.peering.td",
             "PeerServerAddresses":["10.0.0.5:8503","10.0.0.6:8503"],
             "StreamStatus":{"ImportedServices":["api"],"ExportedServices":["web","db"],
               "LastHeartbeat":"2024-05-01T10:00:15.123Z","LastReceive":"2024-05-01T10:00:15.5Z","LastSend":null},
             "CreateIndex":89,"ModifyIndex":93,"Remote":{"Partition":"default","Datacenter":"dc2"}}
            """);

        var result = await CliRunner.RunAsync(["peering", "read", "-name", "cluster-02", "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            Name:         cluster-02
            ID:           462c45e8
            State:        ACTIVE
            Meta:
                env=production

            Peer ID:               e83a315c
            Peer Server Name:      server.dc2.peering.td
            Peer CA Pems:          2
            Peer Server Addresses:
                10.0.0.5:8503
                10.0.0.6:8503

            Imported Services: 1
            Exported Services: 2

            Last Heartbeat:    2024-05-01 10:00:15.123 +0000 UTC
            Last Send:         <nil>
            Last Receive:      2024-05-01 10:00:15.5 +0000 UTC

            Create Index: 89
            Modify Index: 93


            """.ReplaceLineEndings("\n"),
            result.Out);
    }

    [Fact]
    public async Task Read_DeletingPeering_ShowsDeletedAt()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/peering/old", 200,
            """{"ID":"1","Name":"old","Partition":"default","DeletedAt":"2024-05-01T10:00:00.25Z","State":"DELETING"}""");

        var result = await CliRunner.RunAsync(["peering", "read", "-name=old", "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(
            "Name:         old\nID:           1\nPartition:    default\nDeletedAt:    2024-05-01T10:00:00Z\nState:        DELETING\n\n",
            result.Out,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_NotFound_FailsWithConsulMessage()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/peering/ghost", 404, "Peering not found for \"ghost\"");

        var result = await CliRunner.RunAsync(["peering", "read", "-name", "ghost", "-http-addr", server.Address]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("No peering with name ghost found.\n", result.Error);
    }

    [Fact]
    public async Task Read_JsonFormat_PrintsPeeringObject()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/peering/a", 200, """{"ID":"1","Name":"a","State":"PENDING","CreateIndex":3,"ModifyIndex":4}""");

        var result = await CliRunner.RunAsync(["peering", "read", "-name", "a", "-format=json", "-http-addr", server.Address]);

        Assert.Equal(
            """{"ID":"1","Name":"a","State":"PENDING","StreamStatus":{"ImportedServices":null,"ExportedServices":null,"LastHeartbeat":""" +
                """null,"LastReceive":null,"LastSend":null},"CreateIndex":3,"ModifyIndex":4,"Remote":{"Partition":"","Datacenter":""}}"""
            + "\n",
            result.Out);
    }

    [Fact]
    public async Task Read_MissingName_FailsWithoutCallingAgent()
    {
        var result = await CliRunner.RunAsync(["peering", "read", "-http-addr", "127.0.0.1:1"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Missing the required -name flag\n", result.Error);
    }
}
