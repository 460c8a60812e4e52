using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using LlmOps.Sdk.Resilience;

namespace LlmOps.Sdk.RateLimits;

/// <summary>Reads what a provider's 429 says about its quota: OpenAI's and Azure OpenAI's <c>x-ratelimit-*</c> headers.</summary>
/// <remarks>https://platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers</remarks>
internal readonly record struct RateLimitHeaders(
    int? RemainingRequests, int? RemainingTokens, TimeSpan? ResetRequests, TimeSpan? ResetTokens, TimeSpan? RetryAfter)
{
    /// <summary>Finds a 429 rate-limit response in <paramref name="exception"/> or its inner exceptions and reads its headers.</summary>
    /// <returns><see langword="false"/> when there is none, or it says the account's quota is used up (no wait fixes that).</returns>
    public static bool TryRead(Exception exception, TimeProvider timeProvider, out RateLimitHeaders headers)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is ClientResultException { Status: 429 } failure && failure.GetRawResponse() is { } response)
            {
                if (RetryAfterHeader.SaysQuotaExceeded(response))
                {
                    break;
                }

                headers = Read(response, timeProvider);
                return true;
            }
        }

        headers = default;
        return false;
    }

    public static RateLimitHeaders Read(PipelineResponse response, TimeProvider timeProvider) => new(
        Integer(response, "x-ratelimit-remaining-requests"),
        Integer(response, "x-ratelimit-remaining-tokens"),
        Duration(response, "x-ratelimit-reset-requests"),
        Duration(response, "x-ratelimit-reset-tokens"),
        RetryAfterHeader.Read(response, timeProvider));

    /// <summary>Parses a duration as OpenAI writes it (<c>1s</c>, <c>6m0s</c>, <c>20ms</c>, <c>1h2m3.5s</c>) or plain seconds.</summary>
    public static TimeSpan? ParseDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var span = text.AsSpan().Trim();
        if (double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var plainSeconds))
        {
            return plainSeconds is >= 0 and < 1e7 ? TimeSpan.FromSeconds(plainSeconds) : null;
        }

        var total = 0.0;
        while (!span.IsEmpty)
        {
            var digits = 0;
            while (digits < span.Length && (char.IsAsciiDigit(span[digits]) || span[digits] == '.'))
            {
                digits++;
            }

            if (digits == 0 || !double.TryParse(span[..digits], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            span = span[digits..];
            double unit;
            if (span.StartsWith("ms"))
            {
                unit = 0.001;
                span = span[2..];
            }
            else if (span.Length > 0 && span[0] is 'h' or 'm' or 's')
            {
                unit = span[0] switch { 'h' => 3600, 'm' => 60, _ => 1 };
                span = span[1..];
            }
            else
            {
                return null;
            }

            total += value * unit;
        }

        return total < 1e7 ? TimeSpan.FromSeconds(total) : null;
    }

    private static int? Integer(PipelineResponse response, string name) =>
        response.Headers.TryGetValue(name, out var text)
        && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : null;

    private static TimeSpan? Duration(PipelineResponse response, string name) =>
        response.Headers.TryGetValue(name, out var text) ? ParseDuration(text) : null;
}
