using System.Reflection;
using LlmOps.Sdk.Prompts.Mustache;

namespace LlmOps.Sdk.Tests.Prompts.Mustache;

/// <summary>The accessor used where code cannot be compiled at run time (native AOT), tested directly.</summary>
public sealed class ReflectionMemberAccessorTests
{
    [Fact]
    public void TryGetValue_Property_ReturnsItsValue()
    {
        var accessor = new ReflectionMemberAccessor(typeof(Sample), typeof(Sample).GetProperty(nameof(Sample.Name))!);

        var found = accessor.TryGetValue(new Sample { Name = "Ada" }, out var value);

        Assert.True(found);
        Assert.Equal("Ada", value.Object);
    }

    [Fact]
    public void TryWrite_Field_WritesItsValueInvariantly()
    {
        var accessor = new ReflectionMemberAccessor(typeof(Sample), typeof(Sample).GetField(nameof(Sample.Ratio), BindingFlags.Public | BindingFlags.Instance)!);
        var output = new OutputBuffer(16);
        try
        {
            var written = accessor.TryWrite(new Sample { Ratio = 0.5 }, ref output, htmlEscape: false);

            Assert.True(written);
            Assert.Equal("0.5", output.ToString());
        }
        finally
        {
            output.Dispose();
        }
    }

    private sealed class Sample
    {
#pragma warning disable CA1051 // a public field on purpose: fields are a variable source too
        public double Ratio;
#pragma warning restore CA1051

        public string Name { get; set; } = "";
    }
}
