using System.Globalization;
using System.Text.Json.Nodes;
using Parley.Api.Http;
using Parley.Core.Acl;
using Parley.Core.Kv;
using Parley.State.Commands;
using static Parley.Api.Txn.TxnJson;

namespace Parley.Api.Txn;

/// <summary>The KV ops of <c>PUT /v1/txn</c>: <c>{"KV": {"Verb", "Key", "Value", "Flags", "Index", "Session"}}</c>.</summary>
internal static class TxnKvOps
{
    private static readonly Dictionary<string, KvVerb> Verbs = new(StringComparer.Ordinal)
    {
        ["set"] = KvVerb.Set,
        ["cas"] = KvVerb.Cas,
        ["lock"] = KvVerb.Lock,
        ["unlock"] = KvVerb.Unlock,
        ["get"] = KvVerb.Get,
        ["get-tree"] = KvVerb.GetTree,
        ["check-index"] = KvVerb.CheckIndex,
        ["check-session"] = KvVerb.CheckSession,
        ["check-not-exists"] = KvVerb.CheckNotExists,
        ["delete"] = KvVerb.Delete,
        ["delete-tree"] = KvVerb.DeleteTree,
        ["delete-cas"] = KvVerb.DeleteCas,
    };

    /// <summary>The op, or Consul's failure for an unknown verb.</summary>
    /// <exception cref="ApiException">413 for a value over Consul's limit.</exception>
    public static (TxnOp? Op, string? Error) Decode(JsonObject kv, DateTimeOffset now)
    {
        var verbText = Text(kv, "Verb");
        if (!Verbs.TryGetValue(verbText, out var verb))
        {
            return (null, $"unknown KV verb \"{verbText}\"");
        }

        var value = Field(kv, "Value")?.GetValue<string>() is { } base64 ? Convert.FromBase64String(base64) : [];
        var key = Text(kv, "Key");
        if (value.Length > KvRules.MaxValueSize)
        {
            throw new ApiException(StatusCodes.Status413PayloadTooLarge,
                string.Create(
                    CultureInfo.InvariantCulture, $"Value for key \"{key}\" is too large ({value.Length} > {KvRules.MaxValueSize} bytes)"));
        }

        return (
            new TxnKvOp(new ApplyKv(verb, key, value, Number(Field(kv, "Flags")), Number(Field(kv, "Index")), Text(kv, "Session"), now)),
            null);
    }

    /// <summary>Consul's <c>kvsPreApply</c>: the refusal of one op, reported among the transaction's errors; null when allowed.</summary>
    public static string? Denied(AclAuthorizer authorizer, ApplyKv op)
    {
        var (allowed, access) = op.Verb switch
        {
            // Reads are filtered on the way out instead.
            KvVerb.Get or KvVerb.GetTree => (true, AclAccess.Read),
            KvVerb.CheckIndex or KvVerb.CheckSession or KvVerb.CheckNotExists => (
                authorizer.Allows(AclResource.Key, AclAccess.Read, op.Key),
                AclAccess.Read),
            KvVerb.DeleteTree => (authorizer.AllowsWriteUnder(AclResource.Key, op.Key), AclAccess.Write),
            _ => (authorizer.Allows(AclResource.Key, AclAccess.Write, op.Key), AclAccess.Write),
        };
        return allowed ? null : AclAuthorizer.DeniedMessage(authorizer.AccessorId, AclResource.Key, access, op.Key);
    }
}
