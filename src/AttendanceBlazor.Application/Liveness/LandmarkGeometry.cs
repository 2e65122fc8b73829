using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Application.Liveness;

/// <summary>
/// What the 68 landmarks say about a head, measured on ../shared/faces-pose (docs/decisions/010-trusted-check-ins.md).
/// A real head turn moves the nose tip along the line between the outer eye corners; a flat picture moved, tilted or
/// turned keeps that ratio, because such a picture's image is (close to) an affine map of itself, and affine maps
/// keep ratios along a line.
/// </summary>
public static class LandmarkGeometry
{
    private const int OuterRightEye = 36;
    private const int OuterLeftEye = 45;
    private const int NoseTip = 30;

    /// <summary>
    /// The head's yaw in degrees, asin(2 (r - 0.5)), r the nose tip's position along the outer eye corners: positive
    /// when the nose is towards the frame's right edge (the person turns to their own left).
    /// </summary>
    public static double Yaw(PointD[] p)
    {
        var (a, b, n) = (p[OuterRightEye], p[OuterLeftEye], p[NoseTip]);
        double vx = b.X - a.X, vy = b.Y - a.Y;
        var t = ((n.X - a.X) * vx + (n.Y - a.Y) * vy) / (vx * vx + vy * vy);
        return Math.Asin(Math.Clamp(2 * (t - 0.5), -1, 1)) * 180 / Math.PI;
    }

    /// <summary>Both eyes' (|p2-p6| + |p3-p5|) / (2 |p1-p4|), averaged: points that have fallen apart give values no eye has.</summary>
    public static double EyeAspect(PointD[] p)
    {
        double Eye(int o) => (Distance(p[o + 1], p[o + 5]) + Distance(p[o + 2], p[o + 4])) / (2 * Distance(p[o], p[o + 3]));
        return (Eye(36) + Eye(42)) / 2;
    }

    public static double EyeSpan(PointD[] p) => Distance(p[OuterRightEye], p[OuterLeftEye]);

    public static PointD Centre(PointD[] p) => new(p.Average(q => q.X), p.Average(q => q.Y));

    public static double Distance(PointD a, PointD b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
}
