using System.Diagnostics;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Feedback;

namespace LlmOps.Sdk.Tests.Feedback;

public sealed class RecentCallIndexTests
{
    [Fact]
    public void Add_BeyondCapacity_ForgetsTheOldestCall()
    {
        var index = new RecentCallIndex(capacity: 2);

        index.Add("a", Facts("p", 1));
        index.Add("b", Facts("p", 2));
        index.Add("c", Facts("p", 3));

        Assert.False(index.TryGetReference("a", out _));
        Assert.True(index.TryGetReference("b", out var b));
        Assert.Equal(2, b.PromptVersion);
        Assert.True(index.TryGetReference("c", out _));
    }

    [Fact]
    public void Add_ManyMoreCallsThanCapacity_KeepsExactlyTheNewest()
    {
        var index = new RecentCallIndex(capacity: 3);

        for (var i = 0; i < 1000; i++)
        {
            index.Add("id-" + i, Facts("p", i));
        }

        var kept = Enumerable.Range(0, 1000).Where(i => index.TryGetReference("id-" + i, out _)).ToList();
        Assert.Equal([997, 998, 999], kept);
        Assert.True(index.TryGetReference("id-998", out var reference));
        Assert.Equal(998, reference.PromptVersion);
    }

    [Fact]
    public void Add_SameIdTwice_KeepsOneSlotWithTheLatestCall()
    {
        var index = new RecentCallIndex(capacity: 2);

        index.Add("a", Facts("p", 1));
        index.Add("a", Facts("p", 2));
        index.Add("b", Facts("p", 3));

        Assert.True(index.TryGetReference("a", out var a));
        Assert.Equal(2, a.PromptVersion);
        Assert.True(index.TryGetReference("b", out _));
    }

    [Fact]
    public void Add_FailingScoreArrivedFirst_ReportsIt()
    {
        // Inline evaluation writes to its sinks before the call returns to the feedback stage.
        var index = new RecentCallIndex(capacity: 4);
        index.Attach(new EvaluationRecord("judge", EvaluationMode.Inline, [new EvaluationScore("judge", 0, passed: false)]) { ResponseId = "a" });

        var failed = index.Add("a", Facts("p", 1));

        Assert.True(failed);
    }

    [Fact]
    public void TryTake_SecondTime_ReturnsFalse()
    {
        var index = new RecentCallIndex(capacity: 4);
        index.Add("a", Facts("p", 1) with { Response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "hi")), Messages = [], MessageCount = 0 });

        var first = index.TryTake("a", "sampled", DateTimeOffset.UnixEpoch, out _);
        var second = index.TryTake("a", "sampled", DateTimeOffset.UnixEpoch, out _);

        Assert.True(first);
        Assert.False(second);
    }

    [Fact]
    public void TryTake_CallerAppendedToItsHistory_TakesOnlyTheMessagesSent()
    {
        var index = new RecentCallIndex(capacity: 4);
        List<ChatMessage> history = [new(ChatRole.User, "question")];
        index.Add("a", Facts("p", 1) with { Response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "answer")), Messages = history, MessageCount = history.Count });
        history.Add(new ChatMessage(ChatRole.Assistant, "answer"));

        index.TryTake("a", "sampled", DateTimeOffset.UnixEpoch, out var call);

        Assert.Equal("question", Assert.Single(call!.Messages).Text);
    }

    private static CallFacts Facts(string prompt, int version) =>
        new(prompt, version, default(ActivityContext), "m", null, 0, null, null);
}
