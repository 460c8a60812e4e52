namespace LlmOps.Sdk.Experiments;

/// <summary>Settings for the HTML report.</summary>
public sealed class HtmlReportOptions
{
    /// <summary>Gets or sets the page's title.</summary>
    /// <value>The default is <c>Experiment report</c>.</value>
    public string Title { get; set; } = "Experiment report";

    /// <summary>Gets or sets how many items the per-item table shows: every regression first, then unstable items, then the first items of the file.</summary>
    /// <value>From 1 to 100,000. The default is 500, which keeps the page quick to open; the JSON summary lists every regression.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the range.</exception>
    public int MaxItems
    {
        get;
        set => field = value is >= 1 and <= 100_000 ? value : throw new ArgumentOutOfRangeException(nameof(MaxItems), value, "MaxItems must be from 1 to 100,000.");
    } = 500;

    /// <summary>Gets or sets the candidate whose outputs are shown next to the baseline's, with their differences highlighted.</summary>
    /// <value>The default, <see langword="null"/>, takes the first candidate compared with the baseline.</value>
    public string? Candidate { get; set; }

    /// <summary>Gets or sets how many characters of each output the table shows.</summary>
    /// <value>From 100 to 1,000,000. The default is 4,000.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the range.</exception>
    public int MaxOutputLength
    {
        get;
        set => field = value is >= 100 and <= 1_000_000 ? value : throw new ArgumentOutOfRangeException(nameof(MaxOutputLength), value, "MaxOutputLength must be from 100 to 1,000,000 characters.");
    } = 4_000;
}
