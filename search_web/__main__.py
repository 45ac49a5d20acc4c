"""`python -m search_web`: the web server's command line (see `search_web.cli`)."""

from search_web.cli import main

if __name__ == "__main__":
    main()
