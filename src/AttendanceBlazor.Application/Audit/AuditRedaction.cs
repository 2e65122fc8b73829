using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AttendanceBlazor.Data;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.Audit;

/// <summary>
/// Takes an erased person's names out of the audit log, in the erasure's transaction: every entry about them, their
/// records, or anyone merged into them loses the name fields, and any other entry that spells one of their names
/// (a reason, a merge into someone else) has it replaced. What happened, when and by whom stays: the log still
/// proves the changes were made, but no longer says to whom.
/// </summary>
public static class AuditRedaction
{
    public const string Redacted = "[erased]";

    /// <summary>Fields that hold a person's name in the values the services write.</summary>
    private static readonly HashSet<string> NameFields = new(StringComparer.OrdinalIgnoreCase) { "name", "person", "merged", "into", "kioskName" };

    /// <summary>Redacts, and returns the names the person had (for the erasure's own reason, say).</summary>
    public static async Task<IReadOnlyCollection<string>> RedactPersonAsync(AttendanceDbContext db, int personId, string currentName, IReadOnlyCollection<long> recordIds, CancellationToken cancellationToken)
    {
        // The ids this person has had: their own, and those of people merged into them (whose entries stayed under
        // the old id).
        var personIds = new HashSet<string>(StringComparer.Ordinal) { personId.ToString(CultureInfo.InvariantCulture) };
        var records = recordIds.Select(r => r.ToString(CultureInfo.InvariantCulture)).ToList();
        var names = new HashSet<string>(StringComparer.Ordinal) { currentName };
        var own = new List<Data.Entities.AuditEntry>();
        for (var added = true; added;)
        {
            var ids = personIds.ToList();
            own = await db.AuditEntries
                .Where(a => (a.EntityType == AuditEntities.Person && ids.Contains(a.EntityId)) || (a.EntityType == AuditEntities.Record && records.Contains(a.EntityId)))
                .ToListAsync(cancellationToken);
            added = false;
            foreach (var entry in own)
            {
                foreach (var json in new[] { entry.OldValues, entry.NewValues })
                {
                    foreach (var (field, value) in StringFields(json))
                    {
                        if (field is "mergedId" && personIds.Add(value)) added = true;
                        // The name the kiosk asked with ("Zed E.") is theirs too (PeopleService.SetKioskNameAsync).
                        if (field is "name" or "merged" or "kioskName" && !string.IsNullOrWhiteSpace(value)) names.Add(value);
                    }
                }
            }
        }
        names.RemoveWhere(n => n.Length < 2 || n == Redacted);

        foreach (var entry in own) Redact(entry, names, redactNameFields: true);
        // Anywhere else the name is spelled: in JSON as the serializer wrote it (non-ASCII escaped) or as typed.
        var spellings = names.SelectMany(n => new[] { n, JsonSerializer.Serialize(n)[1..^1] }).Distinct().ToList();
        var ownIds = own.Select(e => e.Id).ToHashSet();
        foreach (var spelling in spellings)
        {
            var others = await db.AuditEntries
                .Where(a => a.NewValues!.Contains(spelling) || a.OldValues!.Contains(spelling) || a.Reason!.Contains(spelling))
                .ToListAsync(cancellationToken);
            foreach (var entry in others.Where(e => ownIds.Add(e.Id)))
            {
                Redact(entry, names, redactNameFields: false);
            }
        }
        return names;
    }

    private static void Redact(Data.Entities.AuditEntry entry, IReadOnlyCollection<string> names, bool redactNameFields)
    {
        entry.OldValues = RedactJson(entry.OldValues, names, redactNameFields);
        entry.NewValues = RedactJson(entry.NewValues, names, redactNameFields);
        entry.Reason = entry.Reason is null ? null : ReplaceNames(entry.Reason, names);
    }

    private static string? RedactJson(string? json, IReadOnlyCollection<string> names, bool redactNameFields)
    {
        if (string.IsNullOrEmpty(json)) return json;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return ReplaceNames(json, names);
        }
        if (root is null) return json;
        Walk(root, names, redactNameFields);
        return root.ToJsonString();
    }

    private static void Walk(JsonNode node, IReadOnlyCollection<string> names, bool redactNameFields)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (child is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        obj[key] = redactNameFields && NameFields.Contains(key) ? Redacted : ReplaceNames(text, names);
                    }
                    else if (child is not null)
                    {
                        Walk(child, names, redactNameFields);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text)) array[i] = ReplaceNames(text, names);
                    else if (array[i] is { } child) Walk(child, names, redactNameFields);
                }
                break;
        }
    }

    public static string ReplaceNames(string text, IReadOnlyCollection<string> names)
    {
        foreach (var name in names.OrderByDescending(n => n.Length))
        {
            text = text.Replace(name, Redacted, StringComparison.OrdinalIgnoreCase);
        }
        return text;
    }

    private static IEnumerable<(string Field, string Value)> StringFields(string? json)
    {
        if (string.IsNullOrEmpty(json)) yield break;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            yield break;
        }
        if (root is not JsonObject obj) yield break;
        foreach (var (key, child) in obj)
        {
            if (child is JsonValue value)
            {
                if (value.TryGetValue<string>(out var text)) yield return (key, text);
                else if (value.TryGetValue<int>(out var number)) yield return (key, number.ToString(CultureInfo.InvariantCulture));
            }
        }
    }
}
