// QuickStart: one host service calling a chat model through the LlmOps pipeline.
// Offline by default (ScriptedChatClient); set OPENAI_API_KEY to call a real OpenAI-compatible endpoint
// (OPENAI_BASE_URL and OPENAI_MODEL are optional). Each call's span and metrics are printed below it.
using System.ClientModel;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

var chatProvider = CreateProvider(out var providerName);
var services = new ServiceCollection();
services.AddChatClient(chatProvider);
services.AddLlmOps(llmops => llmops
    .ConfigureResilience(r => r.MaxRetryAttempts = 3)
    .ConfigureTelemetry(t => t.CaptureMessageContent = true)); // recorded on the span, redacted first

using var telemetry = new ConsoleTelemetry();

await using var provider = services.BuildServiceProvider();
var chat = provider.GetRequiredService<IChatClient>();
Console.WriteLine($"Provider: {providerName}");

// The scripted provider answers as whatever model is asked for, so the offline run shows a cost from the price table.
var chatOptions = new ChatOptions { ModelId = ModelName() };
string[] questions = ["How do I reset my password?", "Can I change the e-mail address jane.doe@example.com on my account?"];
foreach (var question in questions)
{
    var response = await chat.GetResponseAsync(
        [new ChatMessage(ChatRole.System, "You are a concise support assistant."), new ChatMessage(ChatRole.User, question)],
        chatOptions);

    Console.WriteLine();
    Console.WriteLine($"> {question}");
    Console.WriteLine($"< {response.Text}");
    Console.WriteLine($"  model {response.ModelId ?? "?"}, tokens in/out {response.Usage?.InputTokenCount}/{response.Usage?.OutputTokenCount}, finish {response.FinishReason}");
    telemetry.Flush();
}

static IChatClient CreateProvider(out string description)
{
    var apiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
    if (string.IsNullOrEmpty(apiKey))
    {
        description = "offline ScriptedChatClient (set OPENAI_API_KEY to use a real model)";
        return new ScriptedChatClient { Responder = static (messages, _) => OfflineAnswer(messages[^1].Text) };
    }

    var model = ModelName();
    var clientOptions = new OpenAIClientOptions();
    if (Environment.GetEnvironmentVariable("OPENAI_BASE_URL") is { Length: > 0 } baseUrl)
    {
        clientOptions.Endpoint = new Uri(baseUrl);
    }

    description = $"OpenAI-compatible endpoint {clientOptions.Endpoint?.ToString() ?? "api.openai.com"}, model {model}";
    return new OpenAIClient(new ApiKeyCredential(apiKey), clientOptions).GetChatClient(model).AsIChatClient();
}

static string ModelName() => Environment.GetEnvironmentVariable("OPENAI_MODEL") is { Length: > 0 } m ? m : "gpt-4o-mini";

static string OfflineAnswer(string question) =>
    question.Contains("password", StringComparison.OrdinalIgnoreCase)
        ? "Open Settings > Security, choose 'Reset password' and follow the link we e-mail you."
        : "Yes: open Settings > Account, edit the e-mail address and confirm it from your new inbox.";
