"""Sourcing: who should send what, where and when — an exact optimiser (HiGHS), its
explanations, and the proposal each nation owes. Build, solve and explain are separate
steps (``build_model``, ``solve``, ``explain``); ``optimize`` chains them."""

from forcegen.analysis.sourcing.build import OBJECTIVE_TEXT, Relaxation, build_model
from forcegen.analysis.sourcing.explain import explain
from forcegen.analysis.sourcing.inputs import SourcingInputs, SourcingMode, sourcing_inputs
from forcegen.analysis.sourcing.optimize import optimize
from forcegen.analysis.sourcing.result import SourcingResult, UnfilledReason
from forcegen.analysis.sourcing.solve import SolveStatus, solve

__all__ = [
    "OBJECTIVE_TEXT",
    "Relaxation",
    "SolveStatus",
    "SourcingInputs",
    "SourcingMode",
    "SourcingResult",
    "UnfilledReason",
    "build_model",
    "explain",
    "optimize",
    "solve",
    "sourcing_inputs",
]
