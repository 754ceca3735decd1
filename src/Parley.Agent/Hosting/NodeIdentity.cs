namespace Parley.Agent.Hosting;

/// <summary>The node id: generated once and kept in the data dir (<c>node-id</c>), as Consul does.</summary>
internal static class NodeIdentity
{
    public static string LoadOrCreate(string dataDir)
    {
        var file = Path.Combine(dataDir, "node-id");
        if (File.Exists(file) && Guid.TryParse(File.ReadAllText(file).Trim(), out var existing))
        {
            return existing.ToString();
        }

        var id = Guid.NewGuid().ToString();
        File.WriteAllText(file, id);
        return id;
    }
}
