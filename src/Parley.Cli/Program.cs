using Parley.Cli;
using Parley.Proxy.Hosting;

if (args is ["connect", "proxy", ..])
{
    // Before the first socket operation: the runtime reads its inline-completion switch only then.
    DataPlaneOptions.PrepareProcess();
}

return await ParleyCli.RunAsync(args, CliContext.FromConsole(), CancellationToken.None).ConfigureAwait(false);
