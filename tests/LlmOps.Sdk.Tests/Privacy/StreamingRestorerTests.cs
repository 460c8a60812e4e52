using System.Globalization;
using System.Text;
using LlmOps.Sdk.Privacy;

namespace LlmOps.Sdk.Tests.Privacy;

public sealed class StreamingRestorerTests
{
    private const string Answer = "Dear <EMAIL_1>, call <PHONE_1> or <EMAIL_2>.";
    private const string Restored = "Dear jane@example.com, call +49 30 1234567 or max@example.org.";

    [Fact]
    public void Restore_PlaceholderSplitAtEveryPositionAcrossTwoChunks_RestoredWhole()
    {
        for (var split = 0; split <= Answer.Length; split++)
        {
            var text = Stream(NewCall(), Answer[..split], Answer[split..]);

            Assert.True(text == Restored, $"split at {split}: {text}");
        }
    }

    [Fact]
    public void Restore_PlaceholderSplitAtEveryPairOfPositionsAcrossThreeChunks_RestoredWhole()
    {
        for (var first = 0; first <= Answer.Length; first++)
        {
            for (var second = first; second <= Answer.Length; second++)
            {
                var text = Stream(NewCall(), Answer[..first], Answer[first..second], Answer[second..]);

                Assert.True(text == Restored, $"splits at {first} and {second}: {text}");
            }
        }
    }

    [Theory]
    [InlineData("Nothing to restore here.")]
    [InlineData("a < b and c > d")]
    [InlineData("<b>bold</b>")]
    public void Restore_ChunkWithoutPlaceholderStart_ReturnsTheSameUpdate(string chunk)
    {
        var restorer = new StreamingRestorer(NewCall());
        var update = new ChatResponseUpdate(ChatRole.Assistant, chunk);

        var result = restorer.Restore(update);

        Assert.Same(update, result);
    }

    [Fact]
    public void Restore_UnfinishedPlaceholderAtEnd_HoldsBackOnlyFromItsAngleBracket()
    {
        var restorer = new StreamingRestorer(NewCall());

        var first = restorer.Restore(new ChatResponseUpdate(ChatRole.Assistant, "Hello <EMAI"));
        var second = restorer.Restore(new ChatResponseUpdate(ChatRole.Assistant, "L_1> bye"));

        Assert.Equal("Hello ", first.Text);
        Assert.Equal("jane@example.com bye", second.Text);
        Assert.Null(restorer.Flush());
    }

    [Fact]
    public void Flush_StreamEndsInsidePlaceholderPrefix_EmitsHeldTextAsItIs()
    {
        var restorer = new StreamingRestorer(NewCall());

        var first = restorer.Restore(new ChatResponseUpdate(ChatRole.Assistant, "Bye <EMAIL_"));
        var last = restorer.Flush();

        Assert.Equal("Bye ", first.Text);
        Assert.Equal("<EMAIL_", last?.Text);
    }

    [Fact]
    public void Restore_ThousandRandomResponsesInRandomChunks_MatchesTheNonStreamedRestoration()
    {
        var random = new Random(20261206);
        var call = NewCall();
        var maxHeld = call.Map.MaxLength - 1;
        for (var response = 0; response < 1000; response++)
        {
            var text = GenerateResponse(random);
            var restorer = new StreamingRestorer(call);
            var streamed = new StringBuilder();
            var position = 0;
            while (position < text.Length)
            {
                var length = Math.Min(text.Length - position, random.Next(1, 12));
                streamed.Append(restorer.Restore(new ChatResponseUpdate(ChatRole.Assistant, text.Substring(position, length))).Text);
                position += length;
                Assert.True(restorer.PendingLength <= maxHeld, $"held {restorer.PendingLength} characters of '{text}'");
            }

            streamed.Append(restorer.Flush()?.Text);

            Assert.Equal(call.Map.Restore(text), streamed.ToString());
        }
    }

    /// <summary>A call that issued &lt;EMAIL_1&gt;, &lt;PHONE_1&gt;, &lt;EMAIL_2&gt; and up to &lt;EMAIL_12&gt;.</summary>
    private static PrivacyCall NewCall()
    {
        var policy = PrivacyPolicy.Create(new PrivacyOptions(), []);
        PrivacyCall? call = null;
        var text = new StringBuilder("jane@example.com +49 30 1234567 max@example.org");
        for (var i = 3; i <= 12; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $" user{i}@example.net");
        }

        PrivacyCall.ProtectText(policy, text.ToString(), 0, ref call);
        return call!; // the text holds values, so the call was created
    }

    private static string GenerateResponse(Random random)
    {
        string[] pieces =
        [
            "<EMAIL_1>", "<EMAIL_2>", "<EMAIL_12>", "<PHONE_1>", "<EMAIL_99>", "<PHONE_", "<EMA", "<", ">", "<<EMAIL_1>",
            "<EMAIL_1", "EMAIL_1>", " ", "Hello", " world", ", ", ".", "a<b", "x > y", "<b>", "1 < 2",
        ];
        var text = new StringBuilder();
        var count = random.Next(1, 25);
        for (var i = 0; i < count; i++)
        {
            text.Append(pieces[random.Next(pieces.Length)]);
        }

        return text.ToString();
    }

    private static string Stream(PrivacyCall call, params string[] chunks)
    {
        var restorer = new StreamingRestorer(call);
        var text = new StringBuilder();
        foreach (var chunk in chunks)
        {
            text.Append(restorer.Restore(new ChatResponseUpdate(ChatRole.Assistant, chunk)).Text);
        }

        return text.Append(restorer.Flush()?.Text).ToString();
    }
}
