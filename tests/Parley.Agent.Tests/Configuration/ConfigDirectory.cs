namespace Parley.Agent.Tests.Configuration;

/// <summary>A temporary folder of config files for one test, deleted afterwards.</summary>
internal sealed class ConfigDirectory : IDisposable
{
    public ConfigDirectory() => Path = Directory.CreateTempSubdirectory("parley-config-").FullName;

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> (relative to the folder) and returns its full path.</summary>
    public string Write(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder does not fail a test.
        }
    }
}
