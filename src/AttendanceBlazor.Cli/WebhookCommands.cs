using System.CommandLine;
using System.Globalization;
using AttendanceBlazor.Application;
using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.Integrations;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Cli;

/// <summary>`attendance webhook add|list|remove|rotate-secret`: the Integrations page's endpoints, from scripts.</summary>
public static class WebhookCommands
{
    public static Command Create(CliConsole console, Func<ParseResult, IServiceProvider> services)
    {
        var url = new Argument<string>("URL") { Description = "where events are posted (http or https; redirects are not followed)" };
        var events = new Option<string>("--events") { Description = $"comma-separated event types, or * for all: {string.Join(", ", WebhookEvents.All)}", Required = true };
        var add = new Command("add", "adds an endpoint; prints its id, then its whsec_ secret alone on the last line (shown once)") { url, events };
        add.SetAction(async (parse, ct) =>
        {
            var sp = await AdminCommands.PreparedAsync(parse, services, ct);
            var done = Check(await sp.GetRequiredService<WebhookService>().AddAsync(parse.GetValue(url), parse.GetValue(events), Actor.CommandLine(), ct));
            await console.Out.WriteLineAsync($"webhook {done.CreatedId} added for {done.Name}; the secret is shown once, store it now:");
            await console.Out.WriteLineAsync(done.Secret);
            return 0;
        });
        var list = new Command("list", "endpoints: id, state, url, events, waiting and failed events, last success (UTC)");
        list.SetAction(async (parse, ct) =>
        {
            var sp = await AdminCommands.PreparedAsync(parse, services, ct);
            foreach (var e in await sp.GetRequiredService<WebhookService>().ListAsync(ct))
            {
                await console.Out.WriteLineAsync(string.Join('\t', e.Id.ToString(CultureInfo.InvariantCulture), e.Enabled ? "enabled" : "disabled", e.Url,
                    e.Events.Count == WebhookEvents.All.Count ? "*" : string.Join(',', e.Events), $"{e.Pending} waiting", $"{e.Failed} failed",
                    e.LastSuccessUtc?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + (e.LastSuccessUtc is null ? "never" : "Z")));
            }
            return 0;
        });
        var removeId = new Argument<int>("ID") { Description = "the endpoint, as `webhook list` shows it" };
        var remove = new Command("remove", "removes an endpoint and its delivery log") { removeId };
        remove.SetAction(async (parse, ct) =>
        {
            var sp = await AdminCommands.PreparedAsync(parse, services, ct);
            var done = Check(await sp.GetRequiredService<WebhookService>().RemoveAsync(parse.GetValue(removeId), Actor.CommandLine(), ct));
            await console.Out.WriteLineAsync($"webhook {parse.GetValue(removeId)} removed ({done.Name})");
            return 0;
        });
        var rotateId = new Argument<int>("ID") { Description = "the endpoint, as `webhook list` shows it" };
        var rotate = new Command("rotate-secret", "a new secret; the old one keeps signing beside it for 24 hours; the new secret alone on the last line") { rotateId };
        rotate.SetAction(async (parse, ct) =>
        {
            var sp = await AdminCommands.PreparedAsync(parse, services, ct);
            var done = Check(await sp.GetRequiredService<WebhookService>().RotateSecretAsync(parse.GetValue(rotateId), Actor.CommandLine(), ct));
            await console.Out.WriteLineAsync($"webhook {parse.GetValue(rotateId)}: new secret; events are signed with both for 24 hours:");
            await console.Out.WriteLineAsync(done.Secret);
            return 0;
        });
        return new Command("webhook", "signed webhooks (Standard Webhooks) to other systems") { add, list, remove, rotate };
    }

    private static OperationResult Check(OperationResult result) => result.Succeeded ? result : throw new CliException(CliText.Describe(result));
}
