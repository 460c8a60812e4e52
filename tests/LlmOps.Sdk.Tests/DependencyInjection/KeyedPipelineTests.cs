using System.ClientModel;
using System.ClientModel.Primitives;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Resilience;
using LlmOps.Sdk.Telemetry;
using LlmOps.Sdk.Testing;
using LlmOps.Sdk.Tests.Evaluation;
using LlmOps.Sdk.Tests.Resilience.EndToEnd;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenAI;
using static LlmOps.Sdk.Tests.Resilience.ResilienceTestKit;

namespace LlmOps.Sdk.Tests.DependencyInjection;

/// <summary>Each <c>AddKeyedLlmOps</c> key is a pipeline of its own: no setting, evaluator, sink or prompt of one reaches another.</summary>
public sealed class KeyedPipelineTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task AddKeyedLlmOps_TwoKeysRetryDifferently_EachMakesItsOwnHttpAttempts(bool streaming, bool registerBFirst)
    {
        await using var serverA = ChatCompletionsServer.Start(_ => ServerAction.Fail(503));
        await using var serverB = ChatCompletionsServer.Start(_ => ServerAction.Fail(503));
        var services = new ServiceCollection();
        services.AddKeyedChatClient("a", _ => CreateOpenAiChatClient(serverA.Endpoint));
        services.AddKeyedChatClient("b", _ => CreateOpenAiChatClient(serverB.Endpoint));
        Action[] registrations =
        [
            () => services.AddKeyedLlmOps("a", o => o.ConfigureResilience(r => Immediate(r, retries: 0))),
            () => services.AddKeyedLlmOps("b", o => o.ConfigureResilience(r => Immediate(r, retries: 5))),
        ];
        foreach (var register in registerBFirst ? registrations.Reverse() : registrations)
        {
            register();
        }

        await using var provider = services.BuildServiceProvider();

        await Assert.ThrowsAsync<RetriesExhaustedException>(() => CallAsync(provider.GetRequiredKeyedService<IChatClient>("a"), streaming));
        await Assert.ThrowsAsync<RetriesExhaustedException>(() => CallAsync(provider.GetRequiredKeyedService<IChatClient>("b"), streaming));

        Assert.Equal((1, 6), (serverA.Attempts, serverB.Attempts));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddKeyedLlmOps_TwoKeysWithEvaluatorsAndSinks_EachScoresOnlyItsOwnCalls(bool streaming)
    {
        var sinkA = new InMemoryEvaluationSink();
        var sinkB = new InMemoryEvaluationSink();
        var services = new ServiceCollection();
        services.AddKeyedChatClient("a", new ScriptedChatClient());
        services.AddKeyedChatClient("b", new ScriptedChatClient());
        services.AddKeyedLlmOps("a", o => o.AddEvaluator(TestEvaluator.Passing("a_check")).AddEvaluationSink(sinkA));
        services.AddKeyedLlmOps("b", o => o.AddEvaluator(TestEvaluator.Passing("b_check")).AddEvaluationSink(sinkB));
        await using var provider = services.BuildServiceProvider();

        await CallAsync(provider.GetRequiredKeyedService<IChatClient>("a"), streaming);
        await CallAsync(provider.GetRequiredKeyedService<IChatClient>("b"), streaming);

        Assert.Equal(["a_check"], sinkA.Records.Select(r => r.EvaluatorName));
        Assert.Equal(["b_check"], sinkB.Records.Select(r => r.EvaluatorName));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddKeyedLlmOps_SinkTypeForEachKey_EachReceivesOnlyItsOwnResults(bool streaming)
    {
        var services = new ServiceCollection();
        services.AddKeyedChatClient("a", new ScriptedChatClient());
        services.AddKeyedChatClient("b", new ScriptedChatClient());
        services.AddKeyedLlmOps("a", o => o.AddEvaluator(TestEvaluator.Passing("a_check")).AddEvaluationSink<InMemoryEvaluationSink>());
        services.AddKeyedLlmOps("b", o => o.AddEvaluator(TestEvaluator.Passing("b_check")).AddEvaluationSink<InMemoryEvaluationSink>());
        await using var provider = services.BuildServiceProvider();

        await CallAsync(provider.GetRequiredKeyedService<IChatClient>("a"), streaming);
        await CallAsync(provider.GetRequiredKeyedService<IChatClient>("b"), streaming);

        var sinkA = Assert.IsType<InMemoryEvaluationSink>(Assert.Single(provider.GetKeyedServices<IEvaluationSink>("a")));
        var sinkB = Assert.IsType<InMemoryEvaluationSink>(Assert.Single(provider.GetKeyedServices<IEvaluationSink>("b")));
        Assert.Equal(["a_check"], sinkA.Records.Select(r => r.EvaluatorName));
        Assert.Equal(["b_check"], sinkB.Records.Select(r => r.EvaluatorName));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddKeyedLlmOps_UnkeyedAndKeyedEvaluators_EachScoresOnlyItsOwnCalls(bool streaming)
    {
        var unkeyedSink = new InMemoryEvaluationSink();
        var keyedSink = new InMemoryEvaluationSink();
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddKeyedChatClient("a", new ScriptedChatClient());
        services.AddLlmOps(o => o.AddEvaluator(TestEvaluator.Passing("unkeyed_check")).AddEvaluationSink(unkeyedSink));
        services.AddKeyedLlmOps("a", o => o.AddEvaluator(TestEvaluator.Passing("a_check")).AddEvaluationSink(keyedSink));
        await using var provider = services.BuildServiceProvider();

        await CallAsync(provider.GetRequiredService<IChatClient>(), streaming);
        await CallAsync(provider.GetRequiredKeyedService<IChatClient>("a"), streaming);

        Assert.Equal(["unkeyed_check"], unkeyedSink.Records.Select(r => r.EvaluatorName));
        Assert.Equal(["a_check"], keyedSink.Records.Select(r => r.EvaluatorName));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddKeyedLlmOps_BackgroundHookStuckInOneKey_OtherKeyStillEvaluates(bool streaming)
    {
        var release = new TaskCompletionSource();
        var stuck = new TaskCompletionSource();
        var scoredInB = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var services = new ServiceCollection();
        services.AddKeyedChatClient("a", new ScriptedChatClient());
        services.AddKeyedChatClient("b", new ScriptedChatClient());
        services.AddKeyedLlmOps("a", o => o
            .ConfigureEvaluation(e => e.WorkerCount = 1)
            .AddEvaluator(TestEvaluator.Blocking(release.Task, stuck), e =>
            {
                e.Mode = EvaluationMode.Background;
                e.Timeout = TimeSpan.FromHours(1); // stuck for the whole test, not timed out and skipped
            })
            .AddEvaluationSink(new InMemoryEvaluationSink())); // scores that reach nobody are not computed
        services.AddKeyedLlmOps("b", o => o.AddEvaluator(
            new TestEvaluator("b_check", (context, _) =>
            {
                if (context.Messages[^1].Text == "for b")
                {
                    scoredInB.TrySetResult();
                }

                return new([new EvaluationScore("b_check", 1.0, passed: true)]);
            }),
            e => e.Mode = EvaluationMode.Background).AddEvaluationSink(new InMemoryEvaluationSink()));
        await using var provider = services.BuildServiceProvider();
        await CallAsync(provider.GetRequiredKeyedService<IChatClient>("a"), streaming, "for a");
        await stuck.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await CallAsync(provider.GetRequiredKeyedService<IChatClient>("b"), streaming, "for b");

        var finished = await Task.WhenAny(scoredInB.Task, Task.Delay(TimeSpan.FromSeconds(10), TimeProvider.System));
        release.SetResult();
        Assert.True(finished == scoredInB.Task, "Key b's background evaluation waited behind key a's stuck hook.");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddKeyedLlmOps_SamePromptInTwoKeys_EachRendersItsOwn(bool streaming)
    {
        var providerA = new ScriptedChatClient();
        var providerB = new ScriptedChatClient();
        var services = new ServiceCollection();
        services.AddKeyedChatClient("a", providerA);
        services.AddKeyedChatClient("b", providerB);
        services.AddKeyedLlmOps("a", o => o.AddPrompts(store => store.Add(new PromptVersion("greet", 1, "from a"), "production")));
        services.AddKeyedLlmOps("b", o => o.AddPrompts(store => store.Add(new PromptVersion("greet", 1, "from b"), "production")));
        await using var provider = services.BuildServiceProvider();

        await CallPromptAsync(provider.GetRequiredKeyedService<IChatClient>("a"), "greet", streaming);
        await CallPromptAsync(provider.GetRequiredKeyedService<IChatClient>("b"), "greet", streaming);

        Assert.Equal(("from a", "from b"), (providerA.Requests[0].Messages[0].Text, providerB.Requests[0].Messages[0].Text));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddKeyedLlmOps_PromptOnlyInTheOtherKey_IsNotFound(bool streaming)
    {
        var services = new ServiceCollection();
        services.AddKeyedChatClient("a", new ScriptedChatClient());
        services.AddKeyedChatClient("b", new ScriptedChatClient());
        services.AddKeyedLlmOps("a", o => o.AddPrompts(store => store.Add(new PromptVersion("only-a", 1, "from a"), "production")));
        services.AddKeyedLlmOps("b", o => o.AddPrompts(store => store.Add(new PromptVersion("only-b", 1, "from b"), "production")));
        await using var provider = services.BuildServiceProvider();

        var inA = await Assert.ThrowsAsync<PromptException>(() => CallPromptAsync(provider.GetRequiredKeyedService<IChatClient>("a"), "only-b", streaming));
        var inB = await Assert.ThrowsAsync<PromptException>(() => CallPromptAsync(provider.GetRequiredKeyedService<IChatClient>("b"), "only-a", streaming));

        Assert.Contains("only-b", inA.Message, StringComparison.Ordinal);
        Assert.Contains("only-a", inB.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddKeyedLlmOps_PriceForOneKey_PricesOnlyThatKeysCalls()
    {
        var usage = new UsageDetails { InputTokenCount = 1_000_000 };
        var services = new ServiceCollection();
        services.AddKeyedChatClient("a", new ScriptedChatClient());
        services.AddKeyedChatClient("b", new ScriptedChatClient());
        services.AddKeyedLlmOps("a", o => o.ConfigureTelemetry(t => t.Prices["acme-small"] = new ModelPrice { InputPerMillionTokens = 2 }));
        services.AddKeyedLlmOps("b");
        using var provider = services.BuildServiceProvider();

        var pricedInA = provider.GetRequiredKeyedService<ModelPriceTable>("a").TryGetCostUsd("acme-small", usage, out var costInA);
        var pricedInB = provider.GetRequiredKeyedService<ModelPriceTable>("b").TryGetCostUsd("acme-small", usage, out _);

        Assert.Equal((true, 2.0, false), (pricedInA, costInA, pricedInB));
    }

    [Fact]
    public void AddKeyedLlmOps_Configuration_BindsOnlyThatKey()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["LlmOps:A:Resilience:MaxRetryAttempts"] = "7" })
            .Build();
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddKeyedChatClient("a", new ScriptedChatClient());
        services.AddKeyedChatClient("b", new ScriptedChatClient());

        services.AddLlmOps();
        services.AddKeyedLlmOps("a", configuration.GetSection("LlmOps:A"));
        services.AddKeyedLlmOps("b");

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptionsMonitor<LlmOpsOptions>>();
        Assert.Equal(
            (7, 3, 3),
            (options.Get("a").Resilience.MaxRetryAttempts, options.Get("b").Resilience.MaxRetryAttempts,
                provider.GetRequiredService<IOptions<LlmOpsOptions>>().Value.Resilience.MaxRetryAttempts));
    }

    [Fact]
    public async Task AddKeyedLlmOps_InvalidOptionForOneKey_FailsHostStartNamingTheKey()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddKeyedChatClient("a", new ScriptedChatClient());
        builder.Services.AddKeyedChatClient("b", new ScriptedChatClient());
        builder.Services.AddKeyedLlmOps("a");
        builder.Services.AddKeyedLlmOps("b", o => o.ConfigureResilience(r => r.MaxRetryAttempts = 11));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("b", error.OptionsName);
        Assert.Contains("Resilience.MaxRetryAttempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddKeyedLlmOps_KeyEmptyAsText_ThrowsWithFix()
    {
        var services = new ServiceCollection();
        services.AddKeyedChatClient(string.Empty, new ScriptedChatClient());

        var error = Assert.Throws<ArgumentException>(() => services.AddKeyedLlmOps(string.Empty));

        Assert.Contains("ToString() is not empty", error.Message, StringComparison.Ordinal);
    }

    private static void Immediate(ResilienceOptions options, int retries)
    {
        options.MaxRetryAttempts = retries;
        options.BaseDelay = TimeSpan.Zero; // no waiting, so the test needs no clock
        options.UseJitter = false;
        options.CircuitBreaker.Enabled = false;
    }

    private static async Task CallPromptAsync(IChatClient client, string prompt, bool streaming)
    {
        var options = new ChatOptions().WithPrompt(prompt);
        if (!streaming)
        {
            await client.GetResponseAsync([], options);
            return;
        }

        await foreach (var update in client.GetStreamingResponseAsync([], options))
        {
            _ = update;
        }
    }

    private static IChatClient CreateOpenAiChatClient(Uri endpoint)
    {
        // The stage retries; the SDK must not retry underneath it, so the server counts the stage's attempts alone.
        var options = new OpenAIClientOptions { Endpoint = endpoint, RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
        return new OpenAIClient(new ApiKeyCredential("test-key"), options).GetChatClient(ChatCompletionsServer.Model).AsIChatClient();
    }
}
