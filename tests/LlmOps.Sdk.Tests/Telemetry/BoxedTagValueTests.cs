using LlmOps.Sdk.Telemetry;

namespace LlmOps.Sdk.Tests.Telemetry;

public sealed class BoxedTagValueTests
{
    [Fact]
    public void Box_SameValue_ReturnsTheSameBox()
    {
        var boxes = new BoxedTagValue<float>();

        var first = boxes.Box(0.2f);
        var second = boxes.Box(0.2f);

        Assert.Same(first, second);
    }

    [Fact]
    public void Box_OtherValue_ReturnsABoxHoldingIt()
    {
        var boxes = new BoxedTagValue<int>();
        boxes.Box(200);

        var boxed = boxes.Box(300);

        Assert.Equal(300, Assert.IsType<int>(boxed));
    }

    [Fact]
    public void Box_NegativeZeroAfterZero_KeepsItsSign()
    {
        var boxes = new BoxedTagValue<double>();
        boxes.Box(0.0);

        var boxed = Assert.IsType<double>(boxes.Box(-0.0));

        Assert.True(double.IsNegative(boxed), $"-0.0 came back as {boxed}.");
    }
}
