"""stancebook: an open, reproducible data book on the Central Asian states and Moscow.

The package follows the book's flow, each layer importing only from those before it:

- ``errors``: the errors every layer raises (a broken data rule, a failed build step);
- ``data``: the tables of ``data/``: vocabularies, schemas, reading and validating, the Dataset, chapter scopes;
- ``compute``: pure functions from a Dataset to frames and facts;
- ``present``: the only layer that makes markup or figures: escaping, text, tables, charts, glue, and one
  module per chapter template;
- ``builder``: planning, executing and caching the chapter notebooks, compiling and publishing the book, PDF;
- ``cli``: the ``stancebook`` command.
"""
