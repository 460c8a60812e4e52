using System.Diagnostics;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Telemetry;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Sdk.Tests;

/// <summary>The stages together, as AddLlmOps wires them: what one stage records, the next one sees.</summary>
public sealed class LlmOpsPipelineTests
{
    private static readonly PromptVersion Greet = new("greet", 4, "Hello {{name}}")
    {
        Model = new PromptModelSettings { ModelId = "gpt-4o" },
        Variables = [new PromptVariable("name")],
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_PromptChoosesTheModel_SpanNamesTheModelActuallyRequested(bool streaming)
    {
        var call = await RecordCallSpanAsync(_ => { }, streaming);

        Assert.Equal("chat gpt-4o", call.DisplayName);
        Assert.Equal("gpt-4o", call.GetTagItem("gen_ai.request.model"));
        Assert.Equal("greet", call.GetTagItem("gen_ai.prompt.name"));
        Assert.Equal(4, call.GetTagItem("llmops.prompt.version"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_EveryStage_RecordsEachAttributeOnce(bool streaming)
    {
        // Stages add their attributes rather than set them (no search of the span): none may be written twice.
        var call = await RecordCallSpanAsync(o => o.AddEvaluator(new LengthEvaluator(maxLength: 100)), streaming);

        var keys = call.TagObjects.Select(t => t.Key).ToList();
        Assert.Equal(keys.Distinct(StringComparer.Ordinal), keys);
        Assert.Contains("llmops.prompt.version", keys);
        Assert.Contains("llmops.prompt.state", keys);
        Assert.Contains("llmops.retry.attempts", keys);
        Assert.Contains("gen_ai.request.model", keys);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_PromptAndEvaluator_ScoresCarryThePromptVersion(bool streaming)
    {
        var sink = new InMemoryEvaluationSink();
        await using var services = Services(o => o.AddEvaluator(new LengthEvaluator(maxLength: 100)).AddEvaluationSink(sink));

        await CallAsync(services.GetRequiredService<IChatClient>(), streaming);

        var record = Assert.Single(sink.Records);
        Assert.Equal(("greet", 4), (record.PromptName, record.PromptVersion));
    }

    [Fact]
    public async Task Call_PricedModel_EvaluatorsSeeTheCostFromThePriceTable()
    {
        var seen = new CostCapture();
        await using var services = Services(o => o
            .AddEvaluator(seen)
            .AddEvaluationSink(new InMemoryEvaluationSink()) // evaluators run only when their scores reach someone
            .ConfigureTelemetry(t => t.Prices["gpt-4o"] = new ModelPrice { InputPerMillionTokens = 10, OutputPerMillionTokens = 30 }));

        await CallAsync(services.GetRequiredService<IChatClient>(), streaming: false);

        // ScriptedChatClient counts words: 2 input tokens ("Hello Ada") and 2 output tokens (the echo).
        Assert.NotNull(seen.CostUsd);
        Assert.Equal((2 * 10.0 + 2 * 30.0) / 1_000_000, seen.CostUsd.Value, precision: 12);
    }

    private static ServiceProvider Services(Action<LlmOpsBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddLlmOps(o =>
        {
            o.AddPrompts(store => store.Add(Greet, "production"));
            configure(o);
        });
        return services.BuildServiceProvider();
    }

    /// <summary>Makes one call under a test span of its own and returns the call's span.</summary>
    private static async Task<Activity> RecordCallSpanAsync(Action<LlmOpsBuilder> configure, bool streaming)
    {
        await using var services = Services(configure);
        using var parent = new ActivitySource("LlmOps.Sdk.Tests.Pipeline");
        var spans = new List<Activity>();
        using var listener = Listen(parent, spans);

        using (parent.StartActivity("test"))
        {
            await CallAsync(services.GetRequiredService<IChatClient>(), streaming);
        }

        return Assert.Single(spans, s => s.Source.Name == LlmOpsTelemetry.SourceName);
    }

    private static async Task CallAsync(IChatClient client, bool streaming)
    {
        var options = new ChatOptions().WithPrompt("greet", new { name = "Ada" });
        if (streaming)
        {
            await client.GetStreamingResponseAsync([], options).ToChatResponseAsync();
        }
        else
        {
            await client.GetResponseAsync([], options);
        }
    }

    private static ActivityListener Listen(ActivitySource parent, List<Activity> spans)
    {
        // Only spans under this test's own parent, so tests running in parallel do not mix.
        ActivityTraceId? trace = null;
        var listener = new ActivityListener
        {
            ShouldListenTo = s => ReferenceEquals(s, parent) || s.Name == LlmOpsTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Source == parent || options.Parent.TraceId == trace ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStarted = a => trace ??= a.Source == parent ? a.TraceId : trace,
            ActivityStopped = a =>
            {
                if (a.TraceId == trace)
                {
                    lock (spans)
                    {
                        spans.Add(a);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private sealed class CostCapture : IResponseEvaluator
    {
        public string Name => "cost_capture";

        public double? CostUsd { get; private set; }

        public ValueTask<IReadOnlyList<EvaluationScore>> EvaluateAsync(ChatEvaluationContext context, CancellationToken cancellationToken)
        {
            CostUsd = context.EstimatedCostUsd;
            return new([new EvaluationScore(Name, context.EstimatedCostUsd, true, null)]);
        }
    }
}
