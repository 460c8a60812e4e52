// QuickStart: one host service calling a chat model through the LlmOps pipeline.
// Offline by default (ScriptedChatClient); set OPENAI_API_KEY to call a real OpenAI-compatible endpoint
// (OPENAI_BASE_URL and OPENAI_MODEL are optional). Each call's answer and scores are printed, then its span and metrics.
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Net.Sockets;
using LlmOps.Sdk;
using LlmOps.Sdk.Budgets;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using Polly.Timeout;

var chatProvider = CreateProvider(out var providerName, out var endpoint);
var services = new ServiceCollection();
services.AddChatClient(chatProvider);
var scores = new InMemoryEvaluationSink();
services.AddLlmOps(llmops => llmops
    .AddPromptsFromDirectory(Path.Combine(AppContext.BaseDirectory, "prompts"))  // prompts/support-reply: v1.prompty, v2.yaml, labels.yaml
    // Inline evaluators score each response before the call returns; their scores also go on the call's span.
    .AddEvaluator<TokenF1Evaluator>()
    .AddEvaluator(new LengthEvaluator(maxLength: 280))
    .AddEvaluator(new NotContainsEvaluator(["as an AI", "I cannot"]))
    .AddEvaluationSink(scores)
    .AddResponseCache()                                             // calls marked WithCache() are answered from memory when repeated
    .ConfigureResilience(r =>
    {
        r.MaxRetryAttempts = 3;                                       // transient faults: retried with backoff, Retry-After honoured
        r.AttemptTimeout = TimeSpan.FromSeconds(10);                  // a sample should give up in seconds, not minutes:
        r.TotalTimeout = TimeSpan.FromSeconds(20);                    // the defaults (100 s, 5 min) suit long generations
    })
    .AddBudget(b => { b.Scope = BudgetScope.Key; b.Match = "trial"; b.LimitUsd = 0.0001; b.Window = BudgetWindow.Day; })
    .ConfigureTelemetry(t => t.EnableSensitiveData = true));        // recorded on the span, redacted first

using var telemetry = new ConsoleTelemetry();
await using var provider = services.BuildServiceProvider();
var chat = provider.GetRequiredService<IChatClient>();
Console.WriteLine($"Provider: {providerName}");

// Each call names a prompt: the pipeline resolves the version its label points to, renders it and sends it.
(string Customer, string Question, string? Label, string Expected)[] calls =
[
    ("Ada", "How do I reset my password?", null, "Go to Settings > Security and choose Reset password."),   // the default label: production
    ("Grace", "Can I change the e-mail address jane.doe@example.com on my account?", "previous",             // an older version, by label
        "Yes, edit it under Settings > Account and confirm the new address."),
    ("Ada", "How do I reset my password?", null, "Go to Settings > Security and choose Reset password."),   // asked again: a cache hit
];
foreach (var (customer, question, label, expected) in calls)
{
    scores.Clear();
    var options = new ChatOptions()
        .WithPrompt("support-reply", new { customer, question }, label: label)
        .WithReferenceAnswer(expected)                            // what the reference-based evaluators compare with
        .WithCache();                                             // a repeated question is served without a provider call
    if (Environment.GetEnvironmentVariable("OPENAI_MODEL") is { Length: > 0 } model)
    {
        options.ModelId = model;                                  // the call's own settings win over the prompt's
    }

    ChatResponse response;
    try
    {
        response = await chat.GetResponseAsync([], options);
    }
    catch (Exception e) when (endpoint is not null && UnreachableReason(e) is { } reason)
    {
        await Console.Error.WriteLineAsync(
            $"Could not reach {endpoint}: {reason}. Check OPENAI_BASE_URL or unset OPENAI_API_KEY to run offline.");
        return 1;
    }

    var prompt = response.GetRenderedPrompt();
    Console.WriteLine();
    Console.WriteLine($"> {customer}: {question}");
    Console.WriteLine($"< {response.Text}");
    Console.WriteLine($"  prompt {prompt?.Name} v{prompt?.Version} (label {label ?? "production"}, hash {prompt?.ContentHash[..12]})");
    Console.WriteLine($"  model {response.ModelId ?? "?"}, tokens in/out {response.Usage?.InputTokenCount}/{response.Usage?.OutputTokenCount}, finish {response.FinishReason}");
    Console.WriteLine(response.IsFromCache() ? "  cache hit: answered from the response cache, no provider call" : "  cache miss: answered by the provider");
    foreach (var score in scores.Records.SelectMany(static record => record.Scores))
    {
        var value = score.Value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-";
        Console.WriteLine($"  {score.Name,-14} {value,8}  {score.Label ?? "",-4}  {score.Explanation}");
    }

    telemetry.Flush();
}

