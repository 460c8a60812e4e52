namespace LlmOps.Sdk.RateLimits;

/// <summary>The permits a call holds: the limiter that hears its faults (its model's, else the client's), the other one, its tokens, and the fallback model it was rerouted to, if any.</summary>
internal readonly record struct RateLimitPermit(ModelLimiter? Listener, ModelLimiter? Also, int Tokens, string? FallbackModel)
{
    /// <summary>Takes the tokens the call used beyond its estimate from its limiters' token windows.</summary>
    public void Square(UsageDetails? usage)
    {
        if (usage?.TotalTokenCount is not { } total && usage?.InputTokenCount is null)
        {
            return;
        }

        var used = usage.TotalTokenCount ?? ((usage.InputTokenCount ?? 0) + (usage.OutputTokenCount ?? 0));
        var extra = (int)Math.Min(used - Tokens, int.MaxValue);
        if (extra > 0)
        {
            Listener?.Consume(extra);
            Also?.Consume(extra);
        }
    }

    /// <summary>Teaches the limiters from a failure that reached this stage.</summary>
    public void OnFault(Exception exception)
    {
        Listener?.OnFault(exception);
    }
}
