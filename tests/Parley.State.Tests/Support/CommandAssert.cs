using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Catalog;
using Parley.State.Commands;

namespace Parley.State.Tests.Support;

/// <summary>
/// Deep equality for commands. Records compare their lists, maps and JSON bodies by reference, so a
/// decoded command never equals the original with <c>Assert.Equal</c>; this walks every field instead.
/// </summary>
internal static class CommandAssert
{
    public static void Equal(Command expected, Command actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        switch (expected, actual)
        {
            case (RegisterCatalog e, RegisterCatalog a):
                Equal(e.Node, a.Node);
                Assert.Equal(e.Service is null, a.Service is null);
                if (e.Service is not null)
                {
                    Equal(e.Service, a.Service!);
                }

                Assert.Equal(e.Checks.Count, a.Checks.Count);
                for (var i = 0; i < e.Checks.Count; i++)
                {
                    Equal(e.Checks[i], a.Checks[i]);
                }

                Assert.Equal(e.SkipNodeUpdate, a.SkipNodeUpdate);
                break;
            case (SetConfigEntry e, SetConfigEntry a):
                Assert.Equal((e.Kind, e.Name, e.Cas), (a.Kind, a.Name, a.Cas));
                Assert.True(JsonNode.DeepEquals(e.Body, a.Body), $"{e.Body.ToJsonString()} != {a.Body.ToJsonString()}");
                break;
            case (Batch e, Batch a):
                Assert.Equal(e.Commands.Count, a.Commands.Count);
                for (var i = 0; i < e.Commands.Count; i++)
                {
                    Equal(e.Commands[i], a.Commands[i]);
                }

                break;
            case (Transaction e, Transaction a):
                // Every op's JSON form (its byte values, maps and nested rows) compares field by field.
                Assert.Equal(e.Now, a.Now);
                Assert.Equal(e.Ops.Select(Json), a.Ops.Select(Json));
                break;
            case (SetPreparedQuery e, SetPreparedQuery a):
                // A query nests lists and maps at several levels: its JSON form compares every field by value.
                Assert.Equal(JsonSerializer.Serialize(e.Query), JsonSerializer.Serialize(a.Query));
                break;
            default:
                // The remaining commands hold only strings and numbers, so record equality is deep.
                Assert.Equal(expected, actual);
                break;
        }
    }

    private static string Json(TxnOp op) => JsonSerializer.Serialize(op);

    public static void Equal(Node e, Node a)
    {
        Assert.True(e.SameAs(a), $"nodes differ: {e} != {a}");
        Assert.Equal(e.Meta, a.Meta);
        Assert.Equal(e.TaggedAddresses, a.TaggedAddresses);
        Assert.Equal((e.CreateIndex, e.ModifyIndex), (a.CreateIndex, a.ModifyIndex));
    }

    public static void Equal(ServiceInstance e, ServiceInstance a)
    {
        Assert.True(e.SameAs(a), $"services differ: {e} != {a}");
        Assert.Equal(e.Tags, a.Tags);
        Assert.Equal(e.TaggedAddresses, a.TaggedAddresses);
        Assert.Equal(e.Meta, a.Meta);
        Assert.Equal((e.CreateIndex, e.ModifyIndex), (a.CreateIndex, a.ModifyIndex));
    }

    public static void Equal(HealthCheck e, HealthCheck a)
    {
        Assert.True(e.SameAs(a), $"checks differ: {e} != {a}");
        Assert.Equal(e.ServiceTags, a.ServiceTags);
        Assert.Equal((e.CreateIndex, e.ModifyIndex), (a.CreateIndex, a.ModifyIndex));
    }
}
