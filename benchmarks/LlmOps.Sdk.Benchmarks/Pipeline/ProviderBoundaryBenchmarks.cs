using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Pipeline;

namespace LlmOps.Sdk.Benchmarks.Pipeline;

/// <summary>
/// What taking our own <c>llmops.*</c> entries out of the options costs next to the provider: nothing (no copy, no
/// allocation) when a call carries none of them, one options copy when it does.
/// </summary>
/// <remarks>The provider is <see cref="FixedProviderChatClient"/>, which costs nothing; no listener is attached.</remarks>
[MemoryDiagnoser]
public class ProviderBoundaryBenchmarks
{
    private static readonly ChatMessage[] Messages = [new(ChatRole.User, "Where is order 42?")];

    private readonly IChatClient _provider = new FixedProviderChatClient();
    private IChatClient _boundary = null!;
    private ChatOptions _userEntriesOnly = null!;
    private ChatOptions _withOwnEntries = null!;

    [GlobalSetup]
    public void Setup()
    {
        _boundary = ProviderBoundaryChatClient.Below(_provider);
        _userEntriesOnly = new ChatOptions { ModelId = "gpt-4o-mini", AdditionalProperties = new() { ["user_tag"] = "a", ["tenant"] = "b" } };
        _withOwnEntries = new ChatOptions
        {
            ModelId = "gpt-4o-mini",
            AdditionalProperties = new() { ["user_tag"] = "a", ["tenant"] = "b", ["llmops.cache"] = true, ["llmops.budget.key"] = "t-1" },
        };
    }

    /// <summary>The provider alone, with the user's entries.</summary>
    [Benchmark(Baseline = true)]
    public Task<ChatResponse> Raw() => _provider.GetResponseAsync(Messages, _userEntriesOnly);

    /// <summary>Through the boundary, with the user's entries only: nothing to take out.</summary>
    [Benchmark]
    public Task<ChatResponse> NothingToStrip() => _boundary.GetResponseAsync(Messages, _userEntriesOnly);

    /// <summary>Through the boundary, with two entries of ours among the user's: the options are copied without them.</summary>
    [Benchmark]
    public Task<ChatResponse> OwnEntriesStripped() => _boundary.GetResponseAsync(Messages, _withOwnEntries);
}
