using System.Text.Json.Nodes;
using Parley.State.Commands;
using Parley.State.Store;
using Parley.State.Tests.Support;

namespace Parley.State.Tests.Machine;

public sealed class StateMachineConfigTests
{
    private const string Kind = "service-defaults";

    private readonly Fsm _fsm = new();

    [Fact]
    public void Apply_SetConfigEntry_StoresBodyWithApplyIndexes()
    {
        var result = _fsm.ApplyAt(5, Set("web", "http"));

        Assert.Equal(new CommandResult(5, true), result);
        var entry = _fsm.State.GetConfigEntry(Kind, "web")!;
        Assert.Equal((Kind, "web", 5L, 5L), (entry.Kind, entry.Name, entry.CreateIndex, entry.ModifyIndex));
        Assert.Equal("http", (string?)entry.Body["Protocol"]);
        var json = entry.ToJson();
        Assert.Equal((5L, 5L), ((long)json["CreateIndex"]!, (long)json["ModifyIndex"]!));
        Assert.Equal(5, _fsm.State.TableIndex(Tables.ConfigEntries));
        Assert.Equal(5, _fsm.State.TableIndex(Tables.ConfigKind(Kind)));
        Assert.Equal(0, _fsm.State.TableIndex(Tables.ConfigKind("proxy-defaults")));
    }

    [Fact]
    public void Apply_SetExistingEntry_KeepsCreateIndex()
    {
        _fsm.ApplyAt(5, Set("web", "http"));

        _fsm.ApplyAt(8, Set("web", "grpc"));

        var entry = _fsm.State.GetConfigEntry(Kind, "web")!;
        Assert.Equal((5L, 8L), (entry.CreateIndex, entry.ModifyIndex));
        Assert.Equal("grpc", (string?)entry.Body["Protocol"]);
    }

    [Fact]
    public void Apply_SetWithCasZeroWhenAbsent_Writes()
    {
        var result = _fsm.ApplyAt(5, Set("web", "http", cas: 0));

        Assert.Equal(true, result.Value);
        Assert.NotNull(_fsm.State.GetConfigEntry(Kind, "web"));
    }

    [Fact]
    public void Apply_SetWithCasZeroWhenPresent_ReturnsFalseAndWritesNothing()
    {
        _fsm.ApplyAt(5, Set("web", "http"));

        var result = _fsm.ApplyAt(6, Set("web", "grpc", cas: 0));

        Assert.Equal(new CommandResult(6, false), result);
        AssertUnchanged("web", "http", modifyIndex: 5);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(99)]
    public void Apply_SetWithMismatchedCas_ReturnsFalseAndWritesNothing(long cas)
    {
        _fsm.ApplyAt(5, Set("web", "http"));

        var result = _fsm.ApplyAt(7, Set("web", "grpc", cas));

        Assert.Equal(new CommandResult(7, false), result);
        AssertUnchanged("web", "http", modifyIndex: 5);
    }

    [Fact]
    public void Apply_SetWithNonZeroCasWhenAbsent_ReturnsFalse()
    {
        var result = _fsm.ApplyAt(5, Set("web", "http", cas: 3));

        Assert.Equal(false, result.Value);
        Assert.Null(_fsm.State.GetConfigEntry(Kind, "web"));
        Assert.Equal(0, _fsm.State.TableIndex(Tables.ConfigEntries));
    }

    [Fact]
    public void Apply_SetWithMatchingCas_Writes()
    {
        _fsm.ApplyAt(5, Set("web", "http"));

        var result = _fsm.ApplyAt(7, Set("web", "grpc", cas: 5));

        Assert.Equal(true, result.Value);
        var entry = _fsm.State.GetConfigEntry(Kind, "web")!;
        Assert.Equal(("grpc", 7L), ((string?)entry.Body["Protocol"], entry.ModifyIndex));
    }

