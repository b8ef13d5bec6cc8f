using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Ledger;

/// <summary>An assessment as its ledger has it: the assessment, the plan as bought and the sequence of its last event.</summary>
public sealed record RebuiltAssessment(Assessment Assessment, ChallengePlan Plan, long Sequence);
