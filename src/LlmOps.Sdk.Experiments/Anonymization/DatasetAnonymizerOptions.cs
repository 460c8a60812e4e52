using LlmOps.Sdk.Privacy;

namespace LlmOps.Sdk.Experiments;

/// <summary>Settings for anonymising a dataset file: what to look at, what to find and what to put in its place.</summary>
public sealed class DatasetAnonymizerOptions
{
    /// <summary>Gets the fields to anonymise.</summary>
    /// <value>
    /// For JSONL, top-level field names or dotted paths (<c>customer.email</c>, <c>messages.content</c>; arrays on the
    /// way are walked through, and every string under the field is anonymised); for CSV, column names. Empty (the
    /// default) anonymises every string of every record, or every column.
    /// </value>
    public IList<string> Fields { get; } = [];

    /// <summary>Gets or sets what replaces each value found.</summary>
    /// <value>
    /// <see cref="PrivacyMode.Pseudonymize"/> (the default) writes a numbered placeholder such as <c>&lt;EMAIL_1&gt;</c>,
    /// the same for the same value, so joins and repeated mentions stay visible; <see cref="PrivacyMode.Redact"/> writes
    /// <c>[REDACTED:email]</c>. <see cref="PrivacyMode.Block"/> is not a way to write a file and is refused.
    /// </value>
    public PrivacyMode Mode { get; set; } = PrivacyMode.Pseudonymize;

    /// <summary>Gets or sets whether a value keeps its placeholder across the whole file, instead of within one record.</summary>
    /// <value>
    /// The default is <see langword="false"/>: numbering restarts with each record, so a record tells nothing about
    /// another. With <see langword="true"/>, <c>jane@example.com</c> is <c>&lt;EMAIL_1&gt;</c> on every line, which keeps
    /// per-person analysis possible but links the records; the map lives in memory for the file and is never written.
    /// </value>
    public bool Consistent { get; set; }

    /// <summary>Gets or sets whether the built-in detectors (e-mail, phone, card, IBAN, IP address, secret) run.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool UseBuiltInDetectors { get; set; } = true;

    /// <summary>Gets your own detectors, run after the built-in ones: names and addresses from an NER model, employee ids.</summary>
    public IList<IPiiDetector> Detectors { get; } = [];

    /// <summary>Gets values that are never replaced, compared ignoring case: your support address, your public IP.</summary>
    public IList<string> AllowList { get; } = [];

    /// <summary>Gets or sets the separator of a CSV file.</summary>
    /// <value>The default is a comma; use <c>'\t'</c> for TSV or <c>';'</c>.</value>
    public char CsvSeparator { get; set; } = ',';
}
