"""`python -m align` runs the command line."""

from .cli import main

if __name__ == "__main__":  # not when a worker process (Dask's spawn) imports this module
    main()
