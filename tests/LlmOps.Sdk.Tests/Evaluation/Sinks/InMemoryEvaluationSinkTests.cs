using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Tests.Evaluation.Sinks;

public sealed class InMemoryEvaluationSinkTests
{
    [Fact]
    public async Task WriteAsync_BeyondCapacity_DropsTheOldest()
    {
        var sink = new InMemoryEvaluationSink(capacity: 2);

        foreach (var name in new[] { "a", "b", "c" })
        {
            await sink.WriteAsync(new EvaluationRecord(name, EvaluationMode.Inline, []), CancellationToken.None);
        }

        Assert.Equal(["b", "c"], sink.Records.Select(static r => r.EvaluatorName));
    }

    [Fact]
    public async Task Clear_AfterWrites_Empties()
    {
        var sink = new InMemoryEvaluationSink();
        await sink.WriteAsync(new EvaluationRecord("a", EvaluationMode.Inline, []), CancellationToken.None);

        sink.Clear();

        Assert.Empty(sink.Records);
    }
}
