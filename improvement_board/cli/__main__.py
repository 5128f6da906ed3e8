from improvement_board.cli import main

main()
