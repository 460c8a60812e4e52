using LlmOps.Sdk.Privacy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Tests.Privacy;

public sealed class PrivacyCompositionTests
{
    [Fact]
    public async Task AddLlmOps_WithoutPrivacy_AddsNoPrivacyStage()
    {
        var provider = new RecordingChatClient();
        await using var services = Services(provider, llmops => { });

        var client = services.GetRequiredService<IChatClient>();

        Assert.Null(client.GetService<PrivacyChatClient>());
    }

    [Fact]
    public async Task AddPrivacy_Call_ProviderSeesPlaceholders()
    {
        var provider = new RecordingChatClient();
        await using var services = Services(provider, llmops => llmops.AddPrivacy());
        var client = services.GetRequiredService<IChatClient>();

        var response = await client.GetResponseAsync("Mail jane@example.com");

        Assert.NotNull(client.GetService<PrivacyChatClient>());
        Assert.Equal("Mail <EMAIL_1>", provider.Received[0][0].Text);
        Assert.Equal("Mail jane@example.com", response.Text);
    }

    [Fact]
    public async Task AddLlmOps_PrivacyFromConfiguration_ModesAllowListAndPatternsApply()
    {
        var provider = new RecordingChatClient();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LlmOps:Privacy:Enabled"] = "true",
            ["LlmOps:Privacy:Modes:PHONE"] = "Redact",
            ["LlmOps:Privacy:AllowList:0"] = "support@shop.example",
            ["LlmOps:Privacy:Patterns:ORDER"] = "ORD-[0-9]{5}",
        }).Build();
        var services = new ServiceCollection();
        services.AddChatClient(_ => provider);
        services.AddLlmOps(configuration.GetSection("LlmOps"));
        await using var built = services.BuildServiceProvider();

        await built.GetRequiredService<IChatClient>().GetResponseAsync("support@shop.example, +49 30 1234567, ORD-12345, jane@example.com");

        Assert.Equal("support@shop.example, [REDACTED:phone], <ORDER_1>, <EMAIL_1>", provider.Received[0][0].Text);
    }

    [Fact]
    public async Task AddLlmOps_InvalidPattern_FailsAtStartNamingTheOption()
    {
        var services = new ServiceCollection();
        services.AddChatClient(_ => new RecordingChatClient());
        services.AddLlmOps(llmops => llmops.AddPrivacy(p => p.Patterns["ORDER"] = "ORD-[0-9"));
        await using var built = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => built.GetRequiredService<IOptions<LlmOpsOptions>>().Value);

        Assert.Contains("LlmOps:Privacy:Patterns:ORDER", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseLlmOpsPrivacy_LowerCaseKind_ThrowsWithFix()
    {
        var options = new PrivacyOptions { Enabled = true };
        options.Modes["e-mail"] = PrivacyMode.Redact;

        var error = Assert.Throws<OptionsValidationException>(() => new ChatClientBuilder(new RecordingChatClient()).UseLlmOpsPrivacy(options));

        Assert.Contains("'e-mail'", error.Message, StringComparison.Ordinal);
        Assert.Contains("upper-case", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseLlmOps_PrivacyEnabled_EvaluationBelowSeesPlaceholders()
    {
        var provider = new RecordingChatClient();
        var seen = new List<string>();
        var options = new LlmOpsOptions();
        options.Privacy.Enabled = true;
        options.Evaluation.Evaluators.Add(new LlmOps.Sdk.Evaluation.EvaluatorRegistration(new TextSpy(seen), new LlmOps.Sdk.Evaluation.EvaluatorOptions()));
        options.Evaluation.Sinks.Add(new LlmOps.Sdk.Evaluation.InMemoryEvaluationSink()); // an audience, so that evaluators run
        using var client = new ChatClientBuilder(provider).UseLlmOps(options).Build();

        var response = await client.GetResponseAsync("Mail jane@example.com");

        Assert.Equal("Mail jane@example.com", response.Text);
        Assert.Equal(["Mail <EMAIL_1> -> Mail <EMAIL_1>"], seen);
    }

    [Fact]
    public async Task AddPrivacy_DetectorRegisteredAsService_IsUsed()
    {
        var provider = new RecordingChatClient();
        var services = new ServiceCollection();
        services.AddSingleton<IPiiDetector>(new WordDetector("Gandalf", "PERSON"));
        services.AddChatClient(_ => provider);
        services.AddLlmOps(llmops => llmops.AddPrivacy());
        await using var built = services.BuildServiceProvider();

        await built.GetRequiredService<IChatClient>().GetResponseAsync("Gandalf called");

        Assert.Equal("<PERSON_1> called", provider.Received[0][0].Text);
    }

    private static ServiceProvider Services(RecordingChatClient provider, Action<LlmOpsBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddChatClient(_ => provider);
        services.AddLlmOps(configure);
        return services.BuildServiceProvider();
    }

    private sealed class WordDetector(string word, string kind) : IPiiDetector
    {
        public void Detect(string text, ICollection<PiiFinding> findings)
        {
            var index = text.IndexOf(word, StringComparison.Ordinal);
            if (index >= 0)
            {
                findings.Add(new PiiFinding(kind, index, word.Length));
            }
        }
    }

    private sealed class TextSpy(List<string> seen) : LlmOps.Sdk.Evaluation.IResponseEvaluator
    {
        public string Name => "spy";

        public ValueTask<IReadOnlyList<LlmOps.Sdk.Evaluation.EvaluationScore>> EvaluateAsync(
            LlmOps.Sdk.Evaluation.ChatEvaluationContext context, CancellationToken cancellationToken)
        {
            lock (seen)
            {
                seen.Add($"{context.Messages[^1].Text} -> {context.Response.Text}");
            }

            return ValueTask.FromResult<IReadOnlyList<LlmOps.Sdk.Evaluation.EvaluationScore>>([]);
        }
    }
}
