namespace LlmOps.Sdk.Prompts;

/// <summary>What one read of a prompts directory found: each prompt folder's definition or its problems.</summary>
internal sealed class PromptDirectoryScan
{
    /// <summary>Gets each prompt folder's result, by prompt name.</summary>
    public Dictionary<string, PromptFolderScan> Prompts { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets whether a file or folder disappeared while being read, so the directory was mid-change.</summary>
    public bool FilesVanished { get; set; }
}
