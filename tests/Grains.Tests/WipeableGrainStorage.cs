using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace Crucible.Grains.Tests;

/// <summary>
/// Grain storage in process memory that a test can wipe or roll back for one grain, as an operator's lost or stale row
/// would: what a grain wrote is kept as a deep copy, so the grain's own object is never what a later activation reads.
/// </summary>
public sealed class WipeableGrainStorage(DeepCopier copier) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ConcurrentDictionary<(string State, GrainId Grain), object?> stored = new();
    private long etag;

    /// <summary>Removes the state <paramref name="stateName"/> of <paramref name="grain"/>; true when there was one.</summary>
    public bool Wipe(string stateName, GrainId grain) => stored.TryRemove((stateName, grain), out _);

    /// <summary>A copy of what <paramref name="grain"/> last wrote as <paramref name="stateName"/>.</summary>
    public T? Read<T>(string stateName, GrainId grain) => stored.TryGetValue((stateName, grain), out var state) ? copier.Copy((T?)state) : default;

    /// <summary>Puts <paramref name="state"/> back as what <paramref name="grain"/> wrote (e.g. an older copy).</summary>
    public void Put<T>(string stateName, GrainId grain, T state) => stored[(stateName, grain)] = copier.Copy(state);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (stored.TryGetValue((stateName, grainId), out var state))
        {
            grainState.State = copier.Copy((T)state!);
            grainState.ETag = Interlocked.Read(ref etag).ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        stored[(stateName, grainId)] = copier.Copy(grainState.State);
        grainState.ETag = Interlocked.Increment(ref etag).ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        stored.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    // The memory storage it replaces takes part in the silo's lifecycle, and its registration expects its successor to.
    public void Participate(ISiloLifecycle lifecycle)
    {
    }
}
