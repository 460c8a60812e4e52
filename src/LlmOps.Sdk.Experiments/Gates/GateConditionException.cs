namespace LlmOps.Sdk.Experiments;

/// <summary>The exception thrown when a gate condition does not parse; it names the column where it went wrong.</summary>
public sealed class GateConditionException : FormatException
{
    /// <summary>Initializes a new instance of the <see cref="GateConditionException"/> class.</summary>
    public GateConditionException()
    {
        Expression = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="GateConditionException"/> class with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public GateConditionException(string message)
        : base(message)
    {
        Expression = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="GateConditionException"/> class with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public GateConditionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Expression = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="GateConditionException"/> class for an expression.</summary>
    /// <param name="expression">The condition as written.</param>
    /// <param name="column">The 1-based column where parsing failed.</param>
    /// <param name="problem">What is wrong there.</param>
    public GateConditionException(string expression, int column, string problem)
        : base($"Gate condition '{expression}', column {column}: {problem} Write conditions as '[candidate:]metric op number', such as 'token_f1.mean < 0.70' or 'v2:latency.p95 > 2000'.")
    {
        Expression = expression;
        Column = column;
    }

    /// <summary>Gets the condition as written.</summary>
    public string Expression { get; }

    /// <summary>Gets the 1-based column where parsing failed.</summary>
    public int Column { get; }
}
