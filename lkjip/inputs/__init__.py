"""Inputs: the office's data folder and the params of a year, read and validated.

Light on import (no pandas, no pandera): tables are read when first used.
"""

from lkjip.inputs.load import FILES, Inputs, load_year
from lkjip.inputs.params import default_year, load_params
from lkjip.inputs.validate import ValidationReport, validate_year

__all__ = ["FILES", "Inputs", "ValidationReport", "default_year", "load_params", "load_year", "validate_year"]
