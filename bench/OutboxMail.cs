using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using Opiskeluhuolto.Notifications.Smtp;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Bench;

/// <summary>
/// Reminder mails through the outbox (claim, send with MailKit on reused NoDelay connections, delete; four mails per
/// workflow instance, as each follow-up reminds its few participants) to a local SMTP server. Ceiling: raw MailKit
/// sending the same messages on as many reused connections to the same server, in rounds alternating with the engine's.
/// </summary>
internal static class OutboxMail
{
    public static async Task<IReadOnlyList<Metric>> RunAsync(int count)
    {
        await using var sink = new CountingSmtpSink();
        // As many reused connections as the outbox's SMTP pool holds by default (Smtp:MaxConnections).
        var connections = new SmtpOptions().MaxConnections;
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = sink.Port, Security = "None" };
        await using var engine = await BenchEngine.CreateAsync(services =>
            services.AddSingleton<IEmailSender>(_ => new SmtpEmailSender(smtp, "opiskeluhuolto@example.fi", NullLogger<SmtpEmailSender>.Instance)));
        // Both paths run three times at a quarter of the size, alternately, before anything is measured: measured cold,
        // the first one ran partly on unoptimised code (the raw rate went from 3,800 to 6,700 mails/s between its first
        // and second run), and after one warm-up round each the raw rate still rose by 10–40 % over the measured rounds.
        var warmUp = Math.Max(count / 4, 500);
        for (var round = 0; round < 3; round++)
        {
            await RawMailKitAsync(sink, warmUp, connections);
            await EngineAsync(engine, sink, warmUp, first: count + round * warmUp);
        }

        // Then raw and engine alternately, raw first and last: each engine round against the mean of the raw rounds on
        // either side of it. With one ceiling before and one after (the earlier method) the two differed by up to 40 %
        // within a run (the machine's rate drifts between minutes) and the ratio by ±0.1 between runs.
        const int Rounds = 3;
        var size = count / 2;
        var (cpu, allocated) = (Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes());
        var raw = new List<double> { await RawMailKitAsync(sink, size, connections) };
        var (rawCpu, rawAllocated) = (Process.GetCurrentProcess().TotalProcessorTime - cpu, GC.GetTotalAllocatedBytes() - allocated);
        var engineRates = new List<double>();
        var (engineCpu, engineAllocated) = (TimeSpan.Zero, 0L);
        for (var round = 0; round < Rounds; round++)
        {
            var (roundRate, roundCpu, roundAllocated) = await EngineAsync(engine, sink, size, first: 2 * count + round * size);
            (engineCpu, engineAllocated) = (engineCpu + roundCpu, engineAllocated + roundAllocated);
            engineRates.Add(roundRate);
            raw.Add(await RawMailKitAsync(sink, size, connections));
        }

