using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace LlmOps.Sdk.Telemetry.Redaction;

/// <summary>Finds personal data and secrets in text: e-mail, phone, card (Luhn), IBAN (mod 97), IPv4/IPv6, API keys.</summary>
/// <remarks>
/// <para>
/// Thread-safe and allocation-free for text with nothing to find. Each kind is a source-generated regular expression
/// for the candidates, then a check that rejects look-alikes: card numbers must pass Luhn, IBANs mod 97, IP addresses
/// must parse, phone numbers need 8 to 15 digits in a phone layout. Dates, order numbers and version strings stay.
/// </para>
/// <para>
/// <see cref="PiiRedactor"/> uses it to replace what it finds; an evaluator that checks responses for leaked
/// personal data uses it to count what it finds.
/// </para>
/// </remarks>
internal static partial class PiiDetector
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    private static readonly SearchValues<char> SecretSeparators = SearchValues.Create(" \t:=");

    /// <summary>Gets whether <paramref name="text"/> contains any sensitive data.</summary>
    public static bool ContainsAny(string text) => FindAll(text).Count > 0;

    /// <summary>Finds every piece of sensitive data in <paramref name="text"/>.</summary>
    /// <returns>The matches, ordered by position and never overlapping; an empty list when nothing was found.</returns>
    public static IReadOnlyList<PiiMatch> FindAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<PiiMatch>? found = null;

        // Secrets first: a key may contain digit runs that look like a phone or card number.
        Collect(SecretRegex(), text, PiiKind.Secret, ref found);
        Collect(EmailRegex(), text, PiiKind.Email, ref found);
        Collect(CardRegex(), text, PiiKind.CardNumber, ref found);
        Collect(IbanRegex(), text, PiiKind.Iban, ref found);
        Collect(Ipv4Regex(), text, PiiKind.IpAddress, ref found);
        Collect(Ipv6Regex(), text, PiiKind.IpAddress, ref found);
        Collect(PhoneRegex(), text, PiiKind.Phone, ref found);
        if (found is null)
        {
            return [];
        }

        found.Sort(static (a, b) => a.Index != b.Index ? a.Index.CompareTo(b.Index) : b.Length.CompareTo(a.Length));
        var result = new List<PiiMatch>(found.Count);
        var end = 0;
        foreach (var match in found)
        {
            if (match.Index >= end)
            {
                result.Add(match);
                end = match.Index + match.Length;
            }
        }

        return result;
    }

    private static void Collect(Regex regex, string text, PiiKind kind, ref List<PiiMatch>? found)
    {
        try
        {
            foreach (var match in regex.EnumerateMatches(text))
            {
                var candidate = text.AsSpan(match.Index, match.Length);
                if (TryAccept(kind, text, match.Index, candidate, out var index, out var length))
                {
                    (found ??= []).Add(new PiiMatch(kind, index, length));
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological input must not stall the call: this kind is skipped for this text.
        }
    }

    private static bool TryAccept(PiiKind kind, string text, int index, ReadOnlySpan<char> candidate, out int start, out int length)
    {
        start = index;
        length = candidate.Length;
        switch (kind)
        {
            case PiiKind.Secret:
                return TrimSecretPrefix(candidate, ref start, ref length);
            case PiiKind.CardNumber:
                return IsLuhnCardNumber(candidate);
            case PiiKind.Iban:
                return IsIban(candidate);
            case PiiKind.IpAddress when candidate.Contains(':'):
                return IsIpv6(candidate, ref length);
            case PiiKind.IpAddress:
                return !FollowsVersionWord(text, index);
            case PiiKind.Phone:
                return IsPhoneNumber(candidate);
            default:
                return true;
        }
    }

    /// <summary>For <c>password = value</c> and <c>Bearer token</c>, only the value is the secret; the name stays readable.</summary>
    private static bool TrimSecretPrefix(ReadOnlySpan<char> candidate, ref int start, ref int length)
    {
        var separator = candidate.IndexOfAny(SecretSeparators);
        if (separator < 0 || candidate.StartsWith("-----", StringComparison.Ordinal))
        {
            return true;
        }

        var value = separator + 1;
        while (value < candidate.Length && (char.IsWhiteSpace(candidate[value]) || candidate[value] is '"' or '\'' or ':' or '='))
        {
            value++;
        }

        if (candidate.Length - value < 8)
        {
            return false;
        }

        start += value;
        length -= value;
        return true;
    }

    internal static bool IsLuhnCardNumber(ReadOnlySpan<char> candidate)
    {
        var sum = 0;
        var digits = 0;
        for (var i = candidate.Length - 1; i >= 0; i--)
        {
            var c = candidate[i];
            if (c is < '0' or > '9')
            {
                continue;
            }

            var digit = c - '0';
            if (digits % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            digits++;
        }

        return digits is >= 13 and <= 19 && sum % 10 == 0;
    }

    internal static bool IsIban(ReadOnlySpan<char> candidate)
    {
        Span<char> compact = stackalloc char[34];
        var length = 0;
        foreach (var c in candidate)
        {
            if (c == ' ')
            {
                continue;
            }

            if (length == compact.Length)
            {
                return false;
            }

            compact[length++] = c;
        }

        if (length < 15)
        {
            return false;
        }

        // ISO 13616: move the country code and check digits to the end, letters become 10..35, the number mod 97 is 1.
        var remainder = 0;
        for (var i = 0; i < length; i++)
        {
            var c = compact[(i + 4) % length];
            var value = c is >= '0' and <= '9' ? c - '0' : c is >= 'A' and <= 'Z' ? c - 'A' + 10 : -1;
            if (value < 0)
            {
                return false;
            }

            remainder = value < 10 ? ((remainder * 10) + value) % 97 : ((remainder * 100) + value) % 97;
        }

        return remainder == 1;
    }

    private static bool IsIpv6(ReadOnlySpan<char> candidate, ref int length)
    {
        // A trailing colon belongs to the sentence ("at 2001:db8::1: refused"), unless it is part of "::".
        if (candidate.Length > 2 && candidate[^1] == ':' && candidate[^2] != ':')
        {
            candidate = candidate[..^1];
            length--;
        }

        return candidate.Count(':') >= 2
            && IPAddress.TryParse(candidate, out var address)
            && address.AddressFamily == AddressFamily.InterNetworkV6;
    }

    /// <summary>Tells a version string (<c>version 1.2.0.4</c>, <c>build 10.0.0.1</c>) from an IPv4 address.</summary>
    private static bool FollowsVersionWord(string text, int index)
    {
        var before = text.AsSpan(0, index).TrimEnd();
        return before.EndsWith("version", StringComparison.OrdinalIgnoreCase)
            || before.EndsWith("ver.", StringComparison.OrdinalIgnoreCase)
            || before.EndsWith("build", StringComparison.OrdinalIgnoreCase)
            || before.EndsWith("release", StringComparison.OrdinalIgnoreCase)
            || before.EndsWith("v", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsPhoneNumber(ReadOnlySpan<char> candidate)
    {
        var digits = 0;
        foreach (var c in candidate)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
        }

        // National numbers with a trunk 0 need 9 digits, so that 01-05-2024 and 05 12 2024 stay dates.
        var minimum = candidate[0] == '0' ? 9 : 8;
        return digits >= minimum && digits <= 15;
    }

    [GeneratedRegex(
        @"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+'-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])",
        Options, matchTimeoutMilliseconds: 250)]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])", Options, matchTimeoutMilliseconds: 250)]
    private static partial Regex CardRegex();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])", Options, matchTimeoutMilliseconds: 250)]
    private static partial Regex IbanRegex();

    [GeneratedRegex(
        @"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\w|\.\d)",
        Options, matchTimeoutMilliseconds: 250)]
    private static partial Regex Ipv4Regex();

    [GeneratedRegex(@"(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])", Options, matchTimeoutMilliseconds: 250)]
    private static partial Regex Ipv6Regex();

    [GeneratedRegex(
        @"(?<![\w+])\+\d{1,3}(?:[ .-]?(?:\(\d{1,5}\)|\d{1,5})){1,6}(?!\w)" +
        @"|(?<![\w-])(?:\(\d{3}\) ?|\d{3}[-. ])\d{3}[-. ]\d{4}(?![\w-])" +
        @"|(?<![\w-])0\d{1,4}(?:[ -]\d{2,5}){1,4}(?![\w-])",
        Options, matchTimeoutMilliseconds: 250)]
    private static partial Regex PhoneRegex();

    [GeneratedRegex(
        @"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]{0,10000}?-----END [A-Z ]*PRIVATE KEY-----" +
        @"|\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{16,}" +
        @"|\bsk-(?:proj-|ant-[a-z0-9]{2,10}-)?[A-Za-z0-9_-]{20,}" +
        @"|\bAKIA[0-9A-Z]{16}\b" +
        @"|\bgh[pousr]_[A-Za-z0-9]{36,}" +
        @"|\bgithub_pat_[A-Za-z0-9_]{22,}" +
        @"|\bxox[abprs]-[A-Za-z0-9-]{10,}" +
        @"|\bAIza[0-9A-Za-z_-]{35}" +
        @"|\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}" +
        @"|\b[Bb]earer [A-Za-z0-9._~+/-]{16,}=*" +
        @"|(?i:\b(?:api[_-]?key|secret|client[_-]?secret|access[_-]?key|token|password|passwd|pwd)\b)[""']?[ \t]*[:=][ \t]*[""']?[^\s""',;]{8,}",
        Options, matchTimeoutMilliseconds: 250)]
    private static partial Regex SecretRegex();
}
