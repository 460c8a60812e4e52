using System.ClientModel.Primitives;
using System.Globalization;

namespace LlmOps.Sdk.Resilience;

/// <summary>Reads the wait a provider asked for from its error response.</summary>
internal static class RetryAfterHeader
{
    private static ReadOnlySpan<byte> InsufficientQuota => "insufficient_quota"u8;

    /// <summary>Reads <c>retry-after-ms</c> (OpenAI and Azure, more precise) or else <c>Retry-After</c> (seconds or an HTTP date).</summary>
    /// <returns>The wait, never negative; <see langword="null"/> when the response asks for none or the value does not parse.</returns>
    public static TimeSpan? Read(PipelineResponse? response, TimeProvider timeProvider)
    {
        if (response is null)
        {
            return null;
        }

        if (response.Headers.TryGetValue("retry-after-ms", out var milliseconds)
            && double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            && double.IsFinite(ms))
        {
            return ms > 0 ? TimeSpan.FromMilliseconds(Math.Min(ms, TimeSpan.MaxValue.TotalMilliseconds / 2)) : TimeSpan.Zero;
        }

        if (!response.Headers.TryGetValue("Retry-After", out var value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            return seconds > 0 ? TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2)) : TimeSpan.Zero;
        }

        if (DateTimeOffset.TryParseExact(value.Trim(), "r", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>Tells whether a 429's body says the account's quota is used up (OpenAI's <c>insufficient_quota</c>).</summary>
    public static bool SaysQuotaExceeded(PipelineResponse? response)
    {
        if (response is null)
        {
            return false;
        }

        try
        {
            return response.Content.ToMemory().Span.IndexOf(InsufficientQuota) >= 0;
        }
        catch (InvalidOperationException)
        {
            return false; // the body was streamed, not buffered: nothing to read, so assume an ordinary rate limit
        }
    }
}
