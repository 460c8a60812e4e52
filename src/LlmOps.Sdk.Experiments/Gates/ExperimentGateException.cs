namespace LlmOps.Sdk.Experiments;

/// <summary>The exception <see cref="ExperimentAssert"/> throws when a summary fails its gate; the message is a table of the failures.</summary>
public sealed class ExperimentGateException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ExperimentGateException"/> class.</summary>
    public ExperimentGateException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ExperimentGateException"/> class with a message.</summary>
    /// <param name="message">What failed.</param>
    public ExperimentGateException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ExperimentGateException"/> class with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public ExperimentGateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ExperimentGateException"/> class for a failed gate.</summary>
    /// <param name="result">The gate's result.</param>
    public ExperimentGateException(GateResult result)
        : base(result?.ToString())
    {
        Result = result;
    }

    /// <summary>Gets the gate's result, with each failure's numbers, or <see langword="null"/> when the exception was made from a message.</summary>
    public GateResult? Result { get; }
}
