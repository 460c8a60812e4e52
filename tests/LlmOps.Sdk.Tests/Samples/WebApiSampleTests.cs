using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using LlmOps.Sdk.Tests.Telemetry;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;
using WebApi;

namespace LlmOps.Sdk.Tests.Samples;

/// <summary>Starts samples/WebApi as it ships, offline, and calls it over its HTTP API.</summary>
/// <remarks>
/// Alone in the process: the sample's tracer samples every root span of the <c>LlmOps.Sdk</c> source, so spans of tests
/// running beside it would land in its exporter, and its request spans would sample theirs.
/// </remarks>
[Collection(nameof(TelemetryIsolation))]
public sealed class WebApiSampleTests
{
    private static readonly SupportRequest Question = new("Ada", "How do I reset my password?");

    [Fact]
    public async Task PostSupport_OfflineProvider_AnswersWithPromptAndTokens()
    {
        await using var app = StartSample([]);
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync(new Uri("/support", UriKind.Relative), Question);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /support answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var reply = await response.Content.ReadFromJsonAsync<SupportReply>();
        Assert.NotNull(reply);
        Assert.Contains(Question.Question, reply.Answer, StringComparison.Ordinal); // the rendered prompt reached the provider
        Assert.Equal(("support-reply", 1), (reply.Prompt, reply.PromptVersion));
        Assert.True(reply.InputTokens > 0 && reply.OutputTokens > 0, $"Tokens in/out: {reply.InputTokens}/{reply.OutputTokens}.");
    }

    [Fact]
    public async Task PostSupport_SampleTracing_ExportsChatSpanNamingThePrompt()
    {
        List<Activity> exported = [];
        await using var app = StartSample(exported);
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync(new Uri("/support", UriKind.Relative), Question);

        response.EnsureSuccessStatusCode();
        var spans = exported.Where(static s => s.Source.Name == LlmOpsTelemetry.SourceName).ToList();
        var call = Assert.Single(spans);
        Assert.Equal("support-reply", call.GetTagItem("gen_ai.prompt.name"));
        Assert.Equal(1, call.GetTagItem("llmops.prompt.version"));
        Assert.True(call.Parent is { Kind: ActivityKind.Server }, $"The chat span's parent is {call.Parent?.DisplayName ?? "none"}, not the request.");
    }

    [Fact]
    public async Task GetHealth_Started_AnswersHealthy()
    {
        await using var app = StartSample([]);
        using var client = app.CreateClient();

        var health = await client.GetStringAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal("Healthy", health);
    }

    private static WebApplicationFactory<Program> StartSample(List<Activity> exported) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("OPENAI_API_KEY", "");                       // offline whatever the machine's environment holds
            host.ConfigureLogging(static logging => logging.ClearProviders());
            host.ConfigureTestServices(services =>
            {
                // The sample's console exporter stays in the pipeline, writing where test output does not show.
                services.Configure<ConsoleExporterOptions>(static console => console.Targets = ConsoleExporterOutputTargets.Debug);
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported));
            });
        });
}
