using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Recognition.Matching;

namespace AttendanceBlazor.Application.CheckIn;

public enum DecisionKind
{
    Unknown,
    Sure,
    Doubtful,
    Ambiguous,
}

/// <summary>A decision; <see cref="NearSomeone"/>: unknown, but within the ambiguity margin beyond the match threshold of someone.</summary>
public readonly record struct Decision(DecisionKind Kind, int PersonId, float Distance, bool NearSomeone = false);

/// <summary>
/// Who a face is, at the settings in force: within the sure threshold of one person (and not too close to a second),
/// sure; up to the match threshold, doubtful; two people within the match threshold and the ambiguity margin,
/// ambiguous; else unknown. Inactive people are in the index too, so their face is never unknown.
/// </summary>
public sealed class FaceDecider(FaceGallery gallery)
{
    public Decision Decide(float[] probe, EffectiveSettings settings)
    {
        var match = gallery.Identify(probe, settings.MatchThreshold);
        return match.Status switch
        {
            MatchStatus.Ambiguous => new(DecisionKind.Ambiguous, match.Person, (float)match.Distance),
            MatchStatus.Match when match.Distance <= settings.SureThreshold => new(DecisionKind.Sure, match.Person, (float)match.Distance),
            MatchStatus.Match => new(DecisionKind.Doubtful, match.Person, (float)match.Distance),
            MatchStatus.NoMatch when match.Distance <= settings.MatchThreshold + gallery.Index.AmbiguityMargin =>
                new(DecisionKind.Unknown, match.Person, (float)match.Distance, NearSomeone: true),
            _ => new(DecisionKind.Unknown, 0, (float)match.Distance),
        };
    }

    /// <summary>Whether every face is within the match threshold of the first: several stills of one request are of one person.</summary>
    public static bool SamePerson(IReadOnlyList<AnalyzedFace> faces, double threshold) =>
        faces.Skip(1).All(f => FaceIndex<int>.Distance(f.Descriptor, faces[0].Descriptor) <= threshold);

    /// <summary>The mean descriptor of one person's stills: more stills, less noise.</summary>
    public static float[] Mean(IReadOnlyList<AnalyzedFace> faces)
    {
        if (faces.Count == 1) return faces[0].Descriptor;
        var mean = new float[faces[0].Descriptor.Length];
        foreach (var face in faces)
        {
            for (var i = 0; i < mean.Length; i++) mean[i] += face.Descriptor[i] / faces.Count;
        }
        return mean;
    }
}
