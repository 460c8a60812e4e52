using System.Buffers;

namespace LlmOps.Sdk.Privacy;

/// <summary>Tells, in one or two vectorised passes, that a text cannot hold anything the built-in detectors find.</summary>
/// <remarks>
/// <para>
/// The built-in detectors are a dozen regular expressions; on 2 KB of clean prose they take microseconds, because
/// several of them start at every word. Each of them needs something rare in prose: an <c>@</c>, a run of digits
/// (phone, card, IBAN, IPv4), a colon between hex digits or <c>::</c> (IPv6), an underscore or <c>=</c>, or one of a
/// few key prefixes and password-like names (secrets). When none is there, the scan is skipped.
/// </para>
/// <para>
/// The check may say "maybe" for clean text (a year, a date), never "no" for text a built-in detector would match:
/// <c>PiiPrefilterTests</c> holds that against the detectors. Change it together with <c>PiiDetector</c>.
/// </para>
/// </remarks>
internal static class PiiPrefilter
{
    // Any of these makes the full scan run: e-mail, key prefixes (sk_live_, ghp_, github_pat_), "password=…".
    private static readonly SearchValues<char> Decisive = SearchValues.Create("@_=");

    // Looked at more closely where they occur: digit runs and colons.
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789:");

    // Digit-run separators the phone, card, IBAN and IPv4 patterns allow inside one value.
    private static readonly SearchValues<char> RunSeparators = SearchValues.Create(" .-()+/");

    // Case-sensitive key prefixes, as the secret patterns spell them; ordinal, so that the search stays vectorised.
    private static readonly SearchValues<string> Words = SearchValues.Create(
        ["Bearer ", "bearer ", "AKIA", "AIza", "eyJ", "-----BEGIN", "sk-", "xoxa-", "xoxb-", "xoxp-", "xoxr-", "xoxs-"],
        StringComparison.Ordinal);

    // Password-like names, case-insensitive in the pattern: they count only before a ':' (an '=' is decisive anyway).
    private static readonly string[] SecretNames = ["token", "secret", "password", "passwd", "pwd", "apikey", "api-key", "accesskey", "access-key"];

    /// <summary>Gets whether <paramref name="text"/> may contain something a built-in detector finds.</summary>
    public static bool MayContain(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAny(Decisive) >= 0 || HasDigitRun(text) || HasWord(text))
        {
            return true;
        }

        // \d in the detectors matches every Unicode digit; such digits are rare, and only searched for in non-ASCII text.
        var nonAscii = text.IndexOfAnyExceptInRange('\0', '\u007F');
        if (nonAscii >= 0)
        {
            foreach (var c in text[nonAscii..])
            {
                if (c > '\u007F' && char.IsDigit(c))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool HasDigitRun(ReadOnlySpan<char> text)
    {
        var position = 0;
        while (true)
        {
            var found = text[position..].IndexOfAny(Digits);
            if (found < 0)
            {
                return false;
            }

            var start = position + found;
            if (text[start] == ':')
            {
                // IPv6 has "::" or hex digits on both sides of each colon ("2001:0db8:…"); prose has "Note: the".
                var next = start + 1 < text.Length ? text[start + 1] : ' ';
                if (next == ':' || (start > 0 && char.IsAsciiHexDigit(text[start - 1]) && char.IsAsciiHexDigit(next)) || FollowsSecretName(text[..start]))
                {
                    return true;
                }

                position = start + 1;
                continue;
            }

            // An IBAN starts with two capitals and its check digits: "DE89…".
            if (start >= 2 && char.IsAsciiLetterUpper(text[start - 1]) && char.IsAsciiLetterUpper(text[start - 2]))
            {
                return true;
            }

            var digits = 0;
            var dots = 0;
            var end = start;
            for (; end < text.Length; end++)
            {
                var c = text[end];
                if (char.IsAsciiDigit(c))
                {
                    digits++;
                }
                else if (c == '.')
                {
                    dots++;
                }
                else if (!RunSeparators.Contains(c))
                {
                    break;
                }
            }

            // Phones need 8 digits, cards 13, an IPv4 address 4 digits and 3 dots: 7 leaves a margin for layouts.
            if (digits >= 7 || (digits >= 4 && dots >= 3))
            {
                return true;
            }

            position = end;
        }
    }

    private static bool HasWord(ReadOnlySpan<char> text)
    {
        var position = 0;
        while (true)
        {
            var found = text[position..].IndexOfAny(Words);
            if (found < 0)
            {
                return false;
            }

            var start = position + found;

            // "sk-" only after a word boundary, as the pattern has it: "task-based" is prose.
            if (text[start] != 's' || start == 0 || !char.IsAsciiLetterOrDigit(text[start - 1]))
            {
                return true;
            }

            position = start + 1;
        }
    }

    /// <summary>Gets whether the text before a ':' ends with a password-like name, after blanks and a quote.</summary>
    private static bool FollowsSecretName(ReadOnlySpan<char> before)
    {
        before = before.TrimEnd(" \t").TrimEnd("\"'");
        foreach (var name in SecretNames)
        {
            if (before.EndsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
