using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.RegularExpressions;

namespace LlmOps.Sdk.Telemetry.Redaction;

/// <summary>Finds personal data and secrets in text: e-mail, phone, card (Luhn), IBAN (mod 97), IPv4/IPv6, API keys.</summary>
/// <remarks>
/// <para>
/// Thread-safe and allocation-free for text with nothing to find. It runs on every call, so a first pass with vectorised
/// searches (<c>@</c>, a colon pair, digit clusters, key prefixes, <c>:</c> and <c>=</c> after a key's name) decides which kinds could be there at
/// all, and from where; only those kinds run their source-generated regular expression, from that position. Each
/// candidate then passes a check that rejects look-alikes: card numbers need a brand's prefix and length, Luhn and the
/// printed grouping; IBANs their country's length and mod 97; IP addresses must parse and must not follow a version
/// word; phone numbers need 8 to 15 digits in a phone layout. Dates, order and tracking numbers, versions, UUIDs and
/// hashes stay.
/// </para>
/// <para>
/// <see cref="PiiRedactor"/> uses it to replace what it finds; an evaluator that checks responses for leaked
/// personal data uses it to count what it finds; the privacy stage and dataset anonymisation use it through the scanner.
/// </para>
/// </remarks>
internal static partial class PiiDetector
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>How far a secret's name may start before the word that gave it away (<c>AWS_SECRET_ACCESS_KEY</c>).</summary>
    private const int MaxSecretNameLength = 64;

    /// <summary>How many characters the digit scan looks at at once: one 256-bit vector of UTF-16 characters.</summary>
    private const int DigitBlock = 16;

    // Where a key of a known format starts, in two sets, because one search for all of them costs more than the rest of
    // the first pass: most prefixes end in '-' or '_', which prose rarely holds, so they are found by looking back from
    // each of those; the others are found whole. Case matters, so that common English letter pairs do not stop the search.
    private static readonly string[] SeparatedPrefixes =
        ["sk-", "sk_", "pk_", "rk_", "whsec_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "hf_", "npm_"];

    private static readonly SearchValues<string> WholePrefixes = SearchValues.Create(
        ["-----BEGIN", "AKIA", "ASIA", "AGPA", "AIDA", "AROA", "xox", "https://hooks.slack.com/", "AIza", "SG.", "eyJ", "Bearer ", "bearer "],
        StringComparison.Ordinal);

    private static readonly SearchValues<char> Separators = SearchValues.Create("-_");

    // The letter before a separated prefix's first '-' or '_': after any other, the separator starts no key (e-mail, follow-up).
    private static readonly SearchValues<char> SeparatedPrefixEnds = SearchValues.Create("kcpousrbtfm");

    // Words in a name that say its value is a secret: API_KEY, client_secret, authToken, DB_PASSWORD, pwd.
    private static readonly SearchValues<string> SecretNames = SearchValues.Create(
        ["key", "secret", "token", "passw", "pwd", "passphrase", "credential"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<char> Assignments = SearchValues.Create(":=");

    private static readonly SearchValues<char> MaskChars = SearchValues.Create("*xX.•");

    private static readonly SearchValues<char> PhoneClusterChars = SearchValues.Create("0123456789 .-/()+");

    /// <summary>Gets whether <paramref name="text"/> contains any sensitive data.</summary>
    public static bool ContainsAny(string text) => FindAll(text).Count > 0;

    /// <summary>Finds every piece of sensitive data in <paramref name="text"/>.</summary>
    /// <returns>The matches, ordered by position and never overlapping; an empty list when nothing was found.</returns>
    public static IReadOnlyList<PiiMatch> FindAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<PiiMatch>? found = null;

        // Secrets first, and they win any overlap: a key holds digit runs that look like phone or card numbers, and a
        // token in a URL's user part (https://ghp_…@github.com) looks like an e-mail address.
        FindSecrets(text, ref found);
        var secrets = found?.Count ?? 0;

        var at = text.AsSpan().IndexOf('@');
        if (at >= 0)
        {
            Collect(EmailRegex(), text, Math.Max(0, at - 64), PiiKind.Email, secrets, ref found);
        }

        var digits = ScanDigits(text);
        if (digits.Card >= 0)
        {
            Collect(CardRegex(), text, digits.Card, PiiKind.CardNumber, secrets, ref found);
        }

        if (digits.Iban >= 0)
        {
            Collect(IbanRegex(), text, digits.Iban, PiiKind.Iban, secrets, ref found);
        }

        if (digits.Ipv4 >= 0)
        {
            Collect(Ipv4Regex(), text, digits.Ipv4, PiiKind.IpAddress, secrets, ref found);
        }

        var ipv6 = FindIpv6Start(text);
        if (ipv6 >= 0)
        {
            Collect(Ipv6Regex(), text, ipv6, PiiKind.IpAddress, secrets, ref found);
        }

        if (digits.Phone >= 0)
        {
            Collect(PhoneRegex(), text, digits.Phone, PiiKind.Phone, secrets, ref found);
        }

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

    /// <summary>
    /// Runs the secret patterns anchored where a key's prefix occurs, and where a <c>:</c> or <c>=</c> follows a
    /// secret's name; never across the whole text.
    /// </summary>
    private static void FindSecrets(string text, ref List<PiiMatch>? found)
    {
        var span = text.AsSpan();

        // The two prefix searches, merged in text order: a key found first covers any prefix inside it.
        var separated = NextSeparatedPrefix(span, 0);
        var whole = span.IndexOfAny(WholePrefixes);
        while (separated >= 0 || whole >= 0)
        {
            var hit = whole < 0 || (separated >= 0 && separated < whole) ? separated : whole;
            var end = MatchSecretAt(span, StartOfName(span, hit), ref found);
            var position = end > hit ? end : hit + 1;
            if (separated >= 0 && separated < position)
            {
                separated = NextSeparatedPrefix(span, position);
            }

            if (whole >= 0 && whole < position)
            {
                whole = IndexOfAnyFrom(span, position, WholePrefixes);
            }
        }

        for (var position = 0; position < span.Length;)
        {
            var assignment = span[position..].IndexOfAny(Assignments);
            if (assignment < 0)
            {
                break;
            }

            assignment += position;
            position = assignment + 1;

            // The name ends before optional quotes and blanks, and before "is" in "my password is: …".
            var nameEnd = assignment;
            while (nameEnd > 0 && span[nameEnd - 1] is ' ' or '\t' or '"' or '\'')
            {
                nameEnd--;
            }

            if (nameEnd >= 3 && span[(nameEnd - 2)..nameEnd].Equals("is", StringComparison.OrdinalIgnoreCase) && span[nameEnd - 3] is ' ' or '\t')
            {
                nameEnd -= 3;
                while (nameEnd > 0 && span[nameEnd - 1] is ' ' or '\t')
                {
                    nameEnd--;
                }
            }

            var nameStart = StartOfName(span, nameEnd);
            if (nameStart < nameEnd && span[nameStart..nameEnd].IndexOfAny(SecretNames) >= 0)
            {
                var end = MatchSecretAt(span, nameStart, ref found);
                position = Math.Max(position, end);
            }
        }
    }

    /// <summary>Finds the first key prefix ending in <c>-</c> or <c>_</c> (<c>sk-</c>, <c>ghp_</c>) that starts at or after <paramref name="from"/>.</summary>
    /// <returns>Where the prefix starts, or -1 when there is none.</returns>
    private static int NextSeparatedPrefix(ReadOnlySpan<char> span, int from)
    {
        for (var position = from; position < span.Length;)
        {
            var separator = span[position..].IndexOfAny(Separators);
            if (separator < 0)
            {
                return -1;
            }

            separator += position;
            position = separator + 1;
            if (separator == 0 || !SeparatedPrefixEnds.Contains(span[separator - 1]))
            {
                continue;
            }

            foreach (var prefix in SeparatedPrefixes)
            {
                var start = separator - prefix.AsSpan().IndexOfAny(Separators);
                if (start >= from && span[start..].StartsWith(prefix, StringComparison.Ordinal))
                {
                    return start;
                }
            }
        }

        return -1;
    }

    private static int IndexOfAnyFrom(ReadOnlySpan<char> span, int from, SearchValues<string> values)
    {
        var index = span[from..].IndexOfAny(values);
        return index < 0 ? -1 : index + from;
    }

    /// <summary>Finds where the name that <paramref name="index"/> is in or after begins: DB_PASSWORD, x-api-key, AWS_SECRET_….</summary>
    private static int StartOfName(ReadOnlySpan<char> span, int index)
    {
        var start = index;
        while (start > 0 && index - start < MaxSecretNameLength && IsNameChar(span[start - 1]))
        {
            start--;
        }

        return start;
    }

    /// <summary>Matches the secret pattern at <paramref name="start"/> only, and adds the value unless it is found already.</summary>
    /// <returns>Where the match ends, or -1 when there is none.</returns>
    private static int MatchSecretAt(ReadOnlySpan<char> span, int start, ref List<PiiMatch>? found)
    {
        try
        {
            foreach (var match in SecretRegex().EnumerateMatches(span, start))
            {
                if (TrySecretValue(span.Slice(match.Index, match.Length), match.Index, out var index, out var length)
                    && !OverlapsSecret(found, found?.Count ?? 0, index, length))
                {
                    (found ??= []).Add(new PiiMatch(PiiKind.Secret, index, length));
                }

                return match.Index + match.Length; // \G anchors the pattern at start, so there is at most one match
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological input must not stall the call: this candidate is skipped.
        }

        return -1;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';

    /// <summary>Finds where a candidate IPv6 address could start: a colon followed within five hex digits by another.</summary>
    private static int FindIpv6Start(string text)
    {
        var span = text.AsSpan();
        var position = 0;
        while (position < span.Length)
        {
            var colon = span[position..].IndexOf(':');
            if (colon < 0)
            {
                return -1;
            }

            colon += position;
            var next = colon + 1;
            while (next < span.Length && next - colon <= 5 && char.IsAsciiHexDigit(span[next]))
            {
                next++;
            }

            if (next < span.Length && span[next] == ':')
            {
                // An address has at most 39 characters, so it started no earlier than that before its first colon pair.
                return Math.Max(0, colon - 40);
            }

            position = colon + 1;
        }

        return -1;
    }

    /// <summary>
    /// Walks the digit clusters of <paramref name="text"/> (digits with the separators a number is printed with) and
    /// tells, per kind, the first position from which a match is possible, or -1 when none is.
    /// </summary>
    /// <remarks>
    /// Digits are found sixteen characters at a time, as a bit mask, rather than by a search per cluster: prose holds a
    /// short number every few dozen characters, and restarting a search for each cost more than the whole rest of the
    /// first pass.
    /// </remarks>
    private static DigitClusters ScanDigits(string text)
    {
        var span = text.AsSpan();
        var chars = MemoryMarshal.Cast<char, ushort>(span);
        int card = -1, iban = -1, ipv4 = -1, phone = -1;
        var position = 0; // digits before it belong to a cluster walked already
        for (var block = 0; block < span.Length; block += DigitBlock)
        {
            var mask = SkipBefore(DigitMask(chars, block), position - block);
            while (mask != 0)
            {
                var first = block + BitOperations.TrailingZeroCount(mask);

                // IBANs start with the country's two capital letters and two check digits.
                if (iban < 0 && first >= 2 && char.IsAsciiLetterUpper(span[first - 2]) && char.IsAsciiLetterUpper(span[first - 1])
                    && first + 1 < span.Length && char.IsAsciiDigit(span[first + 1]))
                {
                    iban = first - 2;
                }

                var end = first;
                int count = 0, dots = 0;
                while (end < span.Length && PhoneClusterChars.Contains(span[end]))
                {
                    if (char.IsAsciiDigit(span[end]))
                    {
                        count++;
                    }
                    else if (span[end] == '.')
                    {
                        dots++;
                    }

                    end++;
                }

                // A phone number or card may begin with + or ( just before the first digit.
                var start = Math.Max(0, first - 2);
                if (count >= 8 && phone < 0)
                {
                    phone = start;
                }

                if (count >= 13 && card < 0)
                {
                    card = start;
                }

                if (dots >= 3 && count >= 4 && ipv4 < 0)
                {
                    ipv4 = start;
                }

                position = end + 1;
                mask = SkipBefore(mask, position - block);
            }
        }

        return new DigitClusters(card, iban, ipv4, phone);
    }

    /// <summary>Gets one bit per ASCII digit among the <see cref="DigitBlock"/> characters from <paramref name="block"/>.</summary>
    private static uint DigitMask(ReadOnlySpan<ushort> chars, int block)
    {
        if (block + DigitBlock > chars.Length)
        {
            uint tail = 0;
            for (var i = block; i < chars.Length; i++)
            {
                if ((uint)(chars[i] - '0') <= 9)
                {
                    tail |= 1u << (i - block);
                }
            }

            return tail;
        }

        // A character below '0' wraps around to a large number, so one unsigned comparison tests the range.
        var lanes = chars.Slice(block, DigitBlock);
        if (Vector256.IsHardwareAccelerated)
        {
            return Vector256.LessThan(Vector256.Create(lanes) - Vector256.Create((ushort)'0'), Vector256.Create((ushort)10))
                .ExtractMostSignificantBits();
        }

        var zero = Vector128.Create((ushort)'0');
        var ten = Vector128.Create((ushort)10);
        var low = Vector128.LessThan(Vector128.Create(lanes) - zero, ten).ExtractMostSignificantBits();
        var high = Vector128.LessThan(Vector128.Create(lanes[8..]) - zero, ten).ExtractMostSignificantBits();
        return low | (high << 8);
    }

    /// <summary>Clears the bits of a block's mask that stand for the first <paramref name="count"/> characters.</summary>
    private static uint SkipBefore(uint mask, int count) => count <= 0 ? mask : count >= DigitBlock ? 0 : mask & (~0u << count);

    private static void Collect(Regex regex, string text, int startAt, PiiKind kind, int secrets, ref List<PiiMatch>? found)
    {
        try
        {
            foreach (var match in regex.EnumerateMatches(text.AsSpan(), startAt))
            {
                var candidate = text.AsSpan(match.Index, match.Length);
                if (TryAccept(kind, text, match.Index, candidate, out var index, out var length)
                    && !OverlapsSecret(found, secrets, index, length))
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

    private static bool OverlapsSecret(List<PiiMatch>? found, int secrets, int index, int length)
    {
        for (var i = 0; i < secrets; i++)
        {
            var secret = found![i]; // secrets > 0 only when the list holds them
            if (index < secret.Index + secret.Length && secret.Index < index + length)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryAccept(PiiKind kind, string text, int index, ReadOnlySpan<char> candidate, out int start, out int length)
    {
        start = index;
        length = candidate.Length;
        switch (kind)
        {
            case PiiKind.Email:
                return !IsFileName(candidate);
            case PiiKind.CardNumber:
                return IsCardNumber(candidate);
            case PiiKind.Iban:
                return TrimIban(candidate, ref length);
            case PiiKind.IpAddress when candidate.Contains(':'):
                return IsIpv6(candidate, ref length);
            case PiiKind.IpAddress:
                return !FollowsVersionWord(text, index);
            case PiiKind.Phone:
                return IsPhoneNumber(text, index, candidate);
            default:
                return true;
        }
    }

    /// <summary>
    /// Keeps only the value of <c>password = value</c> and <c>Bearer token</c>, so the name stays readable; a key of a
    /// known format is all value.
    /// </summary>
    private static bool TrySecretValue(ReadOnlySpan<char> candidate, int index, out int start, out int length)
    {
        start = index;
        length = candidate.Length;
        int value;
        if (candidate.StartsWith("-----", StringComparison.Ordinal) || candidate.StartsWith("https://", StringComparison.Ordinal))
        {
            return true;
        }

        if (candidate.StartsWith("bearer ", StringComparison.OrdinalIgnoreCase))
        {
            value = "bearer ".Length;
        }
        else
        {
            var separator = candidate.IndexOfAny(':', '=');
            if (separator < 0 || !IsKeywordMatch(candidate[..separator]))
            {
                return true;
            }

            value = separator + 1;
        }

        while (value < candidate.Length && (char.IsWhiteSpace(candidate[value]) || candidate[value] is '"' or '\'' or ':' or '='))
        {
            value++;
        }

        var secret = candidate[value..];

        // A masked value (********) or a placeholder word is not a secret.
        if (secret.Length < 8 || !secret.ContainsAnyExcept(MaskChars) || secret.IndexOfAnyInRange('0', 'z') < 0)
        {
            return false;
        }

        start += value;
        length -= value;
        return true;
    }

    /// <summary>Tells a <c>name: value</c> match from a key of a known format that holds a colon or equals sign.</summary>
    private static bool IsKeywordMatch(ReadOnlySpan<char> name) =>
        !name.StartsWith("sk-", StringComparison.Ordinal) && !name.StartsWith("xox", StringComparison.Ordinal)
        && !name.StartsWith("eyJ", StringComparison.Ordinal);

    private static bool IsFileName(ReadOnlySpan<char> email)
    {
        // icon@2x.png: image names for high-density screens, not addresses; none of these is a top-level domain.
        var dot = email.LastIndexOf('.');
        var tld = email[(dot + 1)..];
        foreach (var extension in (ReadOnlySpan<string>)["png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "css", "js", "json", "txt", "html", "htm", "pdf", "yml", "yaml", "xml", "csv", "exe", "dll", "log"])
        {
            if (tld.Equals(extension, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Checks Luhn, a card brand's prefix and length, and that separators group the digits as cards print them.</summary>
    internal static bool IsCardNumber(ReadOnlySpan<char> candidate)
    {
        if (!IsLuhnCardNumber(candidate))
        {
            return false;
        }

        Span<int> groups = stackalloc int[20];
        var groupCount = 0;
        var digits = 0;
        var separator = '\0';
        Span<char> number = stackalloc char[19];
        foreach (var c in candidate)
        {
            if (char.IsAsciiDigit(c))
            {
                number[digits++] = c;
                if (groupCount == 0)
                {
                    groupCount = 1;
                }

                groups[groupCount - 1]++;
                continue;
            }

            if (separator != '\0' && c != separator)
            {
                return false; // 4111 1111-1111 1111: a mixed run is not how a card is written
            }

            separator = c;
            groups[groupCount++] = 0;
        }

        return HasCardPrefix(number[..digits]) && (groupCount == 1 || IsCardGrouping(groups[..groupCount]));
    }

    private static bool IsCardGrouping(ReadOnlySpan<int> groups)
    {
        // 4-6-5 (American Express) and 4-6-4 (Diners Club), or fours with a shorter last group.
        if (groups.Length == 3 && groups[0] == 4 && groups[1] == 6 && groups[2] is 4 or 5)
        {
            return true;
        }

        for (var i = 0; i < groups.Length - 1; i++)
        {
            if (groups[i] != 4)
            {
                return false;
            }
        }

        return groups[^1] is >= 1 and <= 4;
    }

    /// <summary>Checks the issuer prefix and the length that go together for the card brands in use.</summary>
    private static bool HasCardPrefix(ReadOnlySpan<char> number)
    {
        var length = number.Length;
        var two = ((number[0] - '0') * 10) + (number[1] - '0');
        var four = (two * 100) + ((number[2] - '0') * 10) + (number[3] - '0');
        return number[0] switch
        {
            '4' => length is 13 or 16 or 19, // Visa
            '5' => (two is >= 51 and <= 55 && length == 16) // Mastercard
                || (two is 50 or (>= 56 and <= 58) && length >= 13), // Maestro
            '2' => (four is >= 2221 and <= 2720 && length == 16) // Mastercard 2-series
                || (four is >= 2200 and <= 2204 && length >= 16), // Mir
            '3' => (two is 34 or 37 && length == 15) // American Express
                || (four is >= 3528 and <= 3589 && length >= 16) // JCB
                || ((two is 36 or 38 or 39 || four is >= 3000 and <= 3059) && length >= 14), // Diners Club
            '6' => two is 60 or 62 or 63 or 64 or 65 or 67 && length >= 16 || (two is 63 or 67 && length >= 13), // Discover, UnionPay, RuPay, Maestro
            _ => false,
        };
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

    /// <summary>Cuts a printed IBAN to its country's length (a word after it may look like one more group), then checks it.</summary>
    private static bool TrimIban(ReadOnlySpan<char> candidate, ref int length)
    {
        var expected = IbanLength(candidate[0], candidate[1]);
        if (expected == 0)
        {
            return false;
        }

        var characters = 0;
        for (var i = 0; i < candidate.Length; i++)
        {
            if (candidate[i] == ' ')
            {
                continue;
            }

            if (++characters == expected)
            {
                // The IBAN ends here; what follows must begin a new word, not continue this group.
                if (i + 1 < candidate.Length && candidate[i + 1] != ' ')
                {
                    return false;
                }

                length = i + 1;
                return IsIban(candidate[..length]);
            }
        }

        return false;
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

    /// <summary>Gets the IBAN length of a country in the SWIFT IBAN registry, or 0 for a code that has none.</summary>
    private static int IbanLength(char first, char second) => (first, second) switch
    {
        ('A', 'D') => 24, ('A', 'E') => 23, ('A', 'L') => 28, ('A', 'T') => 20, ('A', 'Z') => 28,
        ('B', 'A') => 20, ('B', 'E') => 16, ('B', 'G') => 22, ('B', 'H') => 22, ('B', 'I') => 27, ('B', 'R') => 29, ('B', 'Y') => 28,
        ('C', 'H') => 21, ('C', 'R') => 22, ('C', 'Y') => 28, ('C', 'Z') => 24,
        ('D', 'E') => 22, ('D', 'J') => 27, ('D', 'K') => 18, ('D', 'O') => 28,
        ('E', 'E') => 20, ('E', 'G') => 29, ('E', 'S') => 24,
        ('F', 'I') => 18, ('F', 'K') => 18, ('F', 'O') => 18, ('F', 'R') => 27,
        ('G', 'B') => 22, ('G', 'E') => 22, ('G', 'I') => 23, ('G', 'L') => 18, ('G', 'R') => 27, ('G', 'T') => 28,
        ('H', 'N') => 28, ('H', 'R') => 21, ('H', 'U') => 28,
        ('I', 'E') => 22, ('I', 'L') => 23, ('I', 'Q') => 23, ('I', 'S') => 26, ('I', 'T') => 27,
        ('J', 'O') => 30, ('K', 'W') => 30, ('K', 'Z') => 20,
        ('L', 'B') => 28, ('L', 'C') => 32, ('L', 'I') => 21, ('L', 'T') => 20, ('L', 'U') => 20, ('L', 'V') => 21, ('L', 'Y') => 25,
        ('M', 'C') => 27, ('M', 'D') => 24, ('M', 'E') => 22, ('M', 'K') => 19, ('M', 'N') => 20, ('M', 'R') => 27, ('M', 'T') => 31, ('M', 'U') => 30,
        ('N', 'I') => 28, ('N', 'L') => 18, ('N', 'O') => 15, ('O', 'M') => 23,
        ('P', 'K') => 24, ('P', 'L') => 28, ('P', 'S') => 29, ('P', 'T') => 25, ('Q', 'A') => 29,
        ('R', 'O') => 24, ('R', 'S') => 22, ('R', 'U') => 33,
        ('S', 'A') => 24, ('S', 'C') => 31, ('S', 'D') => 18, ('S', 'E') => 24, ('S', 'I') => 19, ('S', 'K') => 24, ('S', 'M') => 27,
        ('S', 'O') => 23, ('S', 'T') => 25, ('S', 'V') => 28,
        ('T', 'L') => 23, ('T', 'N') => 24, ('T', 'R') => 26, ('U', 'A') => 29, ('V', 'A') => 22, ('V', 'G') => 24,
        ('X', 'K') => 20, ('Y', 'E') => 30,
        _ => 0,
    };

    private static bool IsIpv6(ReadOnlySpan<char> candidate, ref int length)
    {
        // A trailing colon belongs to the sentence ("at 2001:db8::1: refused"), unless it is part of "::".
        if (candidate.Length > 2 && candidate[^1] == ':' && candidate[^2] != ':')
        {
            candidate = candidate[..^1];
            length--;
        }

        return candidate.Count(':') >= 2
            && candidate.ContainsAnyExcept(':')
            && IPAddress.TryParse(candidate, out var address)
            && address.AddressFamily == AddressFamily.InterNetworkV6;
    }

    /// <summary>Tells a version or section number (<c>version 1.2.0.4</c>, <c>AssemblyVersion("1.0.0.0")</c>, <c>section 4.2.1.3</c>) from an IPv4 address.</summary>
    private static bool FollowsVersionWord(string text, int index)
    {
        var before = text.AsSpan(0, index).TrimEnd(" \t\"'(=<>:[");
        foreach (var word in (ReadOnlySpan<string>)["version", "ver.", "build", "release", "firmware", "fw", "v", "section", "sec.", "chapter", "table", "figure", "fig.", "§", "step", "clause", "paragraph", "rule", "item"])
        {
            if (before.EndsWith(word, StringComparison.OrdinalIgnoreCase)
                && (before.Length == word.Length || !char.IsLetter(before[^(word.Length + 1)]) || word == "version"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPhoneNumber(string text, int index, ReadOnlySpan<char> candidate)
    {
        var digits = 0;
        foreach (var c in candidate)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
        }

        if (candidate[0] == '+')
        {
            return digits is >= 8 and <= 15;
        }

        // A number that continues a run of digit groups (1Z 999 AA1 01 2345 6784, 9400 1000 0000 …) is not a phone number.
        var previous = index - 1;
        if (previous >= 0 && text[previous] is ' ' or '-' or '.' or '/')
        {
            previous--;
        }

        if (previous >= 0 && previous < index - 1 && char.IsAsciiDigit(text[previous]))
        {
            return false;
        }

        if (candidate.StartsWith("00", StringComparison.Ordinal))
        {
            return digits - 2 is >= 8 and <= 15; // 00 is the international prefix, not part of the number
        }

        // National numbers with a trunk 0 need 9 digits, so that 01-05-2024 and 05 12 2024 stay dates.
        var national = candidate[0] == '0' || (candidate[0] == '(' && candidate[1] == '0');
        return national
            ? digits is >= 9 and <= 13
            : digits is 10 or 11;
    }

    [GeneratedRegex(
        @"(?<![\w.%+-])[\w][\w.%+'-]{0,63}@(?:[\p{L}\p{M}\p{Nd}](?:[\p{L}\p{M}\p{Nd}-]{0,61}[\p{L}\p{M}\p{Nd}])?\.)+(?:\p{L}{2,24}|xn--[a-z0-9-]{1,59})(?![\w-])",
        Options, matchTimeoutMilliseconds: 250)]
    private static partial Regex EmailRegex();

    // The last lookahead keeps a match from ending inside a longer spaced run (a 22-digit tracking number in groups).
    [GeneratedRegex(@"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-]|[ -]\d)", Options, matchTimeoutMilliseconds: 250)]
    private static partial Regex CardRegex();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])", Options, matchTimeoutMilliseconds: 250)]
    private static partial Regex IbanRegex();

    [GeneratedRegex(
        @"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\w|\.\d)",
        Options, matchTimeoutMilliseconds: 250)]
    private static partial Regex Ipv4Regex();

    // An IPv4-mapped or -embedded address (::ffff:192.0.2.128, 64:ff9b::192.0.2.33) ends in dotted decimal.
    [GeneratedRegex(@"(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:(?:\.\d{1,3}){3})?(?![\w:]|\.\d)", Options, matchTimeoutMilliseconds: 250)]
    private static partial Regex Ipv6Regex();

    [GeneratedRegex(
        @"(?<![\w+])(?:\+|00(?=[1-9]\d{0,2} ))\d{1,3}(?:[ .-]?(?:\(\d{1,5}\)|\d{1,5})){1,6}(?![\w-]|[ .-]\d)" +
        @"|(?<![\w-])(?:1[-. ])?(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[-. ])\d{3}[-. ]\d{4}(?![\w-]|[ .-]\d)" +
        @"|(?<![\w-])(?:\(0[1-9]\d{0,3}\)|0[1-9]\d{0,3})(?:[ /-]\d{2,8}){1,4}(?![\w-]|[ .-]\d)",
        Options, matchTimeoutMilliseconds: 250)]
    private static partial Regex PhoneRegex();

    // \G: the pattern runs only where a key's prefix or name was found (see FindSecrets), never across the whole text.
    [GeneratedRegex(
        @"\G(?:-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]{0,16000}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----" +
        @"|(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{16,}" +
        @"|whsec_[A-Za-z0-9]{24,}" +
        @"|sk-(?:proj-|ant-[a-z0-9]{2,10}-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}" +
        @"|(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}(?![A-Za-z0-9])" +
        @"|gh[pousr]_[A-Za-z0-9]{36,}" +
        @"|github_pat_[A-Za-z0-9_]{22,}" +
        @"|glpat-[A-Za-z0-9_-]{20,}" +
        @"|xox[abeprs](?:\.xox[abeprs])?-[A-Za-z0-9-]{10,}" +
        @"|https://hooks\.slack\.com/services/[A-Za-z0-9/_-]{20,}" +
        @"|AIza[0-9A-Za-z_-]{35}" +
        @"|hf_[A-Za-z0-9]{30,}" +
        @"|npm_[A-Za-z0-9]{36}" +
        @"|SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}" +
        @"|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}" +
        @"|[Bb]earer [A-Za-z0-9._~+/-]{16,}=*" +
        @"|(?i:[A-Za-z0-9_.-]*?(?:api[_-]?key|apikey|client[_-]?secret|secret|access[_-]?key|account[_-]?key|private[_-]?key|auth[_-]?token|access[_-]?token|refresh[_-]?token|token|password|passwd|pwd|passphrase|credentials?)(?:[_-](?:key|base|value))*)(?![A-Za-z0-9])[""']?(?:[ \t]+is)?[ \t]*[:=][ \t]*[""']?[^\s""',;]{8,})",
        Options, matchTimeoutMilliseconds: 250)]
    private static partial Regex SecretRegex();

    /// <summary>Where each digit-based kind may first match, or -1 when it cannot.</summary>
    private readonly record struct DigitClusters(int Card, int Iban, int Ipv4, int Phone);
}
