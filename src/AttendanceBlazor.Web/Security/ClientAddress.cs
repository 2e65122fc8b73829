using System.Net;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace AttendanceBlazor.Web.Security;

/// <summary>
/// The address of the browser behind this circuit, as the request that opened (or reopened) the circuit's connection
/// gave it, after the forwarded headers of configured proxies (Security:KnownProxies). Null when unknown; a
/// personal check-in from an unknown address counts as outside the allowed networks.
/// </summary>
public sealed class ClientAddress
{
    public IPAddress? Address { get; set; }
}

/// <summary>Fills <see cref="ClientAddress"/> whenever the circuit's connection comes up.</summary>
public sealed class ClientAddressCircuitHandler(ClientAddress client, IHttpContextAccessor http) : CircuitHandler
{
    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (http.HttpContext?.Connection.RemoteIpAddress is { } address) client.Address = address;
        return Task.CompletedTask;
    }
}
