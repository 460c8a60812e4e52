using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Tests.Prompts.Mustache;

public sealed class PromptTemplateRenderOptionsTests
{
    [Fact]
    public void Default_Values_AreNoEscapingStrictAndDepth32()
    {
        var options = PromptTemplateRenderOptions.Default;

        Assert.Equal((PromptTemplateEscaping.None, true, null, 32), (options.Escaping, options.StrictVariables, options.Partials, options.MaxPartialDepth));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(PromptTemplateRenderOptions.MaxPartialDepthLimit + 1)]
    public void MaxPartialDepth_OutOfRange_Throws(int depth)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PromptTemplateRenderOptions { MaxPartialDepth = depth });
    }
}
