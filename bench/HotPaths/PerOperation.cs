namespace Crucible.HotPaths;

/// <summary>
/// One prepared item per operation of an iteration (an account in a given state, a quote, an observation), taken in
/// order: an operation that changes what it acts on never meets the change of the one before. Taking more than were
/// prepared throws rather than measuring something else.
/// </summary>
internal sealed class PerOperation<T>
{
    private readonly T[] items = new T[HotPathBenchmarks.OperationsPerIteration];
    private int taken;

    public PerOperation(Func<int, T> build)
    {
        for (var i = 0; i < items.Length; i++) items[i] = build(i);
        // Promote what was just prepared now, so the collection that would otherwise move it out of gen 0 is not
        // charged to the first operations measured.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public T Next() => items[taken++];
}
