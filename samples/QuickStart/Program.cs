// QuickStart: one host service calling a chat model through the LlmOps pipeline.
// Offline by default (ScriptedChatClient); set OPENAI_API_KEY to call a real OpenAI-compatible endpoint
// (OPENAI_BASE_URL and OPENAI_MODEL are optional).
using System.ClientModel;
using LlmOps.Sdk;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

var chatProvider = CreateProvider(out var providerName);
var services = new ServiceCollection();
services.AddChatClient(chatProvider);
services.AddLlmOps(llmops => llmops
    .AddPromptsFromDirectory(Path.Combine(AppContext.BaseDirectory, "prompts"))
    .ConfigureResilience(r => r.MaxRetryAttempts = 3));

await using var provider = services.BuildServiceProvider();
var chat = provider.GetRequiredService<IChatClient>();
Console.WriteLine($"Provider: {providerName}");

(string Customer, string Question, string? Label)[] calls =
[
    ("Ada", "How do I reset my password?", null),                            // the default label: production
    ("Grace", "Can I change the e-mail address on my account?", "previous"), // an older version, by label
];
foreach (var (customer, question, label) in calls)
{
    // The call names a prompt; the pipeline resolves, renders and sends it.
    var options = new ChatOptions().WithPrompt("support-reply", new { customer, question }, label: label);
    var response = await chat.GetResponseAsync([], options);

    var prompt = response.GetRenderedPrompt();
    Console.WriteLine();
    Console.WriteLine($"> {customer}: {question}");
    Console.WriteLine($"< {response.Text}");
    Console.WriteLine($"  prompt {prompt?.Name} v{prompt?.Version} (label {label ?? "production"}, hash {prompt?.ContentHash[..12]})");
    Console.WriteLine($"  model {response.ModelId ?? "?"}, tokens in/out {response.Usage?.InputTokenCount}/{response.Usage?.OutputTokenCount}, finish {response.FinishReason}");
}

static IChatClient CreateProvider(out string description)
{
    var apiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
    if (string.IsNullOrEmpty(apiKey))
    {
        description = "offline ScriptedChatClient (set OPENAI_API_KEY to use a real model)";
        return new ScriptedChatClient { Responder = static (messages, _) => OfflineAnswer(messages[^1].Text) };
    }

    var model = Environment.GetEnvironmentVariable("OPENAI_MODEL") is { Length: > 0 } m ? m : "gpt-4o-mini";
    var clientOptions = new OpenAIClientOptions();
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
