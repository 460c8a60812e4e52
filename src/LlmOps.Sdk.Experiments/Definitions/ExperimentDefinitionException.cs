namespace LlmOps.Sdk.Experiments;

/// <summary>An experiment definition file could not be read; the message names the file, line and column and says how to fix it.</summary>
public sealed class ExperimentDefinitionException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ExperimentDefinitionException"/> class.</summary>
    public ExperimentDefinitionException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ExperimentDefinitionException"/> class with a message.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    public ExperimentDefinitionException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ExperimentDefinitionException"/> class with a message and its cause.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public ExperimentDefinitionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the definition file.</summary>
    public string? FilePath { get; init; }

    /// <summary>Gets the 1-based line in <see cref="FilePath"/>, when known.</summary>
    public int? Line { get; init; }

    /// <summary>Gets the 1-based column in <see cref="FilePath"/>, when known.</summary>
    public int? Column { get; init; }
}
