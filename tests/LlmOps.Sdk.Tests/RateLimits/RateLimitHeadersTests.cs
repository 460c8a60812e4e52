using LlmOps.Sdk.RateLimits;

namespace LlmOps.Sdk.Tests.RateLimits;

public sealed class RateLimitHeadersTests
{
    [Theory]
    [InlineData("1s", 1000)]
    [InlineData("6m0s", 360_000)]
    [InlineData("20ms", 20)]
    [InlineData("1h2m3.5s", 3_723_500)]
    [InlineData("0.5", 500)]
    public void ParseDuration_OpenAiFormats_ReadsTheWait(string text, double milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), RateLimitHeaders.ParseDuration(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5x")]
    public void ParseDuration_Unreadable_ReturnsNull(string text)
    {
        Assert.Null(RateLimitHeaders.ParseDuration(text));
    }
}
