using LlmOps.Sdk.Evaluation;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Tests.Evaluation;

public sealed class EvaluationOptionsValidatorTests
{
    [Fact]
    public void ThrowIfInvalid_TooManyEvaluators_NamesTheOptionAndTheLimit()
    {
        var options = new EvaluationOptions();
        for (var i = 0; i <= EvaluationConstants.MaxEvaluators; i++)
        {
            options.Evaluators.Add(new EvaluatorRegistration(new ExactMatchEvaluator()));
        }

        var error = Assert.Throws<OptionsValidationException>(() => EvaluationOptionsValidator.ThrowIfInvalid(options));

        Assert.True(error.Message.Contains("Evaluators must hold at most 64 items", StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void ThrowIfInvalid_DrainTimeoutOutOfRange_NamesTheOptionAndTheRange()
    {
        var options = new EvaluationOptions { DrainTimeout = TimeSpan.FromHours(1) };

        var error = Assert.Throws<OptionsValidationException>(() => EvaluationOptionsValidator.ThrowIfInvalid(options));

        Assert.True(error.Message.Contains("DrainTimeout must be between 00:00:00 and 00:10:00", StringComparison.Ordinal), error.Message);
    }
}
