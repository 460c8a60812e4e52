using LlmOps.Sdk.Rollouts;
using RolloutsSample;

namespace LlmOps.Sdk.Tests.Samples;

/// <summary>Runs the Rollouts sample in-process and checks what it promises: the worse candidate halts at 10%, with its figures.</summary>
public sealed class RolloutsSampleTests
{
    [Fact]
    public async Task RunAsync_CandidateInvalidOnHalfItsCalls_HaltsAtFirstStepAndPrintsTheFigures()
    {
        using var log = new StringWriter();

        var status = await GuardedRollout.RunAsync(log);

        var output = log.ToString();
        Assert.True(status is { State: RolloutState.Halted, Step: 0 }, output);
        Assert.Contains("score:json_valid:pass_rate", output, StringComparison.Ordinal);
        Assert.Contains("WORSE", output, StringComparison.Ordinal);
        Assert.Contains("label 'production' now serves version 1", output, StringComparison.Ordinal);
    }
}
