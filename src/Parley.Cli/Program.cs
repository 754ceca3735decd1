using Parley.Cli;

return await ParleyCli.RunAsync(args, CliContext.FromConsole(), CancellationToken.None).ConfigureAwait(false);
