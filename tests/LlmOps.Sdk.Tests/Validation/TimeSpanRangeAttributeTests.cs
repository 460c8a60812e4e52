using LlmOps.Sdk.Validation;

namespace LlmOps.Sdk.Tests.Validation;

public sealed class TimeSpanRangeAttributeTests
{
    private readonly TimeSpanRangeAttribute _range = new("00:00:00.5", "1.00:00:00");

    [Theory]
    [InlineData("00:00:00.5")]
    [InlineData("01:00:00")]
    [InlineData("1.00:00:00")]
    public void IsValid_WithinInclusiveBounds_Passes(string value)
    {
        Assert.True(_range.IsValid(TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("00:00:00.499")]
    [InlineData("1.00:00:00.001")]
    public void IsValid_OutsideBounds_Fails(string value)
    {
        Assert.False(_range.IsValid(TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void IsValid_Null_Passes()
    {
        Assert.True(_range.IsValid(null)); // a nullable option set to null means "none"
    }

    [Fact]
    public void FormatErrorMessage_NamesTheOptionAndTheRange()
    {
        var message = _range.FormatErrorMessage("Resilience.CircuitBreaker.BreakDuration");

        Assert.Equal("The field Resilience.CircuitBreaker.BreakDuration must be between 00:00:00.5000000 and 1.00:00:00.", message);
    }
}
