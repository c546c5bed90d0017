"""align: Chinese-English parallel-text alignment that flags what has no counterpart.

Importing the package is cheap: models load only when an encoder is first used.
"""

__version__ = "0.1.0"
