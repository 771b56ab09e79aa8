"""KPI baselines and RFM segments computed from the client's own order and customer exports.

The definitions are SQL written once, in DuckDB's dialect (:mod:`.clean`,
:mod:`.kpis`, :mod:`.rfm`); :mod:`.engine` runs them on the embedded DuckDB or,
transpiled by SQLGlot, on a warehouse named by a connection URL. Only
aggregates ever leave the engine: no customer id or contact field reaches
Python's side, the plan or the report.
"""
