"""The data layer: the vocabularies, the schemas of the tables in ``data/``, reading and validating them
(file by file, then across rows and tables), the Dataset that holds them, and what each chapter reads.

Nothing here formats, draws or builds; the layers above (``compute``, ``present``, ``build``) import from here.
"""

from .dataset import Dataset, load

__all__ = ["Dataset", "load"]
