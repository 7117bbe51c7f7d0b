"""Russian words for the domain's codes and numbers, below both services/ and reports/.

Pages, commands and documents say the same things in the same words; the
documents (reports/) may not import services/, so the sentences they share
live here, over domain records only.
"""
