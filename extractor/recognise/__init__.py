"""Stage 3 — recognise: one module per kind of thing, each a registered spaCy component."""
from . import numbers  # noqa: F401  (registers vngov_money, vngov_percentages, vngov_quantities)
from . import documents  # noqa: F401  (registers vngov_documents)