// The trial tenant's budget is 0.01 US cents a day: its call's estimate (input + 300 output tokens) does not fit, so
// it is refused before anything is sent.
try
{
    await chat.GetResponseAsync([], new ChatOptions()
        .WithPrompt("support-reply", new { customer = "Trial", question = "What does the pro plan cost?" })
        .WithBudgetKey("trial"));
}
catch (BudgetExceededException e)
{
    Console.WriteLine();
    Console.WriteLine($"! budget '{e.BudgetName}' ({e.Scope} '{e.ScopeValue}'): estimate {e.EstimateUsd:0.######} USD > limit {e.LimitUsd} USD; nothing sent");
}

return 0;

static IChatClient CreateProvider(out string description, out Uri? endpoint)
{
    var apiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
    if (string.IsNullOrEmpty(apiKey))
    {
        endpoint = null;
        description = "offline ScriptedChatClient (set OPENAI_API_KEY to use a real model); its first call answers HTTP 429 with Retry-After 0.2 s";
        return new ScriptedChatClient { Responder = static (messages, _) => OfflineAnswer(messages[^1].Text) }
            .EnqueueFault(ScriptedFault.TooManyRequests(retryAfter: TimeSpan.FromMilliseconds(200)));
    }

    var model = ModelName();
    var clientOptions = new OpenAIClientOptions
    {
        // LlmOps retries transient faults itself; the OpenAI SDK would otherwise retry up to 3 times more underneath it.
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    };
    if (Environment.GetEnvironmentVariable("OPENAI_BASE_URL") is { Length: > 0 } baseUrl)
    {
        clientOptions.Endpoint = new Uri(baseUrl);
    }

    endpoint = clientOptions.Endpoint ?? new Uri("https://api.openai.com/v1");
    description = $"OpenAI-compatible endpoint {endpoint}, model {model}";
    return new OpenAIClient(new ApiKeyCredential(apiKey), clientOptions).GetChatClient(model).AsIChatClient();
}

// Network failures and timeouts mean the endpoint is wrong or down; HTTP errors (a bad key, a bad model) surface as they are.
static string? UnreachableReason(Exception exception)
{
    for (var e = exception; e is not null; e = e.InnerException)
    {
        if (e is TimeoutRejectedException timeout)
        {
            return string.Create(CultureInfo.InvariantCulture, $"no answer within {timeout.Timeout.TotalSeconds:0} s");
        }

        if (e is SocketException or HttpRequestException { StatusCode: null } or TimeoutException)
        {
            var innermost = e;
            while (innermost.InnerException is not null)
            {
                innermost = innermost.InnerException;
            }

            return innermost.Message.TrimEnd('.');
        }
    }

    return null;
}

static string ModelName() => Environment.GetEnvironmentVariable("OPENAI_MODEL") is { Length: > 0 } m ? m : "gpt-4o-mini";

static string OfflineAnswer(string question) =>
    question.Contains("password", StringComparison.OrdinalIgnoreCase)
        ? "Open Settings > Security, choose 'Reset password' and follow the link we e-mail you."
        : "Yes: open Settings > Account, edit the e-mail address and confirm it from your new inbox.";
