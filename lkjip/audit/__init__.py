"""The audit: every figure checked, and every disagreement with the published report listed."""

from lkjip.audit.result import AuditResult, audit_year, run_audit

__all__ = ["AuditResult", "audit_year", "run_audit"]
