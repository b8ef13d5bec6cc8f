using Crucible.Grains.Interfaces.Alpaca;

namespace Crucible.Grains.Alpaca;

[GenerateSerializer, Alias("crucible.ApiKeyAccountState")]
public sealed class ApiKeyAccountState
{
    [Id(0)] public ApiKeyAccountBinding? Binding { get; set; }
}

/// <summary>One API key's account binding, kept in grain storage so it survives restarts in durable mode.</summary>
public sealed class ApiKeyAccountGrain(
    [PersistentState("api-key-account", StorageNames.Default)] IPersistentState<ApiKeyAccountState> state) : Grain, IApiKeyAccountGrain
{
    async Task IApiKeyAccountGrain.BindAsync(ApiKeyAccountBinding binding)
    {
        state.State.Binding = binding;
        await state.WriteStateAsync();
    }

    Task<ApiKeyAccountBinding?> IApiKeyAccountGrain.GetAsync() => Task.FromResult(state.State.Binding);
}
