namespace Parley.Mesh.Ca;

/// <summary>Settings of <see cref="ConnectCaPruner"/>.</summary>
public sealed class ConnectCaPrunerOptions
{
    /// <summary>How often a server that does not lead checks whether it now does. Defaults to 1 second.</summary>
    public TimeSpan LeaderPoll { get; set; } = TimeSpan.FromSeconds(1);
}
