namespace LlmOps.Sdk.Caching;

/// <summary>Decides whether a finished response may be stored: only complete, normal answers are.</summary>
internal static class ResponseCachePolicy
{
    /// <summary>Gets whether <paramref name="response"/> may be stored and replayed to later identical calls.</summary>
    /// <remarks>
    /// A response cut by the token limit or a content filter, one still running in the background, one that carries an
    /// error and, unless <paramref name="cacheToolCalls"/>, one that asks for tool calls are served to their caller only:
    /// replaying them would hand a partial or transient answer to every later call.
    /// </remarks>
    public static bool IsCacheable(ChatResponse response, bool cacheToolCalls)
    {
        if (response.ContinuationToken is not null)
        {
            return false;
        }

        var finish = response.FinishReason;
        if (finish != ChatFinishReason.Stop && !(cacheToolCalls && finish == ChatFinishReason.ToolCalls))
        {
            return false;
        }

        foreach (var message in response.Messages)
        {
            foreach (var content in message.Contents)
            {
                if (content is ErrorContent || (!cacheToolCalls && content is FunctionCallContent))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
