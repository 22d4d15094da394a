"""Eligibility engine: pure rules over facts and dated legal parameters (see README.md).

Public API: ``engine.evaluate``, ``engine.evaluate_many``, ``engine.evaluate_cohort``,
``engine.earliest_year``; ``params.params_at``, ``params.validate_all``,
``params.parameter_set_hash``; ``scenarios.main`` (``thidua eligibility check``).
"""
