"""The plan format (schema v1) as pydantic models."""

from crmplan.model.plan import SCHEMA_VERSION, Plan

__all__ = ["SCHEMA_VERSION", "Plan"]
