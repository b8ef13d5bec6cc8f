namespace Crucible.Grains.Markets.Replay;

/// <summary>A replay file that cannot be read, with the place to fix it: file, 1-based line and column.</summary>
public sealed class ReplayFormatException(string file, int line, int column, string columnName, string problem)
    : FormatException($"{file}, line {line}, column {column} ({columnName}): {problem}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string ColumnName { get; } = columnName;
}
