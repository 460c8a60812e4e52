using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Prompts;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Sdk.Tests.Streaming;

/// <summary>A pipeline with every stage on over a given provider: a prompt, an evaluator with a sink, retries, telemetry.</summary>
internal static class EveryStage
{
    /// <summary>Options that name the pipeline's prompt, with its variable.</summary>
    public static PromptChatOptions Call() => new("greet", new { name = "Ada" });

    /// <summary>Builds the container; <paramref name="retriesOnly"/> leaves out the timeouts and the breaker (the first attempt's fast path).</summary>
    public static ServiceProvider Services(IChatClient provider, bool retriesOnly)
    {
        var services = new ServiceCollection();
        services.AddChatClient(provider);
        services.AddLlmOps(o =>
        {
            o.AddPrompts(store => store.Add(new PromptVersion("greet", 1, "Hello {{name}}"), "production"));
            o.AddEvaluator(new LengthEvaluator(maxLength: 100));
            o.AddEvaluationSink(new DiscardingEvaluationSink()); // an audience, so the evaluator runs listening or not
            if (retriesOnly)
            {
                o.ConfigureResilience(r =>
                {
                    r.AttemptTimeout = null;
                    r.TotalTimeout = null;
                    r.CircuitBreaker.Enabled = false;
                });
            }
        });
        return services.BuildServiceProvider();
    }
}
