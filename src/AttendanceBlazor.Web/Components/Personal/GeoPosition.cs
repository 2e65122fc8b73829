namespace AttendanceBlazor.Web.Components.Personal;

/// <summary>What the browser's geolocation answers (degrees, and the accuracy in metres).</summary>
public sealed record GeoPosition(double Latitude, double Longitude, double Accuracy);
