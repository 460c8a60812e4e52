namespace LlmOps.Sdk.Resilience;

/// <summary>The failure of a first attempt made outside the pipeline, handed to the pipeline once, as its first outcome.</summary>
/// <remarks>Attempts of one call run one after another, so it needs no lock.</remarks>
internal sealed class FirstFailure
{
    private Exception? _exception;

    private FirstFailure(Exception exception) => _exception = exception;

    /// <summary>Returns a holder for <paramref name="exception"/>, or <see langword="null"/> when there was no failure.</summary>
    public static FirstFailure? From(Exception? exception) => exception is null ? null : new FirstFailure(exception);

    /// <summary>Returns the failure the first time, and <see langword="null"/> after that.</summary>
    public Exception? Take()
    {
        var exception = _exception;
        _exception = null;
        return exception;
    }
}
