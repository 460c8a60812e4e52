namespace LlmOps.Sdk.Prompts;

/// <summary>A prompt could not be loaded, resolved or rendered; the message names it and says how to fix it.</summary>
public sealed class PromptException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="PromptException"/> class.</summary>
    public PromptException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PromptException"/> class with a message.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    public PromptException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PromptException"/> class with a message and its cause.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public PromptException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the prompt's name, when one is involved.</summary>
    public string? PromptName { get; init; }

    /// <summary>Gets the version, when one is involved.</summary>
    public int? Version { get; init; }

    /// <summary>Gets the label, when one is involved.</summary>
    public string? Label { get; init; }

    /// <summary>Gets the file involved, when the prompt came from a file.</summary>
    public string? FilePath { get; init; }

    /// <summary>Gets the 1-based line in <see cref="FilePath"/>, when known.</summary>
    public int? Line { get; init; }

    /// <summary>Gets the 1-based column in <see cref="FilePath"/>, when known.</summary>
    public int? Column { get; init; }
}
