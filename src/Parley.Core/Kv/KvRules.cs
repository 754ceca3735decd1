namespace Parley.Core.Kv;

/// <summary>
/// Consul's rules for KV writes (its state store's <c>kvsSetCASTxn</c>, <c>kvsLockTxn</c>, <c>kvsUnlockTxn</c>,
/// <c>kvsDeleteCASTxn</c>), pure: given the stored entry, what the write leaves behind.
/// </summary>
public static class KvRules
{
    /// <summary>Consul's <c>kv_max_value_size</c> default: 512 KiB.</summary>
    public const int MaxValueSize = 512 * 1024;

    /// <summary>A plain set: keeps the creation index, the lock index and the lock holder.</summary>
    public static KvEntry Set(KvEntry? existing, string key, ReadOnlyMemory<byte> value, ulong flags, long index) => new()
    {
        Key = key,
        Value = value,
        Flags = flags,
        Session = existing?.Session ?? "",
        LockIndex = existing?.LockIndex ?? 0,
        CreateIndex = existing?.CreateIndex ?? index,
        ModifyIndex = index,
    };

    /// <summary>Check-and-set: 0 writes only a new key, N only a key whose ModifyIndex is N.</summary>
    public static bool CasMatches(KvEntry? existing, ulong cas) =>
        cas == 0 ? existing is null : existing is not null && (ulong)existing.ModifyIndex == cas;

    /// <summary>
    /// Acquires the lock on a key for <paramref name="session"/>: null when another session holds it. Re-acquiring a
    /// lock one already holds keeps its LockIndex; a new holder increments it (1 for a new key).
    /// </summary>
    public static KvEntry? Lock(KvEntry? existing, string key, ReadOnlyMemory<byte> value, ulong flags, string session, long index)
    {
        if (existing is not null && existing.Session.Length > 0 && existing.Session != session)
        {
            return null;
        }

        var lockIndex = existing is null ? 1 : existing.Session == session ? existing.LockIndex : existing.LockIndex + 1;
        return new KvEntry
        {
            Key = key,
            Value = value,
            Flags = flags,
            Session = session,
            LockIndex = lockIndex,
            CreateIndex = existing?.CreateIndex ?? index,
            ModifyIndex = index,
        };
    }

    /// <summary>Releases the lock if <paramref name="session"/> holds it: null when the key is missing or held by another.</summary>
    public static KvEntry? Unlock(KvEntry? existing, ReadOnlyMemory<byte> value, ulong flags, string session, long index) =>
        existing is null || existing.Session != session
            ? null
            : existing with { Value = value, Flags = flags, Session = "", ModifyIndex = index };

    /// <summary>
    /// Whether a check-and-set delete goes ahead. A key that does not exist counts as deleted (<c>true</c>, nothing to
    /// do), as in Consul; an existing key must have ModifyIndex <paramref name="cas"/>.
    /// </summary>
    public static bool DeleteCasMatches(KvEntry? existing, ulong cas) => existing is null || (ulong)existing.ModifyIndex == cas;

    /// <summary>
    /// The keys answer of <c>?keys&amp;separator=</c>: each key under <paramref name="prefix"/>, cut after the first
    /// separator that follows the prefix, without repeats (keys come sorted, so repeats are adjacent).
    /// </summary>
    public static List<string> ListKeys(IEnumerable<string> sortedKeys, string prefix, string separator)
    {
        var keys = new List<string>();
        foreach (var key in sortedKeys)
        {
            var shown = key;
            if (separator.Length > 0)
            {
                var cut = key.IndexOf(separator, prefix.Length, StringComparison.Ordinal);
                if (cut >= 0)
                {
                    shown = key[..(cut + separator.Length)];
                }
            }

            if (keys.Count == 0 || keys[^1] != shown)
            {
                keys.Add(shown);
            }
        }

        return keys;
    }
}
