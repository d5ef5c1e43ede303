"""Computations on a Scenario, one subpackage per engine."""
