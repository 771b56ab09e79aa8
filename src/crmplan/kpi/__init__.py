"""A KPI's figures and where they stand: the one rule every report judges a KPI by.

Below every analysis (baseline, journey, review, render): it knows the plan's
models and nothing of the reports that use it.
"""