    [Fact]
    public void Apply_DeleteWithoutCas_RemovesEntry()
    {
        _fsm.ApplyAt(5, Set("web", "http"));

        var result = _fsm.ApplyAt(6, new DeleteConfigEntry(Kind, "web"));

        Assert.Equal(new CommandResult(6, true), result);
        Assert.Null(_fsm.State.GetConfigEntry(Kind, "web"));
        Assert.Equal(6, _fsm.State.TableIndex(Tables.ConfigKind(Kind)));
    }

    [Fact]
    public void Apply_DeleteMissingWithoutCas_SucceedsWithoutTouchingIndexes()
    {
        var result = _fsm.ApplyAt(5, new DeleteConfigEntry(Kind, "web"));

        Assert.Equal(true, result.Value);
        Assert.Equal(0, _fsm.State.TableIndex(Tables.ConfigEntries));
    }

    [Fact]
    public void Apply_DeleteWithMismatchedCas_ReturnsFalseAndKeepsEntry()
    {
        _fsm.ApplyAt(5, Set("web", "http"));

        var result = _fsm.ApplyAt(6, new DeleteConfigEntry(Kind, "web", Cas: 4));

        Assert.Equal(false, result.Value);
        AssertUnchanged("web", "http", modifyIndex: 5);
    }

    [Fact]
    public void Apply_DeleteWithMatchingCas_RemovesEntry()
    {
        _fsm.ApplyAt(5, Set("web", "http"));

        var result = _fsm.ApplyAt(6, new DeleteConfigEntry(Kind, "web", Cas: 5));

        Assert.Equal(true, result.Value);
        Assert.Null(_fsm.State.GetConfigEntry(Kind, "web"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Apply_DeleteMissingWithCas_ReturnsFalse(long cas)
    {
        // Consul's DeleteConfigEntryCAS answers false when there is nothing to delete, whatever the index.
        var result = _fsm.ApplyAt(5, new DeleteConfigEntry(Kind, "web", Cas: cas));

        Assert.Equal(false, result.Value);
    }

    [Fact]
    public void ConfigEntries_SeveralKinds_ListsOneKindOrderedByName()
    {
        _fsm.Apply(Set("web", "http"));
        _fsm.Apply(new SetConfigEntry("proxy-defaults", "global", new JsonObject { ["Mode"] = "direct" }));
        _fsm.Apply(Set("api", "grpc"));
        _fsm.Apply(new SetConfigEntry("service-defaults-x", "zzz", new JsonObject()));

        var s = _fsm.State;
        Assert.Equal(["api", "web"], s.ConfigEntries(Kind).Select(e => e.Name));
        Assert.Equal(["global"], s.ConfigEntries("proxy-defaults").Select(e => e.Name));
        Assert.Empty(s.ConfigEntries("mesh"));
        Assert.Equal(4, s.ConfigEntries().Count());
    }

    [Fact]
    public void ToJson_StoredEntry_DoesNotAlterTheStoredBody()
    {
        _fsm.Apply(Set("web", "http"));
        var entry = _fsm.State.GetConfigEntry(Kind, "web")!;

        var json = entry.ToJson();
        json["Protocol"] = "tcp";

        Assert.Equal("http", (string?)entry.Body["Protocol"]);
        Assert.Null(entry.Body["ModifyIndex"]);
    }

    private static SetConfigEntry Set(string name, string protocol, long? cas = null) =>
        new(Kind, name, new JsonObject { ["Kind"] = Kind, ["Name"] = name, ["Protocol"] = protocol }, cas);

    private void AssertUnchanged(string name, string protocol, long modifyIndex)
    {
        var entry = _fsm.State.GetConfigEntry(Kind, name)!;
        Assert.Equal((protocol, modifyIndex), ((string?)entry.Body["Protocol"], entry.ModifyIndex));
        Assert.Equal(modifyIndex, _fsm.State.TableIndex(Tables.ConfigKind(Kind)));
        Assert.Equal(modifyIndex, _fsm.State.TableIndex(Tables.ConfigEntries));
    }
}
