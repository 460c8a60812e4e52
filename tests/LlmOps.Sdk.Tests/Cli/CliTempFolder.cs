namespace LlmOps.Sdk.Tests.Cli;

/// <summary>A folder of its own for one test, deleted when the test ends.</summary>
internal sealed class CliTempFolder : IDisposable
{
    public CliTempFolder()
    {
        Path = Directory.CreateTempSubdirectory("llmops-cli-").FullName;
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> to <paramref name="relativePath"/>, creating its folders, and returns the full path.</summary>
    public string Write(string relativePath, string text)
    {
        var path = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!); // a path under Path has a folder
        File.WriteAllText(path, text);
        return path;
    }

    public string Combine(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a file still open on a slow machine: the OS cleans temp folders
        }
    }
}
