namespace LlmOps.Sdk.RateLimits;

/// <summary>Hears about each failed provider attempt from the stages below, so that a 429 retried away still teaches the limiter.</summary>
/// <remarks>
/// The rate-limit stage puts its listener into the <see cref="ChatOptions.AdditionalProperties"/> it passes on; the
/// resilience stage, which may retry a 429 and succeed, reports every failed attempt to it. Stages talk through the
/// options, never through statics, so a listener reaches only the calls its stage sent.
/// </remarks>
internal abstract class ProviderFaultListener
{
    /// <summary>Hands a failed attempt to the listener the call's options carry, if any; never throws.</summary>
    public static void Notify(ChatOptions? options, Exception exception)
    {
        if (options?.AdditionalProperties is { } properties
            && properties.TryGetValue(RateLimitConstants.FaultListenerProperty, out var value)
            && value is ProviderFaultListener listener)
        {
            listener.OnFault(exception);
        }
    }

    /// <summary>Learns from a failed attempt; must not throw.</summary>
    public abstract void OnFault(Exception exception);
}
