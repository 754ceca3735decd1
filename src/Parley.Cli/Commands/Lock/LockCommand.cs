using System.CommandLine;
using System.Diagnostics;
using Parley.Client;

namespace Parley.Cli.Commands.Lock;

/// <summary>
/// <c>parley lock [-n N] [-timeout D] [-name S] [-shell] [-verbose] [-child-exit-code] PREFIX CHILD...</c>: runs CHILD
/// while holding a lock (or, with <c>-n</c> above 1, one of N semaphore slots) under PREFIX, as Consul's <c>consul
/// lock</c> does on KV and a TTL session; the child is killed if the lock is lost.
/// </summary>
internal static class LockCommand
{
    /// <summary>Consul's <c>DefaultLockSessionTTL</c>; the session is renewed at half of it.</summary>
    private static readonly TimeSpan SessionTtl = TimeSpan.FromSeconds(15);

    public static Command Create(CliContext context)
    {
        var connection = new ConnectionOptions();
        var limit =
            CliOptions.Create<int>("n",
            "Optional limit on the number of concurrent lock holders. The underlying implementation switches from a lock to a " +
            "semaphore when increased past one. The default value is 1.");
        limit.DefaultValueFactory = _ => 1;
        var timeout = CliOptions.Create<string?>(
            "timeout",
            "Maximum amount of time to wait to acquire the lock. The default value is 0 (wait forever).");
        var name = CliOptions.Create<string?>(
            "name",
            "Optional name to associate with the lock session. It not provided, one is generated based on the provided child command.");
        var shell = CliOptions.Create<bool>(
            "shell",
            "Use a shell to run the command (can set a custom shell via the SHELL environment variable). The default value is true.");
        shell.DefaultValueFactory = _ => true;
        var verbose = CliOptions.Create<bool>("verbose", "Enable verbose (debugging) output.");
        var childExitCode =
            CliOptions.Create<bool>("child-exit-code",
            "Exit 2 if the child process exited with an error if this is true," +
            " otherwise this doesn't propagate an error from the child. The default value is false.");
        var arguments = new Argument<string[]>("prefix-and-child") { Arity = ArgumentArity.ZeroOrMore };
        var command = connection.AddTo(
            new Command("lock", "Execute a command holding a lock") { limit, timeout, name, shell, verbose, childExitCode, arguments });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var args = parseResult.GetValue(arguments) ?? [];
            if (args.Length < 2)
            {
                context.Error.WriteLine("Key prefix and child command must be specified");
                return 1;
            }

            var holders = parseResult.GetValue(limit);
            if (holders < 1)
            {
                context.Error.WriteLine("Lock holder limit must be positive");
                return 1;
            }

            var wait = Timeout.InfiniteTimeSpan;
            if (parseResult.GetValue(timeout) is { Length: > 0 } text)
            {
                if (!Core.Go.GoDuration.TryParse(text, out wait))
                {
                    context.Error.WriteLine($"Invalid -timeout value: {text}");
                    return 1;
                }

                wait = wait == TimeSpan.Zero ? Timeout.InfiniteTimeSpan : wait;
            }

            var prefix = args[0].Trim('/');
            var child = string.Join(' ', args[1..]);
            var talk = parseResult.GetValue(verbose);
            using var client = connection.TryCreateClient(parseResult, context);
            if (client is null)
            {
                return 1;
            }

            var sessionName = parseResult.GetValue(name) is { Length: > 0 } n ? n : $"Consul lock for '{child}' at '{prefix}'";
            string session;
            try
            {
                session = await client.Session.CreateAsync(
                    new SessionEntry { Name = sessionName, TTL = "15s" },
                    cancellationToken: cancellationToken);
            }
            catch (Exception exception) when (ClientErrors.IsReportable(exception))
            {
                context.Error.WriteLine($"Lock acquisition failed: failed to create session: {exception.Message}");
                return 1;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var renewal = RenewAsync(client, session, stop.Token);
            try
            {
                if (talk)
                {
                    context.Out.WriteLine($"Setting up lock at path: {prefix}/.lock");
                    context.Out.WriteLine("Attempting lock acquisition");
                }

                IHeldLock held;
                using (var acquisition = CancellationTokenSource.CreateLinkedTokenSource(stop.Token))
                {
                    acquisition.CancelAfter(wait);
                    try
                    {
                        held = holders == 1
                            ? await AcquireLockAsync(new KvLock(client, prefix + "/.lock", session), acquisition.Token)
                            : await AcquireSemaphoreAsync(new KvSemaphore(client, prefix, holders, session), acquisition.Token);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        context.Error.WriteLine("Shutdown triggered or timeout during lock acquisition");
                        return 1;
                    }
                    catch (Exception exception) when (exception is InvalidOperationException || ClientErrors.IsReportable(exception))
                    {
                        context.Error.WriteLine($"Lock acquisition failed: {exception.Message}");
                        return 1;
                    }
                }

                if (talk)
                {
                    context.Out.WriteLine("Starting handler");
                }

                var exitCode = await RunChildAsync(child, parseResult.GetValue(shell), held.Lost, context, cancellationToken);
                try
                {
                    await held.ReleaseAsync(CancellationToken.None);
                    if (talk)
                    {
                        context.Out.WriteLine("Cleanup succeeded");
                    }
                }
                catch (Exception exception) when (ClientErrors.IsReportable(exception))
                {
                    context.Error.WriteLine($"Lock release failed: {exception.Message}");
                }

                // As Consul: a failing child fails the command only with -child-exit-code (then with 2).
                return exitCode != 0 && parseResult.GetValue(childExitCode) ? 2 : 0;
            }
            finally
            {
                await stop.CancelAsync();
                await renewal;
                try
                {
                    await client.Session.DestroyAsync(session, cancellationToken: CancellationToken.None);
                }
                catch (Exception exception) when (ClientErrors.IsReportable(exception))
                {
                    context.Error.WriteLine($"Lock cleanup failed: {exception.Message}");
                }
            }
        });
        return command;
    }

    private static async Task<IHeldLock> AcquireLockAsync(KvLock kvLock, CancellationToken cancellationToken)
    {
        await kvLock.AcquireAsync(cancellationToken);
        return kvLock;
    }

    private static async Task<IHeldLock> AcquireSemaphoreAsync(KvSemaphore semaphore, CancellationToken cancellationToken)
    {
        await semaphore.AcquireAsync(cancellationToken);
        return semaphore;
    }

    /// <summary>Renews the session at half its TTL (Consul's <c>RenewPeriodic</c>) until stopped.</summary>
    private static async Task RenewAsync(ParleyClient client, string session, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(SessionTtl / 2, cancellationToken);
                try
                {
                    if (await client.Session.RenewAsync(session, cancellationToken: cancellationToken) is null)
                    {
                        return;
                    }
                }
                catch (Exception exception) when (ClientErrors.IsReportable(exception))
                {
                    // A missed renewal is retried at the next half-TTL; the session survives one (it expires after 2x TTL).
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Runs the child with this process's standard streams; kills it if the lock is lost first.</summary>
    private static async Task<int> RunChildAsync(
        string child,
        bool useShell,
        Task lost,
        CliContext context,
        CancellationToken cancellationToken)
    {
        var start = useShell
            ? new ProcessStartInfo(Environment.GetEnvironmentVariable("SHELL") is { Length: > 0 } sh ? sh : "/bin/sh")
            {
                ArgumentList = { "-c", child },
            }
            : new ProcessStartInfo(child.Split(' ')[0], child.Split(' ').Skip(1));
        start.UseShellExecute = false;
        using var process = Process.Start(start)!;
        var exited = process.WaitForExitAsync(cancellationToken);
        if (await Task.WhenAny(exited, lost) == lost && !process.HasExited)
        {
            context.Error.WriteLine("Lock lost, killing child");
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(CancellationToken.None);
        if (process.ExitCode != 0)
        {
            context.Error.WriteLine($"Error running handler: exit status {process.ExitCode}");
        }

        return process.ExitCode;
    }
}
