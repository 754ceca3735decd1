using CsCheck;
using Parley.State.Commands;
using Parley.State.Store;
using Parley.State.Tests.Support;

namespace Parley.State.Tests.Machine;

/// <summary>
/// Invariants over random logs (over a small universe of names, so that commands overwrite and delete
/// each other): the indexes blocking queries watch, and the secondary indexes.
/// </summary>
public sealed class StateMachinePropertyTests
{
    private const long Iterations = 100;

    [Fact]
    public void Apply_RandomLog_MovesEveryWatchedIndexWhenItsAnswerChanges()
    {
        // The blocking-query contract: if a read's answer changes at index N, the index that read reports
        // (and blocks on) is N afterwards; otherwise a watcher would sleep through the change.
        CommandGen.Log.Sample(
            log =>
            {
                var fsm = new Fsm();
                var before = WatchedAnswers(fsm.State);
                foreach (var (index, command) in log)
                {
                    var result = fsm.ApplyAt(index, command);
                    var after = WatchedAnswers(fsm.State);
                    foreach (var (read, (answer, table)) in after)
                    {
                        var (oldAnswer, oldTable) = before[read];
                        if (answer != oldAnswer)
                        {
                            Assert.True(result.Value is not Exception, $"{read} changed at {index} by a rejected command");
                            Assert.True(table == index, $"{read} changed at {index} but its index is {table}");
                        }
                        else if (read.StartsWith("service ", StringComparison.Ordinal) && IsSingleWrite(command))
                        {
                            // One write that leaves a service's answer alone must not wake its watchers.
                            Assert.True(table == oldTable, $"{read} unchanged at {index} but its index moved to {table}");
                        }
                    }

                    before = after;
                }
            },
            iter: Iterations,
            threads: 1,
            print: LogText.Of);
    }

    [Fact]
    public void Apply_RandomLog_KeepsSecondaryIndexesConsistentWithRows()
    {
        CommandGen.Log.Sample(
            log =>
            {
                var fsm = new Fsm();
                foreach (var (index, command) in log)
                {
                    fsm.ApplyAt(index, command);
                }

                var s = fsm.State;
                foreach (var peer in Universe.Peers)
                {
                    var services = s.Services(peer).ToList();
                    foreach (var name in Universe.ServiceNames)
                    {
                        // The by-name index holds exactly the instances that carry that name.
                        Assert.Equal(Json(services.Where(x => x.Service == name)), Json(s.ServiceInstances(name, peer)));
                    }

                    foreach (var kind in Universe.Kinds)
                    {
                        // So does the by-kind index for each non-typical kind.
                        Assert.Equal(Json(services.Where(x => x.Kind == kind)), Json(s.ServiceInstancesOfKind(kind, peer)));
                    }

                    Assert.Equal(services.Select(x => x.Service).Distinct().Order(StringComparer.Ordinal), s.ServiceNames(peer).Keys);
                    foreach (var check in s.Checks(peer))
                    {
                        Assert.Equal(peer, check.PeerName);
                        Assert.NotNull(s.GetNode(check.Node, peer));
                        if (check.ServiceID.Length > 0)
                        {
                            // Every service check points at a live service and mirrors its name and tags.
                            var service = s.GetService(check.Node, check.ServiceID, peer);
                            Assert.NotNull(service);
                            Assert.Equal(service.Service, check.ServiceName);
                            Assert.Equal(service.Tags, check.ServiceTags);
                        }
                    }

                    foreach (var node in s.Nodes(peer))
                    {
                        // The check index gives each owner (the node, each instance) exactly its checks.
                        var checks = s.NodeChecks(node.Name, peer).ToList();
                        foreach (var owner in checks.Select(c => c.ServiceID).Append("").Distinct())
                        {
                            Assert.Equal(Json(checks.Where(c => c.ServiceID == owner)), Json(s.InstanceChecks(node.Name, owner, peer)));
                        }
                    }

                    foreach (var service in services)
                    {
                        Assert.Equal(peer, service.PeerName);
                        Assert.True(service.CreateIndex <= service.ModifyIndex && service.ModifyIndex <= s.Index);
                    }
                }

                Store.CheckIndexTests.AssertIndexMatchesRows(s);
            },
            iter: Iterations,
            threads: 1,
            print: LogText.Of);
    }

    /// <summary>Each blocking read an API handler serves: its answer (as JSON) and the index it blocks on.</summary>
    private static Dictionary<string, (string Answer, long Index)> WatchedAnswers(StateSnapshot s)
    {
        var answers = new Dictionary<string, (string, long)>();
        foreach (var peer in Universe.Peers)
        {
            foreach (var name in Universe.ServiceNames)
            {
                answers[$"service {peer}/{name}"] = (Json(s.CheckServiceNodes(name, peer)), s.ServiceIndex(name, peer));
            }

            foreach (var kind in Universe.Kinds)
            {
                answers[$"kind {peer}/{kind}"] = (Json(s.CheckServiceNodesOfKind(kind, peer)), s.ServiceKindIndex(kind, peer));
            }

            answers[$"nodes {peer}"] = (Json(s.Nodes(peer)), s.TableIndex(Tables.Nodes));
            answers[$"services {peer}"] = (Json(s.ServiceNames(peer)), s.TableIndex(Tables.Services));
            answers[$"checks {peer}"] = (Json(s.Checks(peer)), s.TableIndex(Tables.Checks));
        }

        foreach (var kind in Universe.ConfigKinds)
        {
            answers[$"config {kind}"] = (Json(s.ConfigEntries(kind).Select(e => e.ToJson())), s.TableIndex(Tables.ConfigKind(kind)));
        }

        answers["config"] = (Json(s.ConfigEntries().Select(e => e.ToJson())), s.TableIndex(Tables.ConfigEntries));
        return answers;
    }

    /// <summary>
    /// True for a command that writes each row at most once. A batch, or a registration naming one check
    /// twice, passes through intermediate states whose wake-ups are allowed.
    /// </summary>
    private static bool IsSingleWrite(Command command) => command switch
    {
        Batch => false,
        RegisterCatalog r => r.Checks.Select(c => c.CheckID).Distinct().Count() == r.Checks.Count,
        _ => true,
    };

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value);
}
