using System.Diagnostics;
using System.Text;
using LlmOps.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace LlmOps.Sdk.Tests.Telemetry;

/// <summary>The README's tracing setup in an ASP.NET Core app: which of our spans a web request exports.</summary>
/// <remarks>
/// Alone in the process: a span listener of another test would sample the spans that this one's sampler drops. The app
/// logs (as every app does), so ASP.NET Core starts a request activity whether or not a tracer records it.
/// </remarks>
[Collection(nameof(TelemetryIsolation))]
public sealed class AspNetCoreTracingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WithTracing_AspNetCoreInstrumentation_ExportsOurSpanUnderTheRequestSpan(bool streaming)
    {
        var exported = await ExportedForOneRequestAsync(streaming, static tracing => tracing
            .AddSource(LlmOpsTelemetry.SourceName)
            .AddAspNetCoreInstrumentation());

        var request = Assert.Single(exported, static s => s.Kind == ActivityKind.Server);
        var call = Assert.Single(exported, static s => s.Source.Name == LlmOpsTelemetry.SourceName);
        Assert.Equal((request.TraceId, request.SpanId), (call.TraceId, call.ParentSpanId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WithTracing_AspNetCoreSource_ExportsOurSpanUnderTheRequestSpan(bool streaming)
    {
        var exported = await ExportedForOneRequestAsync(streaming, static tracing => tracing
            .AddSource(LlmOpsTelemetry.SourceName)
            .AddSource("Microsoft.AspNetCore"));

        var request = Assert.Single(exported, static s => s.Kind == ActivityKind.Server);
        var call = Assert.Single(exported, static s => s.Source.Name == LlmOpsTelemetry.SourceName);
        Assert.Equal((request.TraceId, request.SpanId), (call.TraceId, call.ParentSpanId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WithTracing_OnlyOurSource_ExportsNoSpanOfOurs(bool streaming)
    {
        // The pitfall the README warns of: the request activity is nobody's sampled span, and the default sampler,
        // ParentBased(AlwaysOn), drops every child of a parent that was not sampled.
        var exported = await ExportedForOneRequestAsync(streaming, static tracing => tracing.AddSource(LlmOpsTelemetry.SourceName));

        Assert.True(exported.Count == 0, $"Exported {string.Join(", ", exported.Select(s => s.DisplayName))}.");
    }

    private static async Task<List<Activity>> ExportedForOneRequestAsync(bool streaming, Action<TracerProviderBuilder> configureTracing)
    {
        List<Activity> exported = [];
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddFakeLogging();
        builder.Services.AddChatClient(new ScriptedChatClient());
        builder.Services.AddLlmOps();
        builder.Services.AddOpenTelemetry().WithTracing(tracing => configureTracing(tracing.AddInMemoryExporter(exported)));
        await using (var app = builder.Build())
        {
            app.MapGet("/chat", (IChatClient chat) => AnswerAsync(chat, streaming));
            await app.StartAsync();
            using var client = app.GetTestClient();

            var reply = await client.GetStringAsync(new Uri("/chat", UriKind.Relative));

            Assert.False(string.IsNullOrEmpty(reply), "The endpoint did not answer.");
            await app.StopAsync(); // the request span ends after the response: stopping the host waits for it
        }

        return exported;
    }

    private static async Task<string> AnswerAsync(IChatClient chat, bool streaming)
    {
        if (!streaming)
        {
            return (await chat.GetResponseAsync(ChatCalls.Question)).Text;
        }

        var text = new StringBuilder();
        await foreach (var update in chat.GetStreamingResponseAsync(ChatCalls.Question))
        {
            text.Append(update.Text);
        }

        return text.ToString();
    }
}
