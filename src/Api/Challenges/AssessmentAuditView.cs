using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Api.Challenges;

/// <summary>GET …/audit: the grain's audit (the assessment and every phase as its book holds it) plus one time line per phase, in the same order.</summary>
public sealed record AssessmentAuditView(Assessment Assessment, IReadOnlyList<PhaseAudit> Phases, IReadOnlyList<PhaseTimeline> Timelines);
