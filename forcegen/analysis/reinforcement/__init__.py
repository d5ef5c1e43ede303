"""Reinforcement: how fast the force can grow after an order, through which corridors."""

from forcegen.analysis.reinforcement.result import ReinforcementResult
from forcegen.analysis.reinforcement.simulate import simulate

__all__ = ["ReinforcementResult", "simulate"]
