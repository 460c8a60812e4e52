using LlmOps.Sdk.Telemetry.Redaction;

namespace LlmOps.Sdk.Tests.Telemetry.Redaction;

public sealed class PiiRedactorTests
{
    [Theory]
    [InlineData("Write to jane.doe@example.com please.", "Write to [REDACTED:email] please.")]
    [InlineData("cc: o'brien+billing@mail.co.uk, thanks", "cc: [REDACTED:email], thanks")]
    [InlineData("quoted 'jane@example.com' here", "quoted '[REDACTED:email]' here")]
    [InlineData("cc: obrien+billing@mail.co.uk, thanks", "cc: [REDACTED:email], thanks")]
    [InlineData("Reach me at FIRST.LAST@Sub.Example.ORG.", "Reach me at [REDACTED:email].")]
    [InlineData("Call +1 (415) 555-0132 now", "Call [REDACTED:phone] now")]
    [InlineData("Call +44 20 7946 0958.", "Call [REDACTED:phone].")]
    [InlineData("Tel +49-30-1234567", "Tel [REDACTED:phone]")]
    [InlineData("Phone: (555) 123-4567", "Phone: [REDACTED:phone]")]
    [InlineData("Phone: 555-123-4567 or 555.987.6543", "Phone: [REDACTED:phone] or [REDACTED:phone]")]
    [InlineData("Ring 020 7946 0958 after 5", "Ring [REDACTED:phone] after 5")]
    [InlineData("Mobile 06 12 34 56 78", "Mobile [REDACTED:phone]")]
    [InlineData("Card 4111 1111 1111 1111 exp 12/29", "Card [REDACTED:card] exp 12/29")]
    [InlineData("Card 4111-1111-1111-1111", "Card [REDACTED:card]")]
    [InlineData("Amex 378282246310005.", "Amex [REDACTED:card].")]
    [InlineData("Mastercard 5555555555554444", "Mastercard [REDACTED:card]")]
    [InlineData("IBAN DE89 3704 0044 0532 0130 00 for the refund", "IBAN [REDACTED:iban] for the refund")]
    [InlineData("IBAN GB82WEST12345698765432", "IBAN [REDACTED:iban]")]
    [InlineData("FR1420041010050500013M02606 is mine", "[REDACTED:iban] is mine")]
    [InlineData("Server 192.168.1.20 refused", "Server [REDACTED:ip] refused")]
    [InlineData("from 10.0.0.255.", "from [REDACTED:ip].")]
    [InlineData("IPv6 2001:db8:85a3::8a2e:370:7334 is down", "IPv6 [REDACTED:ip] is down")]
    [InlineData("loopback ::1 and fe80::1ff:fe23:4567:890a: both", "loopback [REDACTED:ip] and [REDACTED:ip]: both")]
    [InlineData("key sk-proj-Abc123Def456Ghi789Jkl012Mno345 leaked", "key [REDACTED:secret] leaked")]
    [InlineData("anthropic sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123", "anthropic [REDACTED:secret]")]
    [InlineData("aws AKIAIOSFODNN7EXAMPLE", "aws [REDACTED:secret]")]
    [InlineData("gh ghp_0123456789abcdefghijABCDEFGHIJ012345", "gh [REDACTED:secret]")]
    [InlineData("stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc", "stripe [REDACTED:secret]")]
    [InlineData("google AIzaSyA-1234567890abcdefghijklmnopqrstu", "google [REDACTED:secret]")]
    [InlineData("Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345", "Authorization: Bearer [REDACTED:secret]")]
    [InlineData("password=hunter2hunter2", "password=[REDACTED:secret]")]
    [InlineData("api_key: \"9f8e7d6c5b4a39281706\"", "api_key: \"[REDACTED:secret]\"")]
    [InlineData("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "jwt [REDACTED:secret]")]
    public void Redact_PersonalDataOrSecret_ReplacedWithItsKind(string text, string expected)
    {
        var redacted = PiiRedactor.Instance.Redact(text);

        Assert.Equal(expected, redacted);
    }

    [Theory]
    [InlineData("Your order ORD-2024-001234 has shipped.")]
    [InlineData("Order #4821-9937 and order 12345678 are on their way.")]
    [InlineData("Invoice 2024-000123, ticket 1234567890123 (not a card: Luhn fails).")]
    [InlineData("Tracking 1Z999AA10123456784")]
    [InlineData("Delivered on 2024-01-15, 15.01.2024, 01/15/2024 and 01-15-2024.")]
    [InlineData("Meeting 10:30:00 to 11:45, at 12:00.")]
    [InlineData("Upgrade to version 1.20.1 or v2.3.4.5; build 10.0.19041.1 and Version 1.2.3.4 are older.")]
    [InlineData("Microsoft.Extensions.AI 10.11.0 and .NET 10.0.13")]
    [InlineData("It costs 1,299.00 EUR, 3 x 4 = 12, ratio 16:9.")]
    [InlineData("Use std::vector and a::b::c in C++.")]
    [InlineData("MAC 00:1A:2B:3C:4D:5E is a device id.")]
    [InlineData("Email support at the help page; the @ sign alone is fine.")]
    [InlineData("Git commit 3f786850e387550fdab836ed7e6dc881de23001b")]
    [InlineData("The password is required and the token expired.")]
    [InlineData("GUID 6F9619FF-8B86-D011-B42D-00C04FC964FF")]
    public void Redact_LookAlike_LeftAlone(string text)
    {
        var redacted = PiiRedactor.Instance.Redact(text);

        Assert.Same(text, redacted);
    }

    [Fact]
    public void Redact_SeveralKinds_EachReplacedInPlace()
    {
        const string text = "Jane (jane@example.com, +1 415 555 0132) paid with 4111111111111111 from 203.0.113.9.";

        var redacted = PiiRedactor.Instance.Redact(text);

        Assert.Equal("Jane ([REDACTED:email], [REDACTED:phone]) paid with [REDACTED:card] from [REDACTED:ip].", redacted);
    }
}
