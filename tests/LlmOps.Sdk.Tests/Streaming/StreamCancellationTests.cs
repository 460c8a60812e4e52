using LlmOps.Sdk.Streaming;

namespace LlmOps.Sdk.Tests.Streaming;

public sealed class StreamCancellationTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Combine_BothTokensCancellable_EitherCancelsTheStream(bool cancelTheCall)
    {
        using var call = new CancellationTokenSource();
        using var enumeration = new CancellationTokenSource();

        var (token, linked) = StreamCancellation.Combine(call.Token, enumeration.Token);
        using (linked)
        {
            (cancelTheCall ? call : enumeration).Cancel();

            Assert.NotNull(linked);
            Assert.True(token.IsCancellationRequested);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Combine_OneTokenCancellable_ReturnsItWithoutALinkedSource(bool callIsCancellable)
    {
        using var source = new CancellationTokenSource();

        var (token, linked) = callIsCancellable
            ? StreamCancellation.Combine(source.Token, CancellationToken.None)
            : StreamCancellation.Combine(CancellationToken.None, source.Token);

        Assert.Null(linked);
        Assert.Equal(source.Token, token);
    }

    [Fact]
    public void Combine_SameTokenTwice_ReturnsItWithoutALinkedSource()
    {
        using var source = new CancellationTokenSource();

        var (token, linked) = StreamCancellation.Combine(source.Token, source.Token);

        Assert.Null(linked);
        Assert.Equal(source.Token, token);
    }
}
