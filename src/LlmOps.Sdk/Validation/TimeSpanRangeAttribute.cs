using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace LlmOps.Sdk.Validation;

/// <summary>Requires a <see cref="TimeSpan"/> option to lie within an inclusive range; <see langword="null"/> passes.</summary>
/// <remarks>
/// Replaces <c>[Range(typeof(TimeSpan), …)]</c>, whose conversion through <c>TypeConverter</c> is not trim-safe. The
/// limits are parsed once, invariantly, and the message matches <see cref="RangeAttribute"/>'s, naming the option and range.
/// </remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class TimeSpanRangeAttribute : ValidationAttribute
{
    public TimeSpanRangeAttribute(string minimum, string maximum)
        : base("The field {0} must be between {1} and {2}.")
    {
        Minimum = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);
        Maximum = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);
    }

    public TimeSpan Minimum { get; }

    public TimeSpan Maximum { get; }

    public override bool IsValid(object? value) =>
        value is not TimeSpan span || (span >= Minimum && span <= Maximum);

    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.CurrentCulture, ErrorMessageString, name, Minimum, Maximum);
}
