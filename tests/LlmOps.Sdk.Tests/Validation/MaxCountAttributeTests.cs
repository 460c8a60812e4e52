using LlmOps.Sdk.Validation;

namespace LlmOps.Sdk.Tests.Validation;

public sealed class MaxCountAttributeTests
{
    private readonly MaxCountAttribute _maxCount = new(2);

    [Fact]
    public void IsValid_AtTheLimit_Passes()
    {
        Assert.True(_maxCount.IsValid(new List<int> { 1, 2 }));
    }

    [Fact]
    public void IsValid_OverTheLimit_Fails()
    {
        Assert.False(_maxCount.IsValid(new List<int> { 1, 2, 3 }));
    }

    [Fact]
    public void IsValid_EnumerableOverTheLimit_Fails()
    {
        Assert.False(_maxCount.IsValid(Enumerable.Range(0, 3))); // not an ICollection: counted, never reflected on
    }

    [Fact]
    public void FormatErrorMessage_NamesTheOptionAndTheLimit()
    {
        Assert.Equal("The field Evaluation.Evaluators must hold at most 2 items.", _maxCount.FormatErrorMessage("Evaluation.Evaluators"));
    }
}
