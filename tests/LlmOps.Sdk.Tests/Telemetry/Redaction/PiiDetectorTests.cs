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

    // One key of each known format (made up, in the format's shape), for the prefix search that anchors the secret patterns.
    public static TheoryData<string> KeysOfEachFormat() =>
    [
        "sk-proj-Abc123Def456Ghi789Jkl012Mno345",
        "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        "pk_live_51HxYzAbCdEfGhIjKlMnOpQr",
        "rk_test_51HxYzAbCdEfGhIjKlMnOpQr",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "gho_16C7e42F292c6912E7710c838347Ae178B4a",
        "ghu_16C7e42F292c6912E7710c838347Ae178B4a",
        "ghs_16C7e42F292c6912E7710c838347Ae178B4a",
        "ghr_16C7e42F292c6912E7710c838347Ae178B4a",
        "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
        "glpat-xxRm5aPZb3Qdk7Lg2vWf",
        "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp",
        "xoxe.xoxp-1-Mi0yLTEyMzQ1Njc4OTAtMDk4NzY1",
        "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
        "hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567",
        "npm_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
        "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",
        "ASIAIOSFODNN7EXAMPLE",
        "AIzaSyA-1234567890abcdefghijklmnopqrstu",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----",
    ];

    [Theory]
    [MemberData(nameof(KeysOfEachFormat))]
    public void FindAll_KeyOfAKnownFormat_FoundWholeWhereverItSits(string key)
    {
        // Around hyphens, underscores and other keys, which the first pass looks at to find where a key may start.
        foreach (var text in (string[])[key, $"an e-mail with {key} in it", $"snake_case_name: follow-up {key}.", $"({key}) and {key}"])
        {
            var matches = PiiDetector.FindAll(text);

            Assert.NotEmpty(matches);
            Assert.All(matches, match => Assert.Equal(PiiKind.Secret, match.Kind));
            Assert.All(matches, match => Assert.Equal(key, text.Substring(match.Index, match.Length)));
            Assert.Equal(text.Split(key).Length - 1, matches.Count);
        }
    }

    [Fact]
    public void FindAll_NumbersAtEveryOffset_FoundWhole()
    {
        // The digit scan reads the text in blocks: numbers that start, end or cross a block's edge, or end the text.
        for (var offset = 0; offset <= 40; offset++)
        {
            var text = new string('a', offset) + " 7 call +44 20 7946 0958, 12 cards 4111 1111 1111 1111 from 192.168.1.20";

            var matches = PiiDetector.FindAll(text);

            Assert.Equal(
                ["+44 20 7946 0958", "4111 1111 1111 1111", "192.168.1.20"],
                matches.Select(match => text.Substring(match.Index, match.Length)));
        }
    }
}
