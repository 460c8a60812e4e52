using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Tests.Evaluation;

public sealed class StreamedUpdatesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(200)]
    public void ToChatResponse_ManyUpdates_AssemblesEveryUpdateInOrder(int count)
    {
        using var updates = new StreamedUpdates();
        var words = Enumerable.Range(0, count).Select(i => $"w{i} ").ToArray();
        foreach (var word in words)
        {
            updates.Add(new ChatResponseUpdate(ChatRole.Assistant, word));
        }

        var response = updates.ToChatResponse();

        Assert.Equal(string.Concat(words), response.Text);
    }

    [Fact]
    public void ToChatResponse_UsageInTheLastUpdate_IsKept()
    {
        using var updates = new StreamedUpdates();
        for (var i = 0; i < 40; i++)
        {
            updates.Add(new ChatResponseUpdate(ChatRole.Assistant, "x"));
        }

        updates.Add(new ChatResponseUpdate { Contents = [new UsageContent(new UsageDetails { OutputTokenCount = 40 })] });

        Assert.Equal(40, updates.ToChatResponse().Usage?.OutputTokenCount);
    }
}
