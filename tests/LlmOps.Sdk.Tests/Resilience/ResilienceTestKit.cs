using System.Collections;
using System.Text;
using LlmOps.Sdk.Resilience;

namespace LlmOps.Sdk.Tests.Resilience;

/// <summary>Helpers shared by the resilience tests.</summary>
internal static class ResilienceTestKit
{
    /// <summary>Options that make delays exact: no jitter, no timeouts, no breaker, 1 s base delay.</summary>
    public static ResilienceOptions ExactOptions(int maxRetryAttempts = 3) => new()
    {
        MaxRetryAttempts = maxRetryAttempts,
        BaseDelay = TimeSpan.FromSeconds(1),
        UseJitter = false,
        AttemptTimeout = null,
        TotalTimeout = null,
        CircuitBreaker = { Enabled = false },
    };

    /// <summary>Calls the client, streaming or not, and returns the whole text.</summary>
    public static async Task<string> CallAsync(
        IChatClient client, bool streaming, string prompt = "hello", CancellationToken cancellationToken = default)
    {
        if (!streaming)
        {
            return (await client.GetResponseAsync(prompt, cancellationToken: cancellationToken)).Text;
        }

        var text = new StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync(prompt, cancellationToken: cancellationToken))
        {
            text.Append(update.Text);
        }

        return text.ToString();
    }

    public static TheoryData<int, bool> WithBothPaths(params int[] values)
    {
        var data = new TheoryData<int, bool>();
        foreach (var value in values)
        {
            data.Add(value, false);
            data.Add(value, true);
        }

        return data;
    }

    /// <summary>A sequence of messages that can be read only once, like a stream of messages from a queue.</summary>
    public sealed class OneShotMessages(params ChatMessage[] messages) : IEnumerable<ChatMessage>
    {
        private int _reads;

        public IEnumerator<ChatMessage> GetEnumerator() => Interlocked.Increment(ref _reads) == 1
            ? ((IEnumerable<ChatMessage>)messages).GetEnumerator()
            : throw new InvalidOperationException("These messages were already read.");

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
