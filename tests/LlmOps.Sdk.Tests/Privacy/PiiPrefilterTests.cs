using System.Text;
using LlmOps.Sdk.Privacy;
using LlmOps.Sdk.Telemetry.Redaction;

namespace LlmOps.Sdk.Tests.Privacy;

/// <summary>The pre-check may say "maybe" for clean text, never "no" for text a built-in detector matches.</summary>
public sealed class PiiPrefilterTests
{
    [Theory]
    [InlineData("Write to jane.doe@example.com please.")]
    [InlineData("cc: o'brien+billing@mail.co.uk, thanks")]
    [InlineData("quoted 'jane@example.com' here")]
    [InlineData("cc: obrien+billing@mail.co.uk, thanks")]
    [InlineData("Reach me at FIRST.LAST@Sub.Example.ORG.")]
    [InlineData("Call +1 (415) 555-0132 now")]
    [InlineData("Call +44 20 7946 0958.")]
    [InlineData("Tel +49-30-1234567")]
    [InlineData("Phone: (555) 123-4567")]
    [InlineData("Phone: 555-123-4567 or 555.987.6543")]
    [InlineData("Ring 020 7946 0958 after 5")]
    [InlineData("Mobile 06 12 34 56 78")]
    [InlineData("Card 4111 1111 1111 1111 exp 12/29")]
    [InlineData("Card 4111-1111-1111-1111")]
    [InlineData("Amex 378282246310005.")]
    [InlineData("Mastercard 5555555555554444")]
    [InlineData("IBAN DE89 3704 0044 0532 0130 00 for the refund")]
    [InlineData("IBAN GB82WEST12345698765432")]
    [InlineData("FR1420041010050500013M02606 is mine")]
    [InlineData("Server 192.168.1.20 refused")]
    [InlineData("from 10.0.0.255.")]
    [InlineData("IPv6 2001:db8:85a3::8a2e:370:7334 is down")]
    [InlineData("loopback ::1 and fe80::1ff:fe23:4567:890a: both")]
    [InlineData("key sk-proj-Abc123Def456Ghi789Jkl012Mno345 leaked")]
    [InlineData("anthropic sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123")]
    [InlineData("aws AKIAIOSFODNN7EXAMPLE")]
    [InlineData("gh ghp_0123456789abcdefghijABCDEFGHIJ012345")]
    [InlineData("stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc")]
    [InlineData("google AIzaSyA-1234567890abcdefghijklmnopqrstu")]
    [InlineData("Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345")]
    [InlineData("password=hunter2hunter2")]
    [InlineData("api_key: \"9f8e7d6c5b4a39281706\"")]
    [InlineData("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U")]
    public void MayContain_TextWithPersonalData_IsTrue(string text)
    {
        Assert.NotEmpty(PiiDetector.FindAll(text));

        Assert.True(PiiPrefilter.MayContain(text), text);
    }

    [Theory]
    [InlineData("You are a support assistant. Answer in at most 3 short paragraphs; returns within 30 days, refunds in 5 to 7 days.")]
    [InlineData("The password is required and the token expired. Note: the secret of a good answer is brevity.")]
    [InlineData("Use a task-based approach, e.g. step-by-step: first the summary, then the details.")]
    public void MayContain_CleanProse_IsFalse(string text)
    {
        Assert.Empty(PiiDetector.FindAll(text));

        Assert.False(PiiPrefilter.MayContain(text), text);
    }

    [Fact]
    public void MayContain_TwentyThousandRandomTexts_NeverFalseWhenADetectorFindsSomething()
    {
        string[] pieces =
        [
            " ", "  ", ", ", ". ", ":", "=", "-", "(", ")", "+", "/", ".", "\t", "\"", "'", "@", "_", "::",
            "a", "Z", "word", "DE", "GB", "AB", "0", "1", "7", "12", "123", "1234", "2024", "0049", "+49", "192", "255",
            "fe80", "db8", "abcd", "sk", "sk-", "AKIA", "AIza", "eyJ", "Bearer ", "bearer ", "xoxb-", "token", "password",
            "pwd", "secret", "api-key", "apikey", "ghp_", "example.com", "jane", "٣", "é", "ABCDEFGHIJKLMNOP", "abcdefghij",
        ];
        var random = new Random(20261206);
        var found = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var text = new StringBuilder();
            var count = random.Next(1, 30);
            for (var j = 0; j < count; j++)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            var value = text.ToString();
            if (PiiDetector.FindAll(value).Count > 0)
            {
                found++;
                Assert.True(PiiPrefilter.MayContain(value), value);
            }
        }

        Assert.True(found > 1000, $"only {found} generated texts held something to find");
    }
}
