using System.Text;

namespace LlmOps.Sdk.Benchmarks.Privacy;

/// <summary>The prompts the privacy benchmarks send: 2 KB of support prose, clean or with five personal values.</summary>
internal static class PrivacyTexts
{
    /// <summary>Gets a 2 KB prompt with no personal data: prose, a few short numbers, punctuation, a URL-free policy text.</summary>
    public static string Clean { get; } = Build(
        "You are a support assistant for an online shop. Answer in a friendly tone, in at most 3 short paragraphs. " +
        "Customers may ask about orders, returns, refunds and delivery times. Returns are accepted within 30 days; " +
        "refunds take 5 to 7 working days. Never promise a delivery date that the tracking page does not show. " +
        "If the customer is upset, apologise once, then focus on the next step. Do not invent policies: when unsure, " +
        "say that a colleague will follow up. Keep product names as the customer wrote them. ");

    /// <summary>Gets the same 2 KB prompt with five personal values: two e-mail addresses, a phone number, an IBAN and a card.</summary>
    public static string WithFiveValues { get; } = Clean[..1700] +
        " Customer: jane.doe@example.com, phone +49 30 1234567, IBAN DE89 3704 0044 0532 0130 00, card 4111 1111 1111 1111, " +
        "copy to billing@example.org.";

    private static string Build(string paragraph)
    {
        var builder = new StringBuilder(2048);
        while (builder.Length + paragraph.Length <= 2048)
        {
            builder.Append(paragraph);
        }

        return builder.Append(paragraph, 0, 2048 - builder.Length).ToString();
    }
}
