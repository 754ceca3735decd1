using System.Text.Json.Serialization;

namespace Parley.Core.Kv;

/// <summary>What a KV write does (Consul's <c>api.KVOp</c> write verbs). The names are part of the log format.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KvVerb>))]
public enum KvVerb
{
    /// <summary>Write the value and flags; a lock holder, if any, keeps the lock.</summary>
    Set,

    /// <summary>Write only if the key's ModifyIndex equals the given index (0: only if the key does not exist).</summary>
    Cas,

    /// <summary>Acquire the lock for a session and write the value.</summary>
    Lock,

    /// <summary>Release the lock held by a session and write the value.</summary>
    Unlock,

    /// <summary>Delete one key.</summary>
    Delete,

    /// <summary>Delete one key only if its ModifyIndex equals the given index.</summary>
    DeleteCas,

    /// <summary>Delete every key under a prefix.</summary>
    DeleteTree,

    /// <summary>Transactions only: read one key (fails when it does not exist).</summary>
    Get,

    /// <summary>Transactions only: read every key under a prefix.</summary>
    GetTree,

    /// <summary>Transactions only: fail unless the key is locked by the given session.</summary>
    CheckSession,

    /// <summary>Transactions only: fail unless the key's ModifyIndex equals the given index.</summary>
    CheckIndex,

    /// <summary>Transactions only: fail if the key exists.</summary>
    CheckNotExists,
}
