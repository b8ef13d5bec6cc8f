using Crucible.Grains.Interfaces.Alerts;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Markets.Dispatch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crucible.Grains.Alerts;

[GenerateSerializer, Alias("crucible.PriceAlertsState")]
public sealed class PriceAlertsState
{
    [Id(0)] public List<AlertWatch> Alerts { get; set; } = [];

    /// <summary>Firings so far: the sequence of the user's alert stream.</summary>
    [Id(1)] public long Fired { get; set; }
}

/// <summary>
/// One user's price alerts, held and evaluated by the engine (docs/alerts.md). The rules are <see cref="PriceAlertBook"/>'s.
/// The grain follows its armed alerts' symbols through the silo's <see cref="MarketDispatcher"/>, like an account: a tick
/// costs one in-memory hand-over per following user on the silo, never a stream subscription per user, and the quotes
/// come in feed order, so an alert fires on exactly the first quote that meets it. A firing is stored before it is
/// published on the user's alert stream, which the API hosts bridge to the user's SignalR connections.
/// </summary>
/// <remarks>
/// Per user rather than per symbol: a user's alerts are few and owned together (list, delete, the 404 for a stranger's),
/// their storage is one small row, and a hot symbol's ticks still go once per silo through the dispatcher rather than to
/// one grain holding every user's alerts on it. Not reentrant: quotes and commands are applied one at a time.
/// Kept alive while anything is armed (the dispatcher feeds live activations only); in durable mode a reminder brings it
/// back after a restart, and the activation evaluates each symbol's current quote first (docs/alerts.md "Restarts").
/// </remarks>
[KeepAlive]
public sealed class PriceAlertsGrain(
    [PersistentState("alerts", StorageNames.Default)] IPersistentState<PriceAlertsState> state,
    MarketDispatcher dispatcher,
    ILogger<PriceAlertsGrain> logger) : Grain, IPriceAlertsGrain, IMarketFollower, IRemindable
{
    private const string WakeReminder = "follow-alerts";
    private static readonly TimeSpan WakePeriod = TimeSpan.FromMinutes(1);
    private const int QuotesPerTurn = 256;

    private QuoteMailbox mailbox = null!;
    private bool wakeReminderSet;

    private string UserId => this.GetPrimaryKeyString();

    private PriceAlertBook Book => new(state.State.Alerts);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        mailbox = new QuoteMailbox(this.AsReference<IMarketFollower>(), "alerts:" + UserId, logger);
        // A restart may have let quotes pass unseen: each armed symbol's current quote is evaluated as the next one.
        foreach (var symbol in Book.ArmedSymbols)
        {
            if (await GrainFactory.GetGrain<IInstrumentFeedGrain>(symbol).GetQuoteAsync() is { } quote)
                await ApplyAsync([quote]);
        }
        Follow();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (mailbox is not null)
            dispatcher.Unfollow(mailbox);
        return Task.CompletedTask;
    }

    Task<IReadOnlyList<PriceAlert>> IPriceAlertsGrain.ListAsync()
    {
        var alerts = Book.Alerts.ToList();
        IdleIfNothingArmed();
        return Task.FromResult<IReadOnlyList<PriceAlert>>(alerts);
    }

    Task<PriceAlert?> IPriceAlertsGrain.GetAsync(string alertId)
    {
        var alert = Book.Get(alertId);
        IdleIfNothingArmed();
        return Task.FromResult(alert);
    }

    async Task<PriceAlertResult> IPriceAlertsGrain.CreateAsync(NewPriceAlert request, DateTimeOffset at)
    {
        // Follow first, then read the quote: a quote published in between is both the start and queued, and the queued copy
        // is skipped by its sequence, so none is missed and none counts twice.
        var symbols = Book.ArmedSymbols.ToHashSet(StringComparer.Ordinal);
        symbols.Add(request.Symbol);
        dispatcher.Follow(mailbox, symbols);
        var current = await GrainFactory.GetGrain<IInstrumentFeedGrain>(request.Symbol).GetQuoteAsync();
        var result = Book.Create(Guid.NewGuid().ToString("N"), request, current, at);
        if (result.Alert is not null)
        {
            await state.WriteStateAsync();
            logger.LogInformation("User {UserId} armed alert {AlertId}: {Symbol} {Condition} {Level} on the {Source}",
                UserId, result.Alert.Id, request.Symbol, request.Condition, request.Level, request.Source);
        }
        Follow();
        return result;
    }

    async Task<bool> IPriceAlertsGrain.DeleteAsync(string alertId)
    {
        if (!Book.Delete(alertId))
            return false;
        await state.WriteStateAsync();
        Follow();
        IdleIfNothingArmed();
        return true;
    }

    async Task IMarketFollower.TakeQuotesAsync()
    {
        // Alerts arm no band: every quote is queued.
        var quotes = new List<Quote>();
        if (mailbox.Take(quotes, QuotesPerTurn))
            mailbox.WakeAgain();
        if (quotes.Count > 0)
            await ApplyAsync(quotes);
        Follow();
    }

    /// <summary>Evaluates the quotes in order; stores what changed, then publishes each firing in order.</summary>
    private async Task ApplyAsync(IReadOnlyList<Quote> quotes)
    {
        var fired = new List<PriceAlert>();
        var changed = false;
        var book = Book;
        foreach (var quote in quotes)
        {
            var (now, stored) = book.Observe(quote);
            fired.AddRange(now);
            changed |= stored;
        }
        if (!changed)
            return;
        var firstSequence = state.State.Fired + 1;
        state.State.Fired += fired.Count;
        await state.WriteStateAsync();
        if (fired.Count == 0)
            return;
        var stream = this.GetStreamProvider(MarketStreams.Provider).GetStream<PriceAlertFired>(AlertStreams.EventStream(UserId));
        for (var i = 0; i < fired.Count; i++)
        {
            var alert = fired[i];
            logger.LogInformation("User {UserId} alert {AlertId} fired: {Symbol} {Condition} {Level} at {Price} (quote #{Sequence})",
                UserId, alert.Id, alert.Symbol, alert.Condition, alert.Level, alert.Trigger!.Price, alert.Trigger.Sequence);
            try
            {
                await stream.OnNextAsync(new PriceAlertFired(UserId, alert, firstSequence + i));
            }
            catch (Exception e)
            {
                // Stored already: the list shows it fired; a page that missed the push sees the gap in the next one or rereads.
                logger.LogWarning(e, "User {UserId}: the firing of alert {AlertId} could not be published", UserId, alert.Id);
            }
        }
    }

    /// <summary>Follows exactly the armed alerts' symbols; while there are any, a durable host's reminder keeps the grain coming back.</summary>
    private void Follow()
    {
        var symbols = Book.ArmedSymbols;
        dispatcher.Follow(mailbox, symbols);
        if (symbols.Count > 0 && !wakeReminderSet && ServiceProvider.GetService<IReminderTable>() is not null)
        {
            wakeReminderSet = true;
            _ = RegisterWakeReminderAsync();
        }
    }

    /// <summary>With nothing armed there is nothing to watch: the activation may go (it is otherwise kept alive).</summary>
    private void IdleIfNothingArmed()
    {
        if (Book.ArmedSymbols.Count == 0)
            DeactivateOnIdle();
    }

    private async Task RegisterWakeReminderAsync()
    {
        try
        {
            await this.RegisterOrUpdateReminder(WakeReminder, WakePeriod, WakePeriod);
        }
        catch (Exception e)
        {
            wakeReminderSet = false;
            logger.LogWarning(e, "User {UserId}: the reminder that brings the alerts back after a restart could not be registered; the next operation tries again", UserId);
        }
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        // Being activated was the point; a user with nothing armed lets the reminder go.
        if (reminderName != WakeReminder || Book.ArmedSymbols.Count > 0)
            return;
        if (await this.GetReminder(WakeReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
        wakeReminderSet = false;
        DeactivateOnIdle();
    }
}