        var ceilings = Enumerable.Range(0, Rounds).Select(r => (raw[r] + raw[r + 1]) / 2).ToList();
        Console.WriteLine(FormattableString.Invariant($"# outbox-mail per mail (SMTP server included): raw {rawCpu.TotalMilliseconds * 1000 / size:F0} µs CPU and {rawAllocated / 1024 / size} KB allocated, engine {engineCpu.TotalMilliseconds * 1000 / (Rounds * size):F0} µs and {engineAllocated / 1024 / (Rounds * size)} KB"));
        Console.WriteLine(FormattableString.Invariant($"# outbox-mail rounds (mails/s): raw {string.Join(", ", raw.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))}; engine {string.Join(", ", engineRates.Select((e, r) => $"{e:F0} ({e / ceilings[r]:F2})"))}"));
        var ceiling = ceilings.Average();
        var rate = engineRates.Average();
        var (ownRate, ownCpu) = await OwnPathAsync(sink, count);
        return
        [
            new Metric("outbox-mail", rate, "mails/s", $">=0.8x (ceiling: raw MailKit on {connections} reused connections)", ceiling, rate >= 0.8 * ceiling),
            new Metric("outbox-own-path-rate", ownRate, "mails/s", "info (a sender that only counts: claims, settles, receipts, commits)", 0, true),
            new Metric("outbox-own-path-cpu", ownCpu, "µs CPU per mail", "info (a sender that only counts)", 0, true),
        ];
    }

    /// <summary>
    /// The outbox's own cost per mail: the same mails through a fresh engine whose sender only counts, so neither MailKit
    /// nor the SMTP server is in the figure (what is left is the claim, the settle with its receipt, the group commits and
    /// the hops between the lanes and the writer).
    /// </summary>
    private static async Task<(double Rate, double CpuMicroseconds)> OwnPathAsync(CountingSmtpSink sink, int count)
    {
        await using var engine = await BenchEngine.CreateAsync(services => services.AddSingleton<IEmailSender>(new CountingSender(sink)));
        await EngineAsync(engine, sink, Math.Max(count / 4, 500), first: count);
        var (rate, cpu, _) = await EngineAsync(engine, sink, count, first: 0);
        return (rate, cpu.TotalMilliseconds * 1000 / count);
    }

    /// <summary>Counts each mail as the SMTP sink would have received it, and sends nothing.</summary>
    private sealed class CountingSender(CountingSmtpSink sink) : IEmailSender
    {
        public Task SendAsync(SendEmailEffect message, CancellationToken cancellationToken)
        {
            sink.Received();
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// Mails per second (and the process's CPU and allocation while sending): <paramref name="count"/> reminders put in
    /// the outbox, then sent by its processor until none is due.
    /// </summary>
    private static async Task<(double Rate, TimeSpan Cpu, long Allocated)> EngineAsync(BenchEngine engine, CountingSmtpSink sink, int count, int first)
    {
        sink.Reset();
        var contexts = engine.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>();
        var now = DateTimeOffset.UtcNow;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            for (var i = first; i < first + count; i++)
            {
                WorkflowEffect effect = Reminder(i);
                db.Outbox.Add(new OutboxMessage { WorkflowInstanceId = $"bench-{i / 4}", Kind = nameof(SendEmailEffect), Payload = JsonSerializer.Serialize(effect, WorkflowJson.Options), CreatedAt = now, NextAttemptAt = now });
            }

            await db.SaveChangesAsync();
        }

        var processor = engine.Services.GetRequiredService<OutboxProcessor>();
        var (cpu, allocated) = (Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes());
        var clock = Stopwatch.StartNew();
        while (await processor.ProcessDueAsync() > 0) { }
        clock.Stop();
        if (sink.Count != count) throw new InvalidOperationException($"The sink received {sink.Count} of {count} mails.");
        return (count / clock.Elapsed.TotalSeconds, Process.GetCurrentProcess().TotalProcessorTime - cpu, GC.GetTotalAllocatedBytes() - allocated);
    }

    // With its plain-text part, as every templated mail has one (fi/sv/en .txt templates), so that both paths send the same message.
    private static SendEmailEffect Reminder(int i) => new(
        $"bench-{i}@opiskeluhuolto.workflows", "bench", null, [$"osallistuja{i}@example.fi"], [], [],
        "Muistutus: lausunto opiskeluhuoltosuunnitelman luonnoksesta viimeistään 17.11.2023",
        "<p>Hyvä vastaanottaja,</p><p>muistutamme, että lausuntonne määräaika on 17.11.2023 klo 16.00.</p><p>Ystävällisin terveisin<br>Koordinaattori</p>")
    {
        TextBody = "Hyvä vastaanottaja, muistutamme määräajasta.",
    };

    private static async Task<double> RawMailKitAsync(CountingSmtpSink sink, int count, int connections)
    {
        sink.Reset();
        var clients = new List<SmtpClient>();
        for (var c = 0; c < connections; c++)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync("127.0.0.1", sink.Port);
            var client = new SmtpClient();
            await client.ConnectAsync(socket, "127.0.0.1", sink.Port, SecureSocketOptions.None);
            clients.Add(client);
        }

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, c) => SendAsync(client, Enumerable.Range(0, count).Where(i => i % connections == c))));
        clock.Stop();
        foreach (var client in clients)
        {
            await client.DisconnectAsync(quit: true);
            client.Dispose();
        }

        if (sink.Count != count) throw new InvalidOperationException($"The sink received {sink.Count} of {count} raw mails.");
        return count / clock.Elapsed.TotalSeconds;
    }

    private static async Task SendAsync(SmtpClient client, IEnumerable<int> numbers)
    {
        foreach (var i in numbers)
        {
            var effect = Reminder(i);
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse("opiskeluhuolto@example.fi"));
            message.To.Add(MailboxAddress.Parse(effect.To[0]));
            message.Subject = effect.Subject;
            message.MessageId = effect.MessageId;
            message.Body = new BodyBuilder { HtmlBody = effect.Body, TextBody = effect.TextBody }.ToMessageBody();
            await client.SendAsync(message);
        }
    }
}
