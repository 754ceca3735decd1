namespace Parley.Ui.Tests.Infrastructure;

/// <summary>Where screenshots go: <c>PARLEY_UI_SCREENSHOTS</c>, else <c>TestResults/ui-screenshots</c> under this project.</summary>
public static class Screenshots
{
    public static string Directory { get; } = Resolve();

    public static string PathFor(string name)
    {
        var safe = string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-'));
        return Path.Combine(Directory, safe + ".png");
    }

    private static string Resolve()
    {
        var dir = Environment.GetEnvironmentVariable("PARLEY_UI_SCREENSHOTS");
        if (string.IsNullOrEmpty(dir))
        {
            // bin/<config>/net10.0 -> the project folder, so the pictures sit next to the tests that made them.
            var project = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Parent?.Parent?.FullName ?? AppContext.BaseDirectory;
            dir = Path.Combine(project, "TestResults", "ui-screenshots");
        }

        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }
}
