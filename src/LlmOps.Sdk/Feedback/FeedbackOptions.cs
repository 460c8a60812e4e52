namespace LlmOps.Sdk.Feedback;

/// <summary>Settings for feedback: how many recent calls are remembered so that later feedback finds their prompt version.</summary>
/// <remarks>Set through <c>AddLlmOps(o =&gt; o.AddFeedback(f =&gt; f.RecentCallCapacity = 50_000))</c>.</remarks>
public sealed class FeedbackOptions
{
    /// <summary>Gets or sets how many of the most recent calls (by response id) are remembered; older ones are forgotten first.</summary>
    /// <value>From 1 to 1,000,000. The default is 10,000.</value>
    public int RecentCallCapacity { get; set; } = FeedbackConstants.DefaultRecentCallCapacity;

    /// <summary>Gets or sets whether the recent-call index is kept (set by <c>AddFeedback</c>, <c>CaptureToDataset</c> and <c>CaptureToRegistry</c>).</summary>
    internal bool Enabled { get; set; }

    /// <summary>Gets or sets the capture settings, or <see langword="null"/> when calls are not captured.</summary>
    internal Capture.CaptureOptions? Capture { get; set; }

    /// <summary>Throws when a value is out of range, naming the option and the range.</summary>
    internal static void ThrowIfInvalid(FeedbackOptions options)
    {
        if (options.RecentCallCapacity is < 1 or > FeedbackConstants.MaxRecentCallCapacity)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.RecentCallCapacity,
                $"FeedbackOptions.RecentCallCapacity is {options.RecentCallCapacity}; it must be from 1 to {FeedbackConstants.MaxRecentCallCapacity:N0}.");
        }
    }
}
