using System.ClientModel;
using System.Net.Sockets;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace LlmOps.Sdk.Resilience;

/// <summary>Decides which failures are worth another attempt, and why.</summary>
/// <remarks>
/// Transient: HTTP 408, 429, 500, 502, 503, 504 (from <see cref="ClientResultException"/>, as the OpenAI and Azure SDKs
/// raise them, or <see cref="HttpRequestException"/>), network failures, and timeouts that are not the caller's own
/// cancellation. Not transient: every other status (400 with a content-filter refusal, 401, 403, 404, 422), a 429 that
/// says the quota is used up, an open circuit, and cancellation. Thread-safe.
/// </remarks>
internal sealed class TransientFaultClassifier
{
    private const int MaxInnerDepth = 4;
    private readonly Func<Exception, bool?>? _custom;
    private readonly TimeProvider _timeProvider;

    public TransientFaultClassifier(Func<Exception, bool?>? custom, TimeProvider timeProvider)
    {
        _custom = custom;
        _timeProvider = timeProvider;
    }

    public bool IsTransient(Exception exception) => Classify(exception).IsTransient;

    public FaultInfo Classify(Exception exception)
    {
        var info = ClassifyBuiltIn(exception, 0);
        if (_custom?.Invoke(exception) is { } verdict && info.Reason != FaultReasons.Cancelled)
        {
            info = info with { IsTransient = verdict };
        }

        return info;
    }

    public static bool IsTransientStatus(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;

    private FaultInfo ClassifyBuiltIn(Exception exception, int depth)
    {
        switch (exception)
        {
            case BrokenCircuitException:
                return new(false, FaultReasons.CircuitOpen, 0, null);
            case TimeoutRejectedException:
            case TimeoutException:
                return new(true, FaultReasons.Timeout, 0, null);
            case ClientResultException { Status: > 0 } providerError:
                return ClassifyStatus(providerError.Status, providerError.GetRawResponse());
            case HttpRequestException { StatusCode: { } statusCode }:
                return ClassifyStatus((int)statusCode, response: null);
            case HttpRequestException:
            case IOException:
            case SocketException:
                return new(true, FaultReasons.Network, 0, null);
            case OperationCanceledException when HasTimeoutInside(exception):
                // HttpClient and System.ClientModel report their own timeouts as a cancellation wrapping a TimeoutException.
                return new(true, FaultReasons.Timeout, 0, null);
            case OperationCanceledException:
                return new(false, FaultReasons.Cancelled, 0, null);
        }

        // Wrapped failures (a ClientResultException around a transport error, an SDK's own wrapper): look inside.
        return exception.InnerException is { } inner && depth < MaxInnerDepth
            ? ClassifyBuiltIn(inner, depth + 1)
            : new(false, FaultReasons.Error, 0, null);
    }

    private FaultInfo ClassifyStatus(int status, System.ClientModel.Primitives.PipelineResponse? response)
    {
        var reason = FaultReasons.ForStatus(status);
        if (!IsTransientStatus(status))
        {
            return new(false, reason, status, null);
        }

        if (status == 429 && RetryAfterHeader.SaysQuotaExceeded(response))
        {
            // OpenAI answers 429 both for "slow down" and for "your quota is used up"; only the first passes with time.
            return new(false, FaultReasons.QuotaExceeded, status, null);
        }

        return new(true, reason, status, RetryAfterHeader.Read(response, _timeProvider));
    }

    private static bool HasTimeoutInside(Exception exception)
    {
        var inner = exception.InnerException;
        for (var depth = 0; inner is not null && depth < MaxInnerDepth; depth++, inner = inner.InnerException)
        {
            if (inner is TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
