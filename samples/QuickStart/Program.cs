// QuickStart: one host service calling a chat model through the LlmOps pipeline.
// Offline by default (ScriptedChatClient); set OPENAI_API_KEY to call a real OpenAI-compatible endpoint
// (OPENAI_BASE_URL and OPENAI_MODEL are optional).
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using LlmOps.Sdk;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

var chatProvider = CreateProvider(out var providerName);
var services = new ServiceCollection();
services.AddChatClient(chatProvider);
services.AddLlmOps(llmops => llmops
    .ConfigureResilience(r => r.MaxRetryAttempts = 3));

await using var provider = services.BuildServiceProvider();
var chat = provider.GetRequiredService<IChatClient>();
Console.WriteLine($"Provider: {providerName}");

// What the resilience stage did: it counts each retry, with its reason, in the llmops.client.retries metric.
List<string> retries = [];
using var retryListener = new MeterListener();
retryListener.InstrumentPublished = static (instrument, listener) =>
{
    if (instrument.Meter.Name == LlmOpsTelemetry.SourceName && instrument.Name == "llmops.client.retries")
    {
        listener.EnableMeasurementEvents(instrument);
    }
};
retryListener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
{
    foreach (var tag in tags)
    {
        if (tag.Key == "llmops.retry.reason")
        {
            lock (retries)
            {
                retries.Add($"{tag.Value}");
            }
        }
    }
});
retryListener.Start();

string[] questions = ["How do I reset my password?", "Can I change the e-mail address on my account?"];
foreach (var question in questions)
{
    retries.Clear();
    var clock = Stopwatch.StartNew();
    var response = await chat.GetResponseAsync(
        [new ChatMessage(ChatRole.System, "You are a concise support assistant."), new ChatMessage(ChatRole.User, question)]);

    Console.WriteLine();
    Console.WriteLine($"> {question}");
    Console.WriteLine($"< {response.Text}");
    Console.WriteLine($"  model {response.ModelId ?? "?"}, tokens in/out {response.Usage?.InputTokenCount}/{response.Usage?.OutputTokenCount}, finish {response.FinishReason}");
    Console.WriteLine(retries.Count == 0
        ? $"  resilience: answered first time, {clock.Elapsed.TotalSeconds:0.00} s"
        : $"  resilience: retried {retries.Count} time(s) after {string.Join(", ", retries)}, answered in {clock.Elapsed.TotalSeconds:0.00} s");
}

static IChatClient CreateProvider(out string description)
{
    var apiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
    if (string.IsNullOrEmpty(apiKey))
    {
        description = "offline ScriptedChatClient (set OPENAI_API_KEY to use a real model); its first call answers HTTP 429 with Retry-After 0.2 s";
        return new ScriptedChatClient { Responder = static (messages, _) => OfflineAnswer(messages[^1].Text) }
            .EnqueueFault(ScriptedFault.TooManyRequests(retryAfter: TimeSpan.FromMilliseconds(200)));
    }

    var model = Environment.GetEnvironmentVariable("OPENAI_MODEL") is { Length: > 0 } m ? m : "gpt-4o-mini";
    var clientOptions = new OpenAIClientOptions
    {
        // LlmOps retries transient faults itself; the OpenAI SDK would otherwise retry up to 3 times more underneath it.
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    };
    if (Environment.GetEnvironmentVariable("OPENAI_BASE_URL") is { Length: > 0 } baseUrl)
    {
        clientOptions.Endpoint = new Uri(baseUrl);
    }

    description = $"OpenAI-compatible endpoint {clientOptions.Endpoint?.ToString() ?? "api.openai.com"}, model {model}";
    return new OpenAIClient(new ApiKeyCredential(apiKey), clientOptions).GetChatClient(model).AsIChatClient();
}

static string OfflineAnswer(string question) =>
    question.Contains("password", StringComparison.OrdinalIgnoreCase)
        ? "Open Settings > Security, choose 'Reset password' and follow the link we e-mail you."
        : "Yes: open Settings > Account, edit the e-mail address and confirm it from your new inbox.";
