using LlmOps.Sdk.Telemetry.Redaction;

namespace LlmOps.Sdk.Tests.Telemetry.Redaction;

public sealed class PiiDetectorTests
{
    [Fact]
    public void FindAll_MixedText_ReturnsKindsAndPositionsInOrder()
    {
        const string text = "mail a@b.io, card 4111 1111 1111 1111, ip 8.8.8.8";

        var matches = PiiDetector.FindAll(text);

        Assert.Equal([PiiKind.Email, PiiKind.CardNumber, PiiKind.IpAddress], matches.Select(m => m.Kind));
        Assert.Equal(["a@b.io", "4111 1111 1111 1111", "8.8.8.8"], matches.Select(m => text.Substring(m.Index, m.Length)));
    }

    [Fact]
    public void FindAll_CleanText_ReturnsEmpty()
    {
        var matches = PiiDetector.FindAll("Nothing to see here, version 1.2.3, order 12345.");

        Assert.Empty(matches);
        Assert.False(PiiDetector.ContainsAny("Nothing to see here."));
    }

    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("79927398713", false)] // passes Luhn, but too short for a card
    [InlineData("6011 0009 9013 9424", true)]
    public void IsLuhnCardNumber_Candidate_ChecksDigitAndLength(string candidate, bool expected)
    {
        Assert.Equal(expected, PiiDetector.IsLuhnCardNumber(candidate));
    }

    [Theory]
    [InlineData("DE89370400440532013000", true)]
    [InlineData("DE89370400440532013001", false)]
    [InlineData("GB82 WEST 1234 5698 7654 32", true)]
    public void IsIban_Candidate_ChecksMod97(string candidate, bool expected)
    {
        Assert.Equal(expected, PiiDetector.IsIban(candidate));
    }
}
