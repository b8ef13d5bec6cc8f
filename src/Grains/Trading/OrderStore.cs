using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Trading;

/// <summary>
/// Every order the book has recorded, with the bookkeeping the records do not carry: creation order, the order
/// in which orders were accepted (resting orders are checked oldest-accepted first) and client order ids.
/// </summary>
internal sealed class OrderStore
{
    private readonly List<Order> created = [];
    private readonly Dictionary<string, int> positionOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> byClientId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> acceptedAt = new(StringComparer.Ordinal);
    private readonly List<string> acceptanceQueue = [];
    // Positions (in creation order) of the orders that are working, kept as orders change, so that what a command or a
    // quote asks of the working orders costs what they are, never what the whole history is.
    private readonly SortedSet<int> working = [];
    private int lastOrderNumber;
    private long lastAcceptance;

    /// <summary>Every order, oldest first: a copy of the whole history, for readers only (never per command).</summary>
    public IReadOnlyList<Order> All => created.ToList();

    public int Count => created.Count;

    /// <summary>The working orders, oldest first.</summary>
    public IReadOnlyList<Order> Working => working.Select(i => created[i]).ToList();

    public bool HasWorking => working.Count > 0;

    /// <summary>The acceptance stamp the next accepted order will get; orders stamped at or above it were accepted later.</summary>
    public long NextAcceptance => lastAcceptance + 1;

    public string NextId() => $"O-{++lastOrderNumber}";

    public Order? Find(string id) => positionOf.TryGetValue(id, out var i) ? created[i] : null;

    public Order Get(string id) => created[positionOf[id]];

    public Order? FindByClientId(string clientOrderId) =>
        byClientId.TryGetValue(clientOrderId, out var id) ? Get(id) : null;

    public void Add(Order order)
    {
        positionOf.Add(order.Id, created.Count);
        created.Add(order);
        if (order.IsWorking) working.Add(created.Count - 1);
        // The first order with a client id keeps it: a retry returns the original, even after a replace.
        if (order.ClientOrderId is { } clientId) byClientId.TryAdd(clientId, order.Id);
    }

    public void Put(Order order)
    {
        var i = positionOf[order.Id];
        created[i] = order;
        if (order.IsWorking) working.Add(i);
        else working.Remove(i);
    }

    public void StampAccepted(string id)
    {
        acceptedAt[id] = ++lastAcceptance;
        acceptanceQueue.Add(id);
    }

    public long AcceptanceOf(string id) => acceptedAt.GetValueOrDefault(id, long.MaxValue);

    /// <summary>Accepted and partially filled orders, oldest accepted first.</summary>
    public IReadOnlyList<Order> Resting(string? symbol = null)
    {
        // Every quote asks twice; an account without resting orders (most ticks of most accounts) pays nothing.
        if (acceptanceQueue.Count == 0) return [];
        acceptanceQueue.RemoveAll(id => !IsResting(Get(id)));
        return acceptanceQueue.Select(Get).Where(o => symbol is null || o.Symbol == symbol).ToList();
    }

    /// <summary>
    /// Takes an order's state from a journal: new ids are added in the order they first appear (the order they were
    /// created in), and an order is stamped accepted when it first appears working, as it was when it happened.
    /// </summary>
    public void Replay(Order o)
    {
        if (positionOf.ContainsKey(o.Id)) Put(o);
        else
        {
            Add(o);
            if (int.TryParse(o.Id.AsSpan(2), out var number)) lastOrderNumber = Math.Max(lastOrderNumber, number);
        }
        if (IsResting(o) && !acceptedAt.ContainsKey(o.Id)) StampAccepted(o.Id);
    }

    public static bool IsResting(Order o) => o.Status is OrderStatus.Accepted or OrderStatus.PartiallyFilled;
}
