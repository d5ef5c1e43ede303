"""The plan: force generation, capability coverage, sustainment and burden sharing."""

from forcegen.analysis.plan.plan import PlanResult, plan

__all__ = ["PlanResult", "plan"]
