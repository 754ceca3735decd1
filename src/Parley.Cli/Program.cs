using System.Runtime.CompilerServices;
using Parley.Cli;
using Parley.Proxy.Hosting;

if (args is ["connect", "proxy", ..])
{
    PrepareDataPlane();
}

return await ParleyCli.RunAsync(args, CliContext.FromConsole(), CancellationToken.None).ConfigureAwait(false);

// Before the first socket operation: the runtime reads its inline-completion switch only then. A method of its own, never
// inlined, so that every other command starts without loading the proxy's assembly.
[MethodImpl(MethodImplOptions.NoInlining)]
static void PrepareDataPlane() => DataPlaneOptions.PrepareProcess();
