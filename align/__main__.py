"""`python -m align` runs the command line."""

from .cli import main

main()
