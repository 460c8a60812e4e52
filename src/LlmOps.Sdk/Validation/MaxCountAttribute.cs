using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace LlmOps.Sdk.Validation;

/// <summary>Requires a collection option to hold at most a given number of items; <see langword="null"/> passes.</summary>
/// <remarks>
/// Replaces <c>[MaxLength]</c>, which reads <c>Count</c> by reflection from collections that are not
/// <see cref="ICollection"/> and so is not trim-safe.
/// </remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class MaxCountAttribute : ValidationAttribute
{
    public MaxCountAttribute(int maximum)
        : base("The field {0} must hold at most {1} items.") => Maximum = maximum;

    public int Maximum { get; }

    public override bool IsValid(object? value) => value switch
    {
        null => true,
        ICollection collection => collection.Count <= Maximum,
        IEnumerable items => Count(items) <= Maximum,
        _ => false,
    };

    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.CurrentCulture, ErrorMessageString, name, Maximum);

    private static int Count(IEnumerable items)
    {
        var count = 0;
        foreach (var unused in items)
        {
            count++;
        }

        return count;
    }
}
