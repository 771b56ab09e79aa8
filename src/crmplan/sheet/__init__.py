"""Workshop spreadsheets: the plan's touchpoints, task-force scores and KPI figures as
workbooks the client's team fills in, and the filled workbooks read back into the plan.

``tables`` says what each kind of workbook holds (columns, rows, drop-down lists) as data;
``xlsx`` writes it as an Excel workbook and ``workbook`` reads one back safely; ``cells``
turns a cell into a plan value; ``compare`` works out what changed since the export and
what may be written; ``apply`` writes it through the lossless editor and checks the result
with the plan's own rules. Nothing here prints.
"""
