namespace LlmOps.Sdk.Resilience;

/// <summary>The reason labels recorded on attempt events, metrics and logs; low-cardinality on purpose.</summary>
internal static class FaultReasons
{
    public const string Timeout = "timeout";
    public const string Network = "network";
    public const string CircuitOpen = "circuit_open";
    public const string QuotaExceeded = "quota_exceeded";
    public const string Cancelled = "cancelled";
    public const string Error = "error";

    public static string ForStatus(int status) => status switch
    {
        400 => "http_400",
        401 => "http_401",
        403 => "http_403",
        404 => "http_404",
        408 => "http_408",
        422 => "http_422",
        429 => "http_429",
        500 => "http_500",
        502 => "http_502",
        503 => "http_503",
        504 => "http_504",
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http_{status}"),
    };
}
