using System.ClientModel;
using System.Diagnostics.Metrics;
using LlmOps.Sdk.Resilience;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using Polly.Retry;
using static LlmOps.Sdk.Tests.Resilience.ResilienceTestKit;

namespace LlmOps.Sdk.Tests.Resilience;

/// <summary>The resilience stage as <c>AddLlmOps</c> wires it: named pipelines, options, fallback, time and metrics from DI.</summary>
public sealed class ResiliencePipelineRegistrationTests
{
    [Fact]
    public void AddLlmOps_Defaults_AddsTheResilienceStage()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddLlmOps();
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IChatClient>();

        Assert.NotNull(client.GetService<ResilienceChatClient>());
    }

    [Fact]
    public void AddLlmOps_ResilienceDisabled_LeavesTheStageOut()
    {
        var services = new ServiceCollection();
        var scripted = new ScriptedChatClient();
        services.AddChatClient(scripted);
        services.AddLlmOps(o => o.ConfigureResilience(r => r.Enabled = false));
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IChatClient>();

        Assert.Null(client.GetService<ResilienceChatClient>());
        Assert.Same(scripted, client.GetService<ScriptedChatClient>());
    }

    [Fact]
    public void AddLlmOps_Defaults_StageRunsTheNamedPipeline()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddLlmOps();
        using var provider = services.BuildServiceProvider();

        var stage = provider.GetRequiredService<IChatClient>().GetService<ResilienceChatClient>()!; // the stage is on by default

        var named = provider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline("LlmOps.Sdk.Chat");
        Assert.Same(named, stage.Pipeline);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddLlmOps_UserRegistersThePipeline_StageRunsTheUsersPipelineAndStillRecordsAttempts(bool beforeAddLlmOps)
    {
        var services = new ServiceCollection();
        var scripted = new ScriptedChatClient().EnqueueFault(ScriptedFault.Http(400)).EnqueueReply("retried anyway");
        services.AddChatClient(scripted);
        if (!beforeAddLlmOps)
        {
            services.AddLlmOps();
        }

        services.AddResiliencePipeline(ResilienceChatClient.GetPipelineName(), static builder => builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 1,
            Delay = TimeSpan.Zero,
            ShouldHandle = new PredicateBuilder().Handle<ClientResultException>(), // retries even a 400, which ours never would
        }));
        if (beforeAddLlmOps)
        {
            services.AddLlmOps();
        }

        using var provider = services.BuildServiceProvider();
        using var spans = new SpanRecorder();
        using var span = spans.StartCall();

        var response = await provider.GetRequiredService<IChatClient>().GetResponseAsync("hello");

        Assert.Equal("retried anyway", response.Text);
        Assert.Equal(2, scripted.CallCount);
        Assert.Equal(["retried", "ok"], SpanRecorder.Attempts(spans.CallSpan(span)).Select(e => SpanRecorder.Tag(e, "llmops.attempt.status")));
    }

    [Fact]
    public async Task AddKeyedLlmOps_TwoClients_EachHasItsOwnCircuit()
    {
        var services = new ServiceCollection();
        var fast = new ScriptedChatClient().FailCalls(ScriptedFault.ServiceUnavailable(), 1, 2);
        var main = new ScriptedChatClient();
        services.AddChatClient(main);
        services.AddKeyedChatClient("fast", fast);
        static void BreakAfterTwo(LlmOpsBuilder o) => o.ConfigureResilience(r =>
        {
            r.MaxRetryAttempts = 0;
            r.CircuitBreaker.MinimumThroughput = 2;
        });
        services.AddLlmOps(BreakAfterTwo);
        services.AddKeyedLlmOps("fast", BreakAfterTwo); // each pipeline has its own options
        using var provider = services.BuildServiceProvider();
        var fastClient = provider.GetRequiredKeyedService<IChatClient>("fast");
        var mainClient = provider.GetRequiredService<IChatClient>();
        await Assert.ThrowsAsync<RetriesExhaustedException>(() => fastClient.GetResponseAsync("one"));
        await Assert.ThrowsAsync<RetriesExhaustedException>(() => fastClient.GetResponseAsync("two"));

        await Assert.ThrowsAsync<CircuitOpenException>(() => fastClient.GetResponseAsync("three"));
        var response = await mainClient.GetResponseAsync("still open for business");

        Assert.Equal("still open for business", response.Text);
        Assert.NotSame(
            provider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline("LlmOps.Sdk.Chat:fast"),
            provider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline("LlmOps.Sdk.Chat"));
    }

    [Fact]
    public async Task AddLlmOps_FallbackClientKey_FallbackAnswers()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient().EnqueueFault(ScriptedFault.ServiceUnavailable()));
        services.AddKeyedChatClient("backup", new ScriptedChatClient().EnqueueReply("from backup"));
        services.AddLlmOps(o => o.ConfigureResilience(r =>
        {
            r.MaxRetryAttempts = 0;
            r.FallbackClientKey = "backup";
        }));
        using var provider = services.BuildServiceProvider();

        var response = await provider.GetRequiredService<IChatClient>().GetResponseAsync("hello");

        Assert.Equal("from backup", response.Text);
    }

    [Fact]
    public void AddLlmOps_FallbackKeyNotRegistered_ThrowsNamingTheKeyAndFix()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddLlmOps(o => o.ConfigureResilience(r => r.FallbackClientKey = "backup"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IChatClient>());

        Assert.Contains("'backup'", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddKeyedChatClient(\"backup\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddLlmOps_TimeProviderRegistered_RetryDelaysRunOnIt()
    {
        var time = new TimerWatchingTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        var scripted = new ScriptedChatClient(time).EnqueueFault(ScriptedFault.ServiceUnavailable()).EnqueueReply("recovered");
        services.AddChatClient(scripted);
        services.AddLlmOps(o => o.ConfigureResilience(r => r.UseJitter = false));
        using var provider = services.BuildServiceProvider();

        var call = provider.GetRequiredService<IChatClient>().GetResponseAsync("hello");
        await time.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(1));

        Assert.Equal("recovered", (await call).Text);
        Assert.Equal(2, scripted.CallCount);
    }

    [Fact]
    public async Task AddLlmOps_MeterFactory_CountsRetriesByReason()
    {
        var time = new TimerWatchingTimeProvider();
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSingleton<TimeProvider>(time);
        services.AddChatClient(new ScriptedChatClient(time)
            .EnqueueFault(ScriptedFault.TooManyRequests(TimeSpan.FromSeconds(1)))
            .EnqueueFault(ScriptedFault.ServiceUnavailable())
            .EnqueueReply("recovered"));
        services.AddLlmOps(o => o.ConfigureResilience(r => r.UseJitter = false));
        using var provider = services.BuildServiceProvider();
        using var retries = new MetricCollector<long>(
            provider.GetRequiredService<IMeterFactory>(), LlmOpsTelemetry.SourceName, "llmops.client.retries");

        var call = provider.GetRequiredService<IChatClient>().GetResponseAsync("hello");
        await time.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(1));
        await time.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(2));
        await call;

        var measurements = retries.GetMeasurementSnapshot();
        Assert.Equal(2, measurements.Sum(m => m.Value));
        Assert.Equal(["http_429", "http_503"], measurements.Select(m => m.Tags["llmops.retry.reason"]));
    }

    [Fact]
    public void AddLlmOps_Configuration_BindsResilienceOptions()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LlmOps:Resilience:AttemptTimeout"] = "00:00:20",
            ["LlmOps:Resilience:TotalTimeout"] = "00:01:00",
            ["LlmOps:Resilience:UseJitter"] = "false",
            ["LlmOps:Resilience:FallbackClientKey"] = "backup",
            ["LlmOps:Resilience:CircuitBreaker:FailureRatio"] = "0.3",
        }).Build();
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());

        services.AddLlmOps(configuration.GetSection(LlmOpsOptions.SectionName));

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<LlmOpsOptions>>().Value.Resilience;
        Assert.Equal(TimeSpan.FromSeconds(20), options.AttemptTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), options.TotalTimeout);
        Assert.False(options.UseJitter);
        Assert.Equal("backup", options.FallbackClientKey);
        Assert.Equal(0.3, options.CircuitBreaker.FailureRatio);
    }

    [Fact]
    public async Task AddLlmOps_AttemptTimeoutAboveTotal_FailsHostStartNamingBoth()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LlmOps:Resilience:AttemptTimeout"] = "00:10:00",
            ["LlmOps:Resilience:TotalTimeout"] = "00:01:00",
        });
        builder.Services.AddChatClient(new ScriptedChatClient());
        builder.Services.AddLlmOps(builder.Configuration.GetSection(LlmOpsOptions.SectionName));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Resilience.AttemptTimeout", error.Message, StringComparison.Ordinal);
        Assert.Contains("Resilience.TotalTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddLlmOps_CircuitBreakerRatioOutOfRange_FailsHostStartNamingOptionAndRange()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LlmOps:Resilience:CircuitBreaker:FailureRatio"] = "2",
        });
        builder.Services.AddChatClient(new ScriptedChatClient());
        builder.Services.AddLlmOps(builder.Configuration.GetSection(LlmOpsOptions.SectionName));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Resilience.CircuitBreaker.FailureRatio", error.Message, StringComparison.Ordinal);
        Assert.Contains("between 0.01 and 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseLlmOps_OptionsPassed_RetriesWithoutDi()
    {
        var options = new LlmOpsOptions { Resilience = ExactOptions() };
        options.Resilience.BaseDelay = TimeSpan.Zero;
        var scripted = new ScriptedChatClient().EnqueueFault(ScriptedFault.ServiceUnavailable()).EnqueueReply("recovered");

        using var client = new ChatClientBuilder(scripted).UseLlmOps(options).Build();
        var response = await client.GetResponseAsync("hello");

        Assert.Equal("recovered", response.Text);
        Assert.Equal(2, scripted.CallCount);
    }
}
