using LlmOps.Sdk.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.Resilience;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);

    [Theory]
    [InlineData("Retry-After", "5", 5000)]
    [InlineData("Retry-After", "0", 0)]
    [InlineData("Retry-After", "1.5", 1500)]
    [InlineData("retry-after-ms", "250", 250)]
    [InlineData("retry-after-ms", "12.5", 12.5)]
    public void Read_DelayHeader_ReturnsTheDelay(string header, string value, double expectedMilliseconds)
    {
        var delay = RetryAfterHeader.Read(new FakePipelineResponse(429, "{}", (header, value)), _time);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), delay);
    }

    [Fact]
    public void Read_HttpDate_ReturnsTheTimeUntilThen()
    {
        var response = new FakePipelineResponse(503, "{}", ("Retry-After", Now.AddSeconds(42).ToString("r")));

        Assert.Equal(TimeSpan.FromSeconds(42), RetryAfterHeader.Read(response, _time));
    }

    [Fact]
    public void Read_HttpDateInThePast_ReturnsZero()
    {
        var response = new FakePipelineResponse(503, "{}", ("Retry-After", Now.AddMinutes(-1).ToString("r")));

        Assert.Equal(TimeSpan.Zero, RetryAfterHeader.Read(response, _time));
    }

    [Fact]
    public void Read_BothHeaders_PrefersMilliseconds()
    {
        var response = new FakePipelineResponse(429, "{}", ("Retry-After", "2"), ("retry-after-ms", "1200"));

        Assert.Equal(TimeSpan.FromMilliseconds(1200), RetryAfterHeader.Read(response, _time));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("")]
    public void Read_Unparsable_ReturnsNull(string value)
    {
        Assert.Null(RetryAfterHeader.Read(new FakePipelineResponse(429, "{}", ("Retry-After", value)), _time));
    }

    [Fact]
    public void Read_NoResponse_ReturnsNull()
    {
        Assert.Null(RetryAfterHeader.Read(null, _time));
    }
}
