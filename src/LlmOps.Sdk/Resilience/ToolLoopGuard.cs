namespace LlmOps.Sdk.Resilience;

/// <summary>Keeps the resilience stage from retrying a tool loop, which would run tools that already ran again.</summary>
/// <remarks>
/// <see cref="FunctionInvokingChatClient"/> makes several model requests per call and runs tools between them. A retry
/// stage above it restarts the whole loop when a later request fails, so a tool with side effects (a payment, an e-mail)
/// runs twice. Under it, next to the provider, a retry repeats only the model request that failed.
/// </remarks>
internal static class ToolLoopGuard
{
    /// <summary>Throws when <paramref name="innerClient"/> runs tools, so that a stage wrapping it would retry tool loops.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="innerClient"/> is or wraps a <see cref="FunctionInvokingChatClient"/>.</exception>
    public static void ThrowIfRunsTools(IChatClient innerClient)
    {
        if (innerClient.GetService(typeof(FunctionInvokingChatClient)) is not null)
        {
            throw new InvalidOperationException(
                "The resilience stage would wrap a FunctionInvokingChatClient: a retry would restart the whole tool loop, " +
                "and a tool that already ran (a payment, an e-mail) would run again. Put resilience under function " +
                "invocation, next to the provider, so that it retries one model request: with DI, " +
                "services.AddChatClient(provider).UseFunctionInvocation().UseLlmOpsResilience() (for a keyed client, " +
                "AddKeyedChatClient(key, provider).UseFunctionInvocation().UseLlmOpsResilience()), then AddLlmOps(); without " +
                "DI, new ChatClientBuilder(provider).UseLlmOps(options).UseFunctionInvocation().UseLlmOpsResilience(options.Resilience). " +
                "Or turn resilience off with LlmOps:Resilience:Enabled = false.");
        }
    }

    /// <summary>Tells whether the chain below a stage already has a resilience stage, which then retries each model request.</summary>
    public static bool HasResilience(IChatClient innerClient) => innerClient.GetService(typeof(ResilienceChatClient)) is not null;
}
