namespace LlmOps.Sdk.Streaming;

/// <summary>Combines the token a streaming call was made with and the one its enumeration was started with.</summary>
/// <remarks>
/// A caller may cancel a stream through either: the call's token, or <c>WithCancellation</c> on the enumeration. The
/// stages' hand-written streams observe both, as a compiler-generated iterator with <c>[EnumeratorCancellation]</c> does.
/// </remarks>
internal static class StreamCancellation
{
    /// <summary>Returns the token the stream observes.</summary>
    /// <param name="callToken">The token the call was made with.</param>
    /// <param name="enumeratorToken">The token the enumeration was started with.</param>
    /// <returns>
    /// A token cancelled when either token is, and the linked source behind it when both tokens can be cancelled and differ
    /// (the stream disposes it when it is disposed); otherwise no source, and the one token that can be cancelled as it is.
    /// </returns>
    public static (CancellationToken Token, CancellationTokenSource? Linked) Combine(
        CancellationToken callToken, CancellationToken enumeratorToken)
    {
        if (callToken.CanBeCanceled && enumeratorToken.CanBeCanceled && callToken != enumeratorToken)
        {
            var linked = CancellationTokenSource.CreateLinkedTokenSource(callToken, enumeratorToken);
            return (linked.Token, linked);
        }

        return (callToken.CanBeCanceled ? callToken : enumeratorToken, null);
    }
}
