using System.Net;

namespace LlmOps.Sdk.Testing;

/// <summary>Describes a provider failure that <see cref="ScriptedChatClient"/> raises instead of replying.</summary>
/// <remarks>
/// HTTP faults surface as <see cref="System.ClientModel.ClientResultException"/> carrying a real response with its
/// status and headers, exactly as the OpenAI and Azure SDKs raise them, so resilience and telemetry code sees what a
/// real provider would produce. A timeout surfaces as HttpClient reports it: a <see cref="TaskCanceledException"/>
/// wrapping a <see cref="TimeoutException"/>, while the caller's token is not cancelled.
/// </remarks>
public sealed record ScriptedFault
{
    private ScriptedFault(ScriptedFaultKind kind, int statusCode, TimeSpan? retryAfter)
    {
        Kind = kind;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>Gets what kind of failure this is.</summary>
    public ScriptedFaultKind Kind { get; }

    /// <summary>Gets the HTTP status code of an HTTP fault, or 0 for a timeout.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the delay sent in the <c>Retry-After</c> header, if any.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets how many chunks a streaming call yields before the fault is raised.</summary>
    /// <value>0 (the default) fails before the first chunk; a non-streaming call always fails at once.</value>
    public int AfterChunks
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            field = value;
        }
    }

    /// <summary>Creates an HTTP 429 Too Many Requests fault.</summary>
    /// <param name="retryAfter">The delay to send in the <c>Retry-After</c> header (whole seconds); none when <see langword="null"/>.</param>
    /// <returns>The fault.</returns>
    public static ScriptedFault TooManyRequests(TimeSpan? retryAfter = null) =>
        new(ScriptedFaultKind.Http, (int)HttpStatusCode.TooManyRequests, retryAfter);

    /// <summary>Creates an HTTP fault with the given status code, such as 500, 502, 503, 504 or 400.</summary>
    /// <param name="statusCode">An HTTP status code from 400 to 599.</param>
    /// <param name="retryAfter">The delay to send in the <c>Retry-After</c> header; none when <see langword="null"/>.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not an HTTP error status.</exception>
    public static ScriptedFault Http(int statusCode, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new(ScriptedFaultKind.Http, statusCode, retryAfter);
    }

    /// <summary>Creates an HTTP 503 Service Unavailable fault.</summary>
    /// <returns>The fault.</returns>
    public static ScriptedFault ServiceUnavailable() => Http((int)HttpStatusCode.ServiceUnavailable);

    /// <summary>Creates a fault that looks like HttpClient's own request timeout.</summary>
    /// <returns>The fault.</returns>
    public static ScriptedFault Timeout() => new(ScriptedFaultKind.Timeout, 0, null);
}
