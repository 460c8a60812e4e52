namespace LlmOps.Sdk.Privacy;

/// <summary>The exception thrown, before the provider is called, when a call holds personal data the privacy policy blocks.</summary>
/// <remarks>It names the kinds and the message positions, never the values, so it is safe to log.</remarks>
public sealed class PiiPolicyException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="PiiPolicyException"/> class.</summary>
    public PiiPolicyException()
        : this("The call holds personal data that the privacy policy blocks.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PiiPolicyException"/> class with a message.</summary>
    /// <param name="message">What was blocked and how to fix it.</param>
    public PiiPolicyException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PiiPolicyException"/> class with a message and its cause.</summary>
    /// <param name="message">What was blocked and how to fix it.</param>
    /// <param name="innerException">The cause, if any.</param>
    public PiiPolicyException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PiiPolicyException"/> class with what was blocked.</summary>
    /// <param name="message">What was blocked and how to fix it.</param>
    /// <param name="kinds">The blocked kinds found.</param>
    /// <param name="messageIndexes">Where they were found.</param>
    public PiiPolicyException(string message, IReadOnlyList<string> kinds, IReadOnlyList<int> messageIndexes)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(messageIndexes);
        Kinds = kinds;
        MessageIndexes = messageIndexes;
    }

    /// <summary>Gets the blocked kinds found, such as <c>CARD</c>, in order.</summary>
    public IReadOnlyList<string> Kinds { get; } = [];

    /// <summary>Gets the zero-based positions of the messages they were found in; -1 stands for <see cref="ChatOptions.Instructions"/>.</summary>
    public IReadOnlyList<int> MessageIndexes { get; } = [];
}
