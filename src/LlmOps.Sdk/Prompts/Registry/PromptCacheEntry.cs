namespace LlmOps.Sdk.Prompts;

/// <summary>The registry's cache slot for one prompt name: the last snapshot and the one load in flight.</summary>
internal sealed class PromptCacheEntry(string name)
{
    public string Name { get; } = name;

    public Lock Gate { get; } = new();

    /// <summary>The last successful read, or <see langword="null"/> before the first.</summary>
    public PromptSnapshot? Current
    {
        get => Volatile.Read(ref field);
        set => Volatile.Write(ref field, value);
    }

    /// <summary>The read in flight, shared by every caller that waits for it; guarded by <see cref="Gate"/>.</summary>
    public Task<PromptSnapshot>? Loading { get; set; }

    /// <summary>1 while a background refresh runs, so there is one at a time per prompt.</summary>
    public int Refreshing;

    /// <summary>How many times a store said this prompt changed; part of the generation a snapshot must match.</summary>
    public int Changes;
}
