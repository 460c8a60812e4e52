using LlmOps.Sdk.Resilience;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Tests.Resilience;

public sealed class ResilienceOptionsValidatorTests
{
    [Fact]
    public void ThrowIfInvalid_Defaults_Passes()
    {
        ResilienceOptionsValidator.ThrowIfInvalid(new ResilienceOptions());
    }

    [Theory]
    [InlineData(nameof(ResilienceOptions.MaxRetryAttempts), "between 0 and 10")]
    [InlineData(nameof(ResilienceOptions.BaseDelay), "between 00:00:00 and 00:10:00")]
    [InlineData(nameof(ResilienceOptions.MaxRetryAfter), "between 00:00:00 and 00:10:00")]
    [InlineData(nameof(ResilienceOptions.AttemptTimeout), "between 00:00:00.0100000 and 1.00:00:00")]
    [InlineData("CircuitBreaker.FailureRatio", "between 0.01 and 1")]
    [InlineData("CircuitBreaker.BreakDuration", "between 00:00:00.5000000 and 1.00:00:00")]
    public void ThrowIfInvalid_OutOfRange_NamesOptionAndRange(string option, string range)
    {
        var options = new ResilienceOptions();
        switch (option)
        {
            case nameof(ResilienceOptions.MaxRetryAttempts): options.MaxRetryAttempts = -1; break;
            case nameof(ResilienceOptions.BaseDelay): options.BaseDelay = TimeSpan.FromHours(1); options.MaxDelay = TimeSpan.FromHours(2); break;
            case nameof(ResilienceOptions.MaxRetryAfter): options.MaxRetryAfter = TimeSpan.FromHours(1); break;
            case nameof(ResilienceOptions.AttemptTimeout): options.AttemptTimeout = TimeSpan.FromMilliseconds(1); break;
            case "CircuitBreaker.FailureRatio": options.CircuitBreaker.FailureRatio = 0; break;
            case "CircuitBreaker.BreakDuration": options.CircuitBreaker.BreakDuration = TimeSpan.FromMilliseconds(100); break;
        }

        var error = Assert.Throws<OptionsValidationException>(() => ResilienceOptionsValidator.ThrowIfInvalid(options));

        Assert.Contains(option, error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains(range, StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void ThrowIfInvalid_MaxDelayBelowBaseDelay_SaysWhichToChange()
    {
        var options = new ResilienceOptions { BaseDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(5) };

        var error = Assert.Throws<OptionsValidationException>(() => ResilienceOptionsValidator.ThrowIfInvalid(options));

        Assert.Contains("MaxDelay", error.Message, StringComparison.Ordinal);
        Assert.Contains("BaseDelay", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfInvalid_AttemptTimeoutAboveTotalTimeout_SaysWhichToChange()
    {
        var options = new ResilienceOptions { AttemptTimeout = TimeSpan.FromMinutes(10), TotalTimeout = TimeSpan.FromMinutes(1) };

        var error = Assert.Throws<OptionsValidationException>(() => ResilienceOptionsValidator.ThrowIfInvalid(options));

        Assert.Contains("AttemptTimeout", error.Message, StringComparison.Ordinal);
        Assert.Contains("TotalTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfInvalid_TimeoutsOff_Passes()
    {
        ResilienceOptionsValidator.ThrowIfInvalid(new ResilienceOptions { AttemptTimeout = null, TotalTimeout = null });
    }
}
