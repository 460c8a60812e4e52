namespace LlmOps.Sdk.Tests.Prompts;

/// <summary>A temporary prompts directory that tests write files into and that disappears afterwards.</summary>
internal sealed class PromptDirectory : IDisposable
{
    public PromptDirectory()
    {
        Root = Path.Combine(Path.GetTempPath(), "llmops-prompts-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!); // a path under Root always has a directory
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the folder for a moment; the temp folder is cleaned by the OS later.
        }
    }
}
