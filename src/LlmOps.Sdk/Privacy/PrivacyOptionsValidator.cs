using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Privacy;

/// <summary>Checks the privacy section of every pipeline's options at start, and <see cref="PrivacyOptions"/> given directly.</summary>
/// <remarks>Kinds become placeholders (<c>&lt;EMPLOYEE_ID_1&gt;</c>), so they are upper-case letters, digits and underscores.</remarks>
internal sealed partial class PrivacyOptionsValidator : IValidateOptions<LlmOpsOptions>
{
    private const string Prefix = "LlmOps:Privacy:";

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, LlmOpsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ValidateOptionsResultBuilder();
        AddFailures(options.Privacy, builder);
        return builder.Build();
    }

    /// <summary>Throws when <paramref name="options"/> is invalid, naming each bad option and how to fix it.</summary>
    public static void ThrowIfInvalid(PrivacyOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        AddFailures(options, builder);
        var result = builder.Build();
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(PrivacyOptions), result.Failures ?? []);
        }
    }

    private static void AddFailures(PrivacyOptions? options, ValidateOptionsResultBuilder builder)
    {
        if (options is null)
        {
            return;
        }

        if (!Enum.IsDefined(options.DefaultMode))
        {
            builder.AddError($"{Prefix}DefaultMode is {options.DefaultMode}; use Pseudonymize, Redact or Block.");
        }

        foreach (var (kind, mode) in options.Modes)
        {
            CheckKind(kind, $"{Prefix}Modes", builder);
            if (!Enum.IsDefined(mode))
            {
                builder.AddError($"{Prefix}Modes:{kind} is {mode}; use Pseudonymize, Redact or Block.");
            }
        }

        foreach (var (kind, pattern) in options.Patterns)
        {
            CheckKind(kind, $"{Prefix}Patterns", builder);
            if (string.IsNullOrEmpty(pattern))
            {
                builder.AddError($"{Prefix}Patterns:{kind} is empty; give a regular expression that matches one value of {kind}.");
                continue;
            }

            try
            {
                _ = new Regex(pattern, RegexOptions.CultureInvariant, PrivacyConstants.PatternTimeout);
            }
            catch (ArgumentException ex)
            {
                builder.AddError($"{Prefix}Patterns:{kind} is not a valid regular expression ({ex.Message}); fix the pattern.");
            }
        }

        for (var i = 0; i < options.Detectors.Count; i++)
        {
            if (options.Detectors[i] is null)
            {
                builder.AddError($"{Prefix}Detectors[{i}] is null; add an IPiiDetector instance.");
            }
        }

        for (var i = 0; i < options.AllowList.Count; i++)
        {
            if (string.IsNullOrEmpty(options.AllowList[i]))
            {
                builder.AddError($"{Prefix}AllowList:{i} is empty; give the exact value never to touch, such as support@example.com.");
            }
        }
    }

    private static void CheckKind(string kind, string option, ValidateOptionsResultBuilder builder)
    {
        if (!KindRegex().IsMatch(kind))
        {
            builder.AddError(
                $"{option} names the kind '{kind}', which cannot become a placeholder; use upper-case letters, digits and underscores, starting with a letter, such as EMPLOYEE_ID.");
        }
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex KindRegex();
}
