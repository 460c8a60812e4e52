using System.Globalization;

namespace LlmOps.Cli.Progress;

/// <summary>Where a run stands: cases done of all, errors, tokens, cost and time so far.</summary>
internal readonly record struct RunProgressSnapshot(int Done, int Total, int Errors, long Tokens, decimal Cost, TimeSpan Elapsed)
{
    /// <summary>Gets the estimated time left, from the pace so far; <see langword="null"/> before the first case ends.</summary>
    public TimeSpan? Remaining => Done == 0 || Total <= Done
        ? (Total <= Done && Total > 0 ? TimeSpan.Zero : null)
        : TimeSpan.FromTicks(Elapsed.Ticks / Done * (Total - Done));

    /// <summary>Formats the snapshot as one plain line, for logs and CI.</summary>
    public string ToLine()
    {
        var percent = Total == 0 ? 100 : Done * 100 / Total;
        var eta = Remaining is { } left ? Format(left) : "?";
        return string.Create(CultureInfo.InvariantCulture,
            $"cases {Done}/{Total} ({percent}%), errors {Errors}, tokens {Tokens:N0}, cost ${Cost:0.0000}, elapsed {Format(Elapsed)}, eta {eta}");
    }

    /// <summary>Formats the counters that the live bar shows beside its own elapsed and remaining columns.</summary>
    public string ToCounters() => string.Create(CultureInfo.InvariantCulture,
        $"{Done}/{Total} cases · {Errors} errors · {Tokens:N0} tokens · ${Cost:0.0000}");

    private static string Format(TimeSpan time) => time.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
}
