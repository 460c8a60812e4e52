namespace LlmOps.Sdk.Prompts;

/// <summary>A write to a prompt store lost a race or broke immutability: the store holds something else than the caller assumed.</summary>
/// <remarks>The message names the prompt, the label or version, what the caller expected and what the store holds.</remarks>
public sealed class PromptConflictException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="PromptConflictException"/> class.</summary>
    public PromptConflictException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PromptConflictException"/> class with a message.</summary>
    /// <param name="message">What conflicted and how to resolve it.</param>
    public PromptConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PromptConflictException"/> class with a message and a cause.</summary>
    /// <param name="message">What conflicted and how to resolve it.</param>
    /// <param name="innerException">The store's own error, if any.</param>
    public PromptConflictException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the prompt's name.</summary>
    public string? PromptName { get; init; }

    /// <summary>Gets the label involved, for a label conflict.</summary>
    public string? Label { get; init; }

    /// <summary>Gets the version involved, for a publish conflict.</summary>
    public int? Version { get; init; }

    /// <summary>Gets what the caller expected the label to point at.</summary>
    public IReadOnlyList<PromptVersionWeight>? Expected { get; init; }

    /// <summary>Gets what the label points at in the store.</summary>
    public IReadOnlyList<PromptVersionWeight>? Actual { get; init; }
}
