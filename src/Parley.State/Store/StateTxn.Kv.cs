using System.Collections.Immutable;
using Parley.Core;
using Parley.Core.Kv;

namespace Parley.State.Store;

internal sealed partial class StateTxn
{
    public KvEntry? GetKv(string key) => _kv.GetValueOrDefault(key);

    public Core.Kv.Session? GetSession(string id) => _sessions.GetValueOrDefault(id);

    /// <summary>Applies one KV write with Consul's rules (<see cref="KvRules"/>); the answer is true/false.</summary>
    /// <exception cref="ParleyException">A lock verb without a session, or naming a session that does not exist.</exception>
    public bool ApplyKv(KvVerb verb, string key, ReadOnlyMemory<byte> value, ulong flags, ulong cas, string session, DateTimeOffset now)
    {
        if (key.Length == 0 && verb != KvVerb.DeleteTree)
        {
            throw ParleyException.Invalid("Must provide key");
        }

        var existing = GetKv(key);
        switch (verb)
        {
            case KvVerb.Set:
                PutKv(KvRules.Set(existing, key, value, flags, _index));
                return true;
            case KvVerb.Cas:
                if (!KvRules.CasMatches(existing, cas))
                {
                    return false;
                }

                PutKv(KvRules.Set(existing, key, value, flags, _index));
                return true;
            case KvVerb.Lock:
                return Lock(existing, key, value, flags, session, now);
            case KvVerb.Unlock:
                RequireSessionName(session);
                if (KvRules.Unlock(existing, value, flags, session, _index) is not { } unlocked)
                {
                    return false;
                }

                PutKv(unlocked);
                return true;
            case KvVerb.Delete:
                DeleteKv(key);
                return true;
            case KvVerb.DeleteCas:
                if (!KvRules.DeleteCasMatches(existing, cas))
                {
                    return false;
                }

                DeleteKv(key);
                return true;
            case KvVerb.DeleteTree:
                foreach (var k in KvTables.InRange(_kvKeys.ToImmutable(), key).ToList())
                {
                    DeleteKv(k);
                }

                return true;
            default:
                throw ParleyException.Invalid($"Invalid KV operation \"{verb}\"");
        }
    }

    private bool Lock(KvEntry? existing, string key, ReadOnlyMemory<byte> value, ulong flags, string session, DateTimeOffset now)
    {
        RequireSessionName(session);
        var holder = GetSession(session) ?? throw ParleyException.Rejected($"invalid session \"{session}\"");

        // Consul enforces the lock-delay on the leader before the write is ordered; here the writer's clock travels in
        // the command, so every server makes the same decision.
        if (_lockDelays.TryGetValue(key, out var until))
        {
            if (now < until)
            {
                return false;
            }

            _lockDelays.Remove(key);
        }

        // A session whose node or checks already failed is about to be destroyed by the leader; it takes no new locks.
        if (SessionRules.IsInvalidated(holder, GetNode("", holder.Node) is not null, id => GetCheckRow(holder.Node, id)))
        {
            return false;
        }

        if (KvRules.Lock(existing, key, value, flags, session, _index) is not { } locked)
        {
            return false;
        }

        PutKv(locked);
        return true;
    }

    private Core.Catalog.HealthCheck? GetCheckRow(string node, string checkId) =>
        _checks.TryGetValue(Keys.Node("", node), out var rows) ? rows.GetValueOrDefault(checkId) : null;

    private static void RequireSessionName(string session)
    {
        if (session.Length == 0)
        {
            throw ParleyException.Rejected("missing session");
        }
    }

    private void PutKv(KvEntry entry)
    {
        var old = GetKv(entry.Key);
        if (old is not null && old.Session != entry.Session && old.Session.Length > 0)
        {
            SetHeld(old.Session, entry.Key, held: false);
        }

        if (entry.Session.Length > 0)
        {
            SetHeld(entry.Session, entry.Key, held: true);
        }

        _kv[entry.Key] = entry;
        _kvKeys.Add(entry.Key);
        if (_tombstones.Remove(entry.Key))
        {
            // The new entry's ModifyIndex is past the tombstone's, so no range index goes back by forgetting it.
            _tombstoneKeys.Remove(entry.Key);
        }

        Touch(Tables.Kvs);
    }

    private void DeleteKv(string key)
    {
        if (GetKv(key) is not { } old)
        {
            return;
        }

        if (old.Session.Length > 0)
        {
            SetHeld(old.Session, key, held: false);
        }

        _kv.Remove(key);
        _kvKeys.Remove(key);
        _tombstones[key] = _index;
        _tombstoneKeys.Add(key);
        Touch(Tables.Kvs);
    }

    private void SetHeld(string session, string key, bool held)
    {
        var keys = _keysBySession.GetValueOrDefault(session) ?? ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
        keys = held ? keys.Add(key) : keys.Remove(key);
        if (keys.Count == 0)
        {
            _keysBySession.Remove(session);
        }
        else
        {
            _keysBySession[session] = keys;
        }
    }

    /// <summary>Creates a session; its node must exist and its checks exist and not be critical (Consul's texts).</summary>
    public string CreateSession(Core.Kv.Session session)
    {
        if (session.ID.Length == 0)
        {
            throw ParleyException.Invalid("Missing session ID");
        }

        if (GetSession(session.ID) is not null)
        {
            throw ParleyException.Rejected($"Session '{session.ID}' already exists");
        }

        if (SessionRules.CreateError(session, GetNode("", session.Node) is not null, id => GetCheckRow(session.Node, id)) is { } error)
        {
            throw ParleyException.Rejected(error);
        }

        _sessions[session.ID] = session with { CreateIndex = _index, ModifyIndex = _index };
        Touch(Tables.Sessions);
        return session.ID;
    }

    /// <summary>
    /// Destroys a session: its keys are released (ModifyIndex moves, LockIndex stays) or deleted by its Behavior, and
    /// each stays unlockable until <paramref name="now"/> plus its LockDelay. A missing session is not an error.
    /// </summary>
    public bool DestroySession(string id, DateTimeOffset now)
    {
        if (GetSession(id) is not { } session)
        {
            return true;
        }

        // Delays that have run out are forgotten here, the one write that knows the time and adds new ones.
        foreach (var expired in _lockDelays.Where(d => d.Value <= now).Select(d => d.Key).ToList())
        {
            _lockDelays.Remove(expired);
        }

        foreach (var key in _keysBySession.GetValueOrDefault(id) ?? [])
        {
            if (session.LockDelay > TimeSpan.Zero)
            {
                _lockDelays[key] = now + session.LockDelay;
            }

            if (session.Behavior == SessionRules.BehaviorDelete)
            {
                DeleteKv(key);
            }
            else if (GetKv(key) is { } held)
            {
                PutKv(held with { Session = "", ModifyIndex = _index });
            }
        }

        _keysBySession.Remove(id);
        _sessions.Remove(id);

        // Consul deletes the prepared queries bound to a session when it ends: that is what binding them means.
        foreach (var query in _queries.Values.Where(q => q.Session == id).Select(q => q.ID).ToList())
        {
            DeletePreparedQuery(query);
        }

        Touch(Tables.Sessions);
        return true;
    }
}
