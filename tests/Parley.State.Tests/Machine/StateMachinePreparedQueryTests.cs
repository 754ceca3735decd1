using Parley.Core;
using Parley.Core.Kv;
using Parley.Core.PreparedQueries;
using Parley.State.Commands;
using Parley.State.Store;
using Parley.State.Tests.Support;
using static Parley.State.Tests.Support.Sample;

namespace Parley.State.Tests.Machine;

public sealed class StateMachinePreparedQueryTests
{
    private const string Id1 = "11111111-1111-1111-1111-111111111111";
    private const string Id2 = "22222222-2222-2222-2222-222222222222";

    private readonly Fsm _fsm = new();

    [Fact]
    public void Apply_SetThenUpdate_KeepsCreateIndexAndMovesTheTableIndex()
    {
        _fsm.ApplyAt(3, new SetPreparedQuery(Query(Id1, "web")));
        _fsm.ApplyAt(5, new SetPreparedQuery(Query(Id1, "web") with { DNS = new QueryDns { TTL = "5s" } }));

        var stored = _fsm.State.GetPreparedQuery(Id1)!;
        Assert.Equal((3L, 5L, "5s"), (stored.CreateIndex, stored.ModifyIndex, stored.DNS.TTL));
        Assert.Equal(5, _fsm.State.TableIndex(Tables.PreparedQueries));
    }

    [Fact]
    public void Apply_NameOfAnotherQuery_IgnoringCase_IsRejectedAndNothingWritten()
    {
        _fsm.ApplyOk(new SetPreparedQuery(Query(Id1, "web")));

        var result = _fsm.Apply(new SetPreparedQuery(Query(Id2, "WEB")));

        Assert.Equal("name 'WEB' aliases an existing query name", Assert.IsType<ParleyException>(result.Value).Message);
        Assert.Null(_fsm.State.GetPreparedQuery(Id2));
    }

    [Fact]
    public void Apply_NameThatIsAnotherQuerysId_IsRejected()
    {
        _fsm.ApplyOk(new SetPreparedQuery(Query(Id1, "web")));

        var result = _fsm.Apply(new SetPreparedQuery(Query(Id2, Id1)));

        Assert.Equal($"name '{Id1}' aliases an existing query ID", Assert.IsType<ParleyException>(result.Value).Message);
    }

    [Fact]
    public void Apply_SecondEmptyNamedTemplate_IsRejected()
    {
        _fsm.ApplyOk(new SetPreparedQuery(Template(Id1, "")));

        var result = _fsm.Apply(new SetPreparedQuery(Template(Id2, "")));

        Assert.Equal("a query template with an empty name already exists", Assert.IsType<ParleyException>(result.Value).Message);
    }

    [Fact]
    public void Apply_UnknownSession_IsRejected()
    {
        var result = _fsm.Apply(new SetPreparedQuery(Query(Id1, "") with { Session = "nope" }));

        Assert.Equal("invalid session \"nope\"", Assert.IsType<ParleyException>(result.Value).Message);
    }

    [Fact]
    public void DestroySession_DeletesTheQueriesBoundToIt_AndNoOthers()
    {
        _fsm.ApplyOk(Register(Node("n1")));
        _fsm.ApplyOk(new CreateSession(new Session { ID = "s1", Node = "n1" }));
        _fsm.ApplyOk(new SetPreparedQuery(Query(Id1, "") with { Session = "s1" }));
        _fsm.ApplyOk(new SetPreparedQuery(Query(Id2, "kept")));

        _fsm.ApplyOk(new DestroySession("s1", DateTimeOffset.UnixEpoch));

        Assert.Equal([Id2], _fsm.State.PreparedQueries().Select(q => q.ID));
    }

    [Fact]
    public void Delete_RemovesTheQuery_AndAMissingOneIsNotAnError()
    {
        _fsm.ApplyOk(new SetPreparedQuery(Query(Id1, "web")));

        _fsm.ApplyOk(new DeletePreparedQuery(Id1));
        _fsm.ApplyOk(new DeletePreparedQuery(Id1));

        Assert.Empty(_fsm.State.PreparedQueries());
    }

    [Fact]
    public void Resolve_ByIdByNameAndByLongestTemplatePrefix_RendersTheTemplate()
    {
        _fsm.ApplyOk(new SetPreparedQuery(Query(Id1, "web")));
        _fsm.ApplyOk(new SetPreparedQuery(Template(Id2, "geo-")));
        _fsm.ApplyOk(new SetPreparedQuery(Template("33333333-3333-3333-3333-333333333333", "geo-db-")));

        Assert.Equal("web", _fsm.State.ResolvePreparedQuery(Id1)!.Service.Service);
        Assert.Equal(Id1, _fsm.State.ResolvePreparedQuery("WEB")!.ID);
        Assert.Equal(("geo-", "api"), Rendered("geo-api"));
        Assert.Equal(("geo-db-", "primary"), Rendered("geo-db-primary"));
        Assert.Null(_fsm.State.ResolvePreparedQuery("other"));
        var byId = Assert.Throws<ParleyException>(() => _fsm.State.ResolvePreparedQuery(Id2));
        Assert.Equal("prepared query templates can only be resolved up by name, not by ID", byId.Message);
    }

    [Fact]
    public async Task Snapshot_RestoresTheQueries()
    {
        _fsm.ApplyOk(new SetPreparedQuery(Template(Id2, "geo-")));
        using var stream = new MemoryStream();
        await _fsm.Machine.WriteSnapshotAsync(stream, TestContext.Current.CancellationToken);
        stream.Position = 0;
        var restored = new Fsm();

        await restored.Machine.RestoreSnapshotAsync(stream, TestContext.Current.CancellationToken);

        Assert.Equal(
            ("geo-", "x"),
            (restored.State.ResolvePreparedQuery("geo-x")!.Name, restored.State.ResolvePreparedQuery("geo-x")!.Service.Service));
        Assert.Equal(_fsm.State.TableIndex(Tables.PreparedQueries), restored.State.TableIndex(Tables.PreparedQueries));
    }

    private (string, string) Rendered(string name) =>
        _fsm.State.ResolvePreparedQuery(name) is { } q ? (q.Name, q.Service.Service) : ("", "");

    private static PreparedQuery Query(string id, string name) => new()
    {
        ID = id,
        Name = name,
        Service = new ServiceQuery { Service = "web" },
    };

    private static PreparedQuery Template(string id, string name) => new()
    {
        ID = id,
        Name = name,
        Template = new QueryTemplate { Type = QueryTemplate.NamePrefixMatch },
        Service = new ServiceQuery { Service = "${name.suffix}" },
    };
}
