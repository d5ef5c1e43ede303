from forcegen.cli import main

main()
