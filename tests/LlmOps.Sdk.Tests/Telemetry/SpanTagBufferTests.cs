using LlmOps.Sdk.Telemetry;

namespace LlmOps.Sdk.Tests.Telemetry;

public sealed class SpanTagBufferTests
{
    [Fact]
    public void Rent_AfterReturn_ReusesTheThreadsBufferEmptied()
    {
        var first = SpanTagBuffer.Rent();
        first.Add("gen_ai.request.model", "gpt-4o-mini");
        first.Return();

        var second = SpanTagBuffer.Rent();
        var tags = second.ToList();
        second.Return();

        Assert.Same(first, second);
        Assert.Empty(tags);
    }

    [Fact]
    public void Rent_WhileOut_GetsABufferOfItsOwnAndLeavesTheOuterIntact()
    {
        // A sampler that starts a span of its own rents while the stage's attributes are being read.
        var outer = SpanTagBuffer.Rent();
        outer.Add("gen_ai.operation.name", "chat");

        var nested = SpanTagBuffer.Rent();
        nested.Add("gen_ai.operation.name", "embeddings");
        nested.Return();
        var outerTags = outer.ToList();
        outer.Return();
        var afterBoth = SpanTagBuffer.Rent();
        afterBoth.Return();

        Assert.NotSame(outer, nested);
        Assert.Equal("chat", Assert.Single(outerTags).Value);
        Assert.Same(outer, afterBoth);
    }
}
