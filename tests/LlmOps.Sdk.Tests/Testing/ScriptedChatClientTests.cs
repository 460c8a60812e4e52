using System.ClientModel;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.Testing;

public sealed class ScriptedChatClientTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_NothingScripted_EchoesLastUserMessage(bool streaming)
    {
        using var client = new ScriptedChatClient();
        ChatMessage[] messages = [new(ChatRole.System, "Be brief."), new(ChatRole.User, "What is 2 + 2?")];

        var response = await CallAsync(client, messages, streaming);

        Assert.Equal("What is 2 + 2?", response.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_RepliesQueued_AnswersInOrderThenEchoes(bool streaming)
    {
        using var client = new ScriptedChatClient().EnqueueReply("first").EnqueueReply("second");

        var first = await CallAsync(client, [new(ChatRole.User, "a")], streaming);
        var second = await CallAsync(client, [new(ChatRole.User, "b")], streaming);
        var third = await CallAsync(client, [new(ChatRole.User, "c")], streaming);

        Assert.Equal(["first", "second", "c"], [first.Text, second.Text, third.Text]);
    }

    [Fact]
    public async Task GetResponseAsync_ResponderSet_UsesIt()
    {
        using var client = new ScriptedChatClient { Responder = (messages, options) => $"{options?.ModelId}:{messages.Count}" };

        var response = await client.GetResponseAsync([new(ChatRole.User, "x")], new ChatOptions { ModelId = "m1" });

        Assert.Equal("m1:1", response.Text);
        Assert.Equal("m1", response.ModelId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_AnyReply_CarriesWordCountUsage(bool streaming)
    {
        using var client = new ScriptedChatClient().EnqueueReply("four words in reply");
        ChatMessage[] messages = [new(ChatRole.System, "one two"), new(ChatRole.User, "three four five")];

        var response = await CallAsync(client, messages, streaming);

        Assert.NotNull(response.Usage);
        Assert.Equal(5, response.Usage.InputTokenCount);
        Assert.Equal(4, response.Usage.OutputTokenCount);
        Assert.Equal(9, response.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task EnqueueReply_ResponseWithUsage_KeepsItsUsage()
    {
        var scripted = new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))
        {
            Usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 7 },
        };
        using var client = new ScriptedChatClient().EnqueueReply(scripted);

        var response = await client.GetResponseAsync("hi");

        Assert.Same(scripted, response);
        Assert.Equal(100, response.Usage?.InputTokenCount);
    }

    [Theory]
    [InlineData(1, "abcdefgh", new[] { "abcdefgh" })]
    [InlineData(4, "abcdefgh", new[] { "ab", "cd", "ef", "gh" })]
    [InlineData(3, "abcdefgh", new[] { "ab", "cde", "fgh" })]
    [InlineData(10, "abc", new[] { "a", "b", "c" })]
    public async Task GetStreamingResponseAsync_ChunkCount_SplitsTheReply(int chunks, string reply, string[] expected)
    {
        using var client = new ScriptedChatClient { StreamingChunkCount = chunks }.EnqueueReply(reply);

        List<string> texts = [];
        await foreach (var update in client.GetStreamingResponseAsync("go"))
        {
            texts.Add(update.Text);
        }

        Assert.Equal(expected, texts);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_LastChunk_CarriesFinishReasonAndUsage()
    {
        using var client = new ScriptedChatClient { StreamingChunkCount = 3 }.EnqueueReply("one two three");

        List<ChatResponseUpdate> updates = [];
        await foreach (var update in client.GetStreamingResponseAsync("go"))
        {
            updates.Add(update);
        }

        Assert.All(updates[..^1], u => Assert.Null(u.FinishReason));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        var usage = Assert.Single(updates[^1].Contents.OfType<UsageContent>());
        Assert.Equal(3, usage.Details.OutputTokenCount);
        Assert.All(updates, u => Assert.Equal("scripted-1", u.ResponseId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_TooManyRequestsQueued_ThrowsClientResultExceptionWithRetryAfter(bool streaming)
    {
        using var client = new ScriptedChatClient().EnqueueFault(ScriptedFault.TooManyRequests(TimeSpan.FromSeconds(7)));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => CallAsync(client, [new(ChatRole.User, "x")], streaming));

        Assert.Equal(429, error.Status);
        var raw = error.GetRawResponse();
        Assert.NotNull(raw);
        Assert.True(raw.Headers.TryGetValue("Retry-After", out var retryAfter));
        Assert.Equal("7", retryAfter);
        Assert.True(raw.Headers.TryGetValue("retry-after-ms", out var retryAfterMs));
        Assert.Equal("7000", retryAfterMs);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(400)]
    public async Task GetResponseAsync_HttpFault_ThrowsWithThatStatus(int status)
    {
        using var client = new ScriptedChatClient().EnqueueFault(ScriptedFault.Http(status));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync("x"));

        Assert.Equal(status, error.Status);
        Assert.False(error.GetRawResponse()!.Headers.TryGetValue("Retry-After", out _));
    }

    [Fact]
    public async Task GetResponseAsync_TimeoutFault_ThrowsLikeHttpClientTimeout()
    {
        using var client = new ScriptedChatClient().EnqueueFault(ScriptedFault.Timeout());
        using var cts = new CancellationTokenSource();

        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetResponseAsync("x", cancellationToken: cts.Token));

        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.False(cts.IsCancellationRequested);
    }

    [Fact]
    public async Task FailCalls_ChosenCallNumbers_FailOnlyThoseCalls()
    {
        using var client = new ScriptedChatClient().FailCalls(ScriptedFault.ServiceUnavailable(), 2, 4);

        List<bool> failed = [];
        for (var i = 0; i < 5; i++)
        {
            try
            {
                await client.GetResponseAsync("x");
                failed.Add(false);
            }
            catch (ClientResultException e) when (e.Status == 503)
            {
                failed.Add(true);
            }
        }

        Assert.Equal([false, true, false, true, false], failed);
        Assert.Equal(5, client.CallCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_FaultAfterChunks_FailsMidStream()
    {
        using var client = new ScriptedChatClient { StreamingChunkCount = 4 }
            .EnqueueFault(ScriptedFault.ServiceUnavailable() with { AfterChunks = 2 });

        List<string> received = [];
        var error = await Assert.ThrowsAsync<ClientResultException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("abcdefgh"))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal(503, error.Status);
        Assert.Equal(["ab", "cd"], received);
    }

    [Fact]
    public async Task GetResponseAsync_Latency_WaitsOnTheInjectedClock()
    {
        var time = new FakeTimeProvider();
        using var client = new ScriptedChatClient(time) { Latency = TimeSpan.FromSeconds(2) };

        var call = client.GetResponseAsync("x");
        time.Advance(TimeSpan.FromSeconds(1.9));
        var doneEarly = call.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(0.1));
        var response = await call;

        Assert.False(doneEarly);
        Assert.Equal("x", response.Text);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ChunkDelay_WaitsBetweenChunks()
    {
        var time = new FakeTimeProvider();
        using var client = new ScriptedChatClient(time) { StreamingChunkCount = 2, ChunkDelay = TimeSpan.FromSeconds(1) };
        await using var stream = client.GetStreamingResponseAsync("abcd").GetAsyncEnumerator();

        Assert.True(await stream.MoveNextAsync());
        var second = stream.MoveNextAsync();
        var secondEarly = second.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(secondEarly);
        Assert.True(await second);
        Assert.Equal("cd", stream.Current.Text);
    }

    [Fact]
    public async Task Requests_AfterCalls_RecordsMessagesOptionsAndMode()
    {
        using var client = new ScriptedChatClient();
        var options = new ChatOptions { ModelId = "gpt-test", Temperature = 0.2f };

        await client.GetResponseAsync([new(ChatRole.User, "first")], options);
        options.Temperature = 0.9f;
        await foreach (var _ in client.GetStreamingResponseAsync([new(ChatRole.User, "second")]))
        {
        }

        var requests = client.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal((1, "first", false), (requests[0].CallNumber, requests[0].Messages[0].Text, requests[0].Streaming));
        Assert.Equal(0.2f, requests[0].Options?.Temperature);
        Assert.Equal((2, "second", true), (requests[1].CallNumber, requests[1].Messages[0].Text, requests[1].Streaming));
        Assert.Null(requests[1].Options);
    }

    [Fact]
    public async Task Requests_RecordingOff_KeepsNothingButCountsCalls()
    {
        using var client = new ScriptedChatClient { RecordsRequests = false };

        await client.GetResponseAsync("first");
        await client.GetResponseAsync("second");

        Assert.Empty(client.Requests);
        Assert.Equal(2, client.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_ManyThreads_RecordsEveryCallOnce()
    {
        using var client = new ScriptedChatClient();

        await Parallel.ForAsync(0, 200, async (i, ct) => await client.GetResponseAsync($"m{i}", cancellationToken: ct));

        Assert.Equal(200, client.CallCount);
        Assert.Equal(Enumerable.Range(1, 200), client.Requests.Select(r => r.CallNumber).Order());
    }

    [Fact]
    public void GetService_Metadata_NamesTheProvider()
    {
        using var client = new ScriptedChatClient();

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Equal("scripted", metadata?.ProviderName);
        Assert.Equal("scripted-model", metadata?.DefaultModelId);
    }

    private static async Task<ChatResponse> CallAsync(IChatClient client, ChatMessage[] messages, bool streaming) =>
        streaming
            ? await client.GetStreamingResponseAsync(messages).ToChatResponseAsync()
            : await client.GetResponseAsync(messages);
}
