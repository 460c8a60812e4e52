namespace LlmOps.Sdk.Tests;

/// <summary>Finds the repository's folder from the test assembly, which works however the build mapped source paths.</summary>
/// <remarks>A CI build maps source paths to <c>/_/</c>, so <c>[CallerFilePath]</c> cannot point at files in the clone.</remarks>
internal static class RepositoryRoot
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>Gets the folder that holds <c>LlmOps.Sdk.sln</c>, or <see langword="null"/> when the tests run outside a clone.</summary>
    public static string? Path => Root.Value;

    private static string? Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "LlmOps.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
