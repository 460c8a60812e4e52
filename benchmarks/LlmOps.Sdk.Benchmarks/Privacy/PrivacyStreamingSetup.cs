using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Privacy;

namespace LlmOps.Sdk.Benchmarks.Privacy;

/// <summary>What the streaming benchmarks share: a provider stream of a given length, alone and through the privacy stage.</summary>
/// <remarks>
/// The provider's chunks hold no <c>&lt;</c>, so a call that issued a placeholder takes the restoring path on every
/// chunk without restoring anything: the cost a chunk pays for the stage to look.
/// </remarks>
public abstract class PrivacyStreamingSetup : IDisposable
{
    private readonly int _chunks;

    /// <summary>Initializes the setup for streams of <paramref name="chunks"/> chunks.</summary>
    protected PrivacyStreamingSetup(int chunks) => _chunks = chunks;

    /// <summary>Gets a request with nothing to protect.</summary>
    protected ChatMessage[] Clean { get; } = [new(ChatRole.User, "Summarise the returns policy.")];

    /// <summary>Gets a request with an e-mail address, so the call issues a placeholder and restores its stream.</summary>
    protected ChatMessage[] WithEmail { get; } = [new(ChatRole.User, "Summarise the returns policy for jane.doe@example.com.")];

    /// <summary>Gets the provider alone.</summary>
    protected IChatClient Raw { get; private set; } = null!;

    /// <summary>Gets the provider behind the privacy stage.</summary>
    protected IChatClient Stage { get; private set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        Raw = new FixedProviderChatClient(_chunks);
        Stage = new ChatClientBuilder(Raw).UseLlmOpsPrivacy(new PrivacyOptions { Enabled = true }).Build();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        Stage.Dispose(); // disposes the provider too, through the stage
        GC.SuppressFinalize(this);
    }

    /// <summary>Reads a stream to its end, counting its contents.</summary>
    protected static async Task<int> ReadAsync(IChatClient client, ChatMessage[] messages)
    {
        var length = 0;
        await foreach (var update in client.GetStreamingResponseAsync(messages))
        {
            length += update.Contents.Count;
        }

        return length;
    }
}
