"""python -m console  ->  the linkdesk command line."""

from console.entry import main

main()
