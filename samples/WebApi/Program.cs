// WebApi: an ASP.NET Core service that answers support questions through the LlmOps pipeline.
// Offline by default (ScriptedChatClient); set OPENAI_API_KEY to call a real OpenAI-compatible endpoint
// (OPENAI_BASE_URL and OPENAI_MODEL are optional). Traces and metrics go to the console, and to an OTLP collector
// when OTEL_EXPORTER_OTLP_ENDPOINT is set.
using System.ClientModel;
using System.ClientModel.Primitives;
using LlmOps.Sdk;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using WebApi;

var builder = WebApplication.CreateBuilder(args);

// Read when the client is first resolved, not now, so that settings added later (by a test host) decide it too.
builder.Services.AddChatClient(services => CreateProvider(services.GetRequiredService<IConfiguration>()));
builder.Services.AddLlmOps(builder.Configuration.GetSection("LlmOps"), llmops => llmops
    .AddPromptsFromDirectory(Path.Combine(builder.Environment.ContentRootPath, "prompts")));

var otel = builder.Services.AddOpenTelemetry()
    .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
    .WithTracing(tracing => tracing
        .AddAspNetCoreInstrumentation()            // the request span samples the chat spans under it
        .AddSource(LlmOpsTelemetry.SourceName)
        .AddConsoleExporter())
    .WithMetrics(metrics => metrics
        .AddAspNetCoreInstrumentation()
        .AddMeter(LlmOpsTelemetry.SourceName)
        .AddConsoleExporter());
if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
{
    otel.UseOtlpExporter();                        // endpoint, headers and protocol come from the OTEL_* variables
}

builder.Services.AddHealthChecks();

var app = builder.Build();

app.MapHealthChecks("/health");
app.MapPost("/support", async (SupportRequest request, IChatClient chat, CancellationToken cancellationToken) =>
{
    var options = new ChatOptions().WithPrompt("support-reply", new { customer = request.Customer, question = request.Question });
    var response = await chat.GetResponseAsync([], options, cancellationToken);

    var prompt = response.GetRenderedPrompt();
    return new SupportReply(
        response.Text, prompt?.Name, prompt?.Version, response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount);
});

app.Run();

static IChatClient CreateProvider(IConfiguration configuration)
{
    var apiKey = configuration["OPENAI_API_KEY"];
    if (string.IsNullOrEmpty(apiKey))
    {
        return new ScriptedChatClient { Responder = static (messages, _) => OfflineAnswer(messages[^1].Text) };
    }

    var clientOptions = new OpenAIClientOptions
    {
        // LlmOps retries transient faults itself; the OpenAI SDK would otherwise retry up to 3 times more underneath it.
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    };
    if (configuration["OPENAI_BASE_URL"] is { Length: > 0 } baseUrl)
    {
        clientOptions.Endpoint = new Uri(baseUrl);
    }

    var model = configuration["OPENAI_MODEL"] is { Length: > 0 } m ? m : "gpt-4o-mini";
    return new OpenAIClient(new ApiKeyCredential(apiKey), clientOptions).GetChatClient(model).AsIChatClient();
}

static string OfflineAnswer(string question) =>
    $"Offline answer to \"{question}\": open Settings > Help, or set OPENAI_API_KEY for a real model.";

/// <summary>The app's entry point, public so that tests can start it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
