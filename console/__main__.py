"""python -m console  ->  the linkdesk command line."""

from console.cli import main

main()
