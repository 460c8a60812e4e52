// AOT smoke: the LlmOps pipeline end to end, built for native AOT. Its standard output is deterministic, so the
// native binary's output can be compared with `dotnet run`'s; what differs by design goes to standard error.
using System.Globalization;
using System.Runtime.CompilerServices;
using LlmOps.Sdk;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Telemetry;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["LlmOps:Resilience:MaxRetryAttempts"] = "2",
        ["LlmOps:Resilience:BaseDelay"] = "00:00:00.010",
        ["LlmOps:Resilience:UseJitter"] = "false",
        ["LlmOps:Prompts:DefaultLabel"] = "production",
        ["LlmOps:Evaluation:QueueCapacity"] = "16",
    })
    .Build();

var provider = new ScriptedChatClient { Responder = static (messages, _) => $"echo: {messages[^1].Text}" }
    .EnqueueFault(ScriptedFault.ServiceUnavailable()); // the first call fails with HTTP 503 and is retried
var sink = new InMemoryEvaluationSink();
var services = new ServiceCollection();
services.AddChatClient(provider);
services.AddLlmOps(configuration.GetSection(LlmOpsOptions.SectionName), llmops => llmops
    .AddPrompts(store => store
        .Add(new PromptVersion("greet", 1, "Hello {{name}}, you have {{count}} new messages."), "production")
        .Add(new PromptVersion("ticket", 1, "Ticket {{Number}} from {{Customer}}: {{Subject}}"), "production"))
    .AddEvaluator<ExactMatchEvaluator>()
    .AddEvaluationSink(sink));

await using var container = services.BuildServiceProvider();
var chat = container.GetRequiredService<IChatClient>();
var options = container.GetRequiredService<Microsoft.Extensions.Options.IOptions<LlmOpsOptions>>().Value;
Console.WriteLine($"bound: retries {options.Resilience.MaxRetryAttempts}, base delay {options.Resilience.BaseDelay}, jitter {options.Resilience.UseJitter}, queue {options.Evaluation.QueueCapacity}");

var greeting = await chat.GetResponseAsync([], new ChatOptions()
    .WithPrompt("greet", new { name = "Ada", count = 3 })               // an anonymous object, through the generic overload
    .WithReferenceAnswer("echo: Hello Ada, you have 3 new messages."));
Print("greet", greeting);

var ticket = await chat.GetResponseAsync([], new ChatOptions()
    .WithPrompt("ticket", new Ticket(42, "Grace", "invoice missing"))    // a record
    .WithReferenceAnswer("something else"));
Print("ticket", ticket);

Console.WriteLine($"provider calls: {provider.CallCount} (2 calls, 1 retried 503)");
foreach (var record in sink.Records)
{
    foreach (var score in record.Scores)
    {
        Console.WriteLine($"score: {score.Name} {score.Label} {score.Value?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
    }
}

// A nested object, whose type no generic overload named: read under JIT, refused with a clear error without dynamic code.
try
{
    var text = PromptTemplate.Parse("{{customer.Name}}").Render(new { customer = new Person("Linus") });
    Console.Error.WriteLine($"nested object (dynamic code {RuntimeFeature.IsDynamicCodeSupported}): rendered '{text}'");
}
catch (PromptTemplateException error)
{
    Console.Error.WriteLine($"nested object (dynamic code {RuntimeFeature.IsDynamicCodeSupported}): {error.Message}");
}

// A miss inside a section over a scalar stays an ordinary unknown variable, with or without dynamic code.
try
{
    PromptTemplate.Parse("{{#vip}}{{missing}}{{/vip}}").Render(new { vip = true });
}
catch (PromptTemplateException error)
{
    Console.WriteLine($"scalar section miss: {error.Kind}, {error.Message.Contains("is not found", StringComparison.Ordinal)}");
}

// The cost controls and privacy: a repeated call answered from the response cache, a budget and a rate limit in front
// of the provider, an e-mail address that the provider sees as a placeholder and the caller gets back, and none of the
// stages' own llmops.* entries reaching the provider. The cache is turned on from configuration over a HybridCache of
// this app's own: AddResponseCache() calls AddHybridCache(), whose reflection-based default serializer (never used for
// the cache's byte payloads) makes Microsoft.Extensions.Caching.Hybrid 11.0.0 report trim warnings of its own.
var cached = new ScriptedChatClient { Responder = static (messages, _) => $"noted: {messages[^1].Text}" };
var costServices = new ServiceCollection();
costServices.AddSingleton<HybridCache>(new DictionaryHybridCache());
costServices.AddChatClient(cached);
costServices.AddLlmOps(
    new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["LlmOps:Cache:Enabled"] = "true" }).Build()
        .GetSection(LlmOpsOptions.SectionName),
    llmops => llmops
        .AddBudget(budget => budget.LimitUsd = 5)
        .AddRateLimits(limits => limits.RequestsPerMinute = 60)
        .AddPrivacy()
        .ConfigureTelemetry(telemetry => telemetry.Prices[ScriptedChatClient.DefaultModelId] = new ModelPrice
        {
            InputPerMillionTokens = 1, OutputPerMillionTokens = 2,
        })
        .ConfigureResilience(resilience => resilience.Enabled = false));
await using (var costContainer = costServices.BuildServiceProvider())
{
    var costChat = costContainer.GetRequiredService<IChatClient>();
    foreach (var attempt in (string[])["first", "second"])
    {
        var callOptions = new ChatOptions { MaxOutputTokens = 20 }.WithCache().WithBudgetKey("tenant-1");
        callOptions.AdditionalProperties!["user_tag"] = "kept";
        var answer = await costChat.GetResponseAsync("Write to ada@example.com about the invoice.", callOptions);
        Console.WriteLine($"cache {attempt}: from cache {answer.IsFromCache()}, '{answer.Text}', {answer.Usage?.TotalTokenCount} tokens");
    }

    var seen = cached.Requests[^1];
    Console.WriteLine($"provider saw: '{seen.Messages[^1].Text}'");
    Console.WriteLine($"provider options: [{string.Join(", ", ((IEnumerable<string>?)seen.Options?.AdditionalProperties?.Keys ?? []).Order(StringComparer.Ordinal))}]");
    Console.WriteLine($"provider calls: {cached.CallCount} (2 calls, the second from the cache)");
}

static void Print(string name, ChatResponse response)
{
    var prompt = response.GetRenderedPrompt();
    Console.WriteLine($"{name}: v{prompt?.Version} '{response.Text}'");
}

internal sealed record Ticket(int Number, string Customer, string Subject);

internal sealed record Person(string Name);
