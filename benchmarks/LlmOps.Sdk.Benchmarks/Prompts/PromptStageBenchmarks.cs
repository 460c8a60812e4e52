using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Benchmarks.Prompts;

/// <summary>
/// A call through the prompt stage with a cached prompt, against rendering the same template by hand and calling the
/// same provider: once with the rendered messages alone, once also setting the prompt's model settings on the options.
/// The stage is called both ways a caller names a prompt: <c>new ChatOptions().WithPrompt(…)</c> (a dictionary entry)
/// and <c>new PromptChatOptions(…)</c> (fields). <see cref="PromptStageMarkedOnce"/> passes the same marked options to
/// every call, which the stage allows because it never changes them: the stage's own cost with <c>WithPrompt</c>,
/// without the caller building the mark's dictionary.
/// </summary>
[MemoryDiagnoser]
public class PromptStageBenchmarks
{
    private static readonly object Variables = new { customer = "Ada", question = "Where is my order 4711?", tone = "calm" };
    private static readonly ChatMessage[] NoMessages = [];

    private readonly FixedProviderChatClient _provider = new();
    private ChatPromptTemplate _template = null!;
    private PromptModelSettings _model = null!;
    private IChatClient _withPromptStage = null!;
    private ChatOptions _markedOnce = null!;

    [GlobalSetup]
    public void Setup()
    {
        var prompt = new PromptVersion("support", 1,
        [
            new(ChatRole.System, "You are a {{tone}} support agent for Contoso. Answer in two sentences and name the setting to change."),
            new(ChatRole.User, "{{customer}} asks: {{question}}"),
        ])
        {
            Model = new PromptModelSettings { ModelId = "gpt-4o-mini", Temperature = 0.2f, MaxOutputTokens = 300 },
        };
        _model = prompt.Model;
        _template = ChatPromptTemplate.Parse(prompt.Messages.Select(m => new ChatMessage(m.Role, m.Template)));
        var registry = new PromptRegistry([new InMemoryPromptStore().Add(prompt, "production")]);
        _withPromptStage = new ChatClientBuilder(_provider).UseLlmOpsPrompts(registry, new PromptOptions()).Build();
        _markedOnce = Options();
        _withPromptStage.GetResponseAsync(NoMessages, Options()).GetAwaiter().GetResult(); // warm the cache
    }

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> RenderByHand() =>
        _provider.GetResponseAsync(_template.Render(Variables), new ChatOptions());

    [Benchmark]
    public Task<ChatResponse> RenderByHandWithModelSettings() =>
        _provider.GetResponseAsync(_template.Render(Variables), new ChatOptions
        {
            ModelId = _model.ModelId,
            Temperature = _model.Temperature,
            MaxOutputTokens = _model.MaxOutputTokens,
        });

    [Benchmark]
    public Task<ChatResponse> PromptStage() => _withPromptStage.GetResponseAsync(NoMessages, Options());

    [Benchmark]
    public Task<ChatResponse> PromptStageMarkedOnce() => _withPromptStage.GetResponseAsync(NoMessages, _markedOnce);

    [Benchmark]
    public Task<ChatResponse> PromptStageTypedOptions() =>
        _withPromptStage.GetResponseAsync(NoMessages, new PromptChatOptions("support", Variables));

    private static ChatOptions Options() => new ChatOptions().WithPrompt("support", Variables);
}
