from desktop_sync.cli import main

main()
