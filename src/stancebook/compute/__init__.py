"""The compute layer: pure functions from a Dataset to frames and facts (votes, trade, remittances and
migration, the stance index, the claims, the sources behind rows, the data's vintage).

No markup and no figures here: what a fact is called on a page, and how it is drawn, is ``stancebook.present``.
"""
